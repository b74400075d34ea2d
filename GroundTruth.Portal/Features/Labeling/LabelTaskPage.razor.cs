using GroundTruth.Portal.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace GroundTruth.Portal.Features.Labeling;

public sealed partial class LabelTaskPage
{
    private enum PageState
    {
        Loading,
        Working,
        Gone,
        Finished,
    }

    private PageState _state = PageState.Loading;
    private TaskForWorker? _task;
    private ClassificationTask? _taskView;
    private string _workerId = "";
    private string? _message;
    private bool _busy;
    private bool _expired;

    [Parameter]
    public long TaskId { get; set; }

    [Inject]
    public required LabelingService Labeling { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _workerId = Caller.From((await AuthenticationState).User).UserId;
        _task = await Labeling.GetTaskAsync(TaskId, _workerId);
        _state = _task is null ? PageState.Gone : PageState.Working;
        _message = null;
        _expired = false;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_taskView is not null && _state == PageState.Working)
        {
            await _taskView.FocusAsync();
        }
    }

    private Task SubmitAsync(IReadOnlyList<string> labels) =>
        SubmitWithAsync(task => Labeling.SubmitAsync(task.TaskId, _workerId, labels));

    /// <summary>Submits an answer in the crowd element's output shape (from the annotation tools).</summary>
    private Task SubmitAnswerAsync(System.Text.Json.Nodes.JsonObject answer) =>
        SubmitWithAsync(task => Labeling.SubmitAnswerAsync(task.TaskId, _workerId, answer));

    /// <summary>Saves the tool's work in progress (debounced by the tool, never per pointer move).</summary>
    private async Task SaveDraftAsync(string draftJson)
    {
        if (_task is not null && !await Labeling.SaveDraftAsync(_task.TaskId, _workerId, draftJson))
        {
            _message = "The draft could not be saved: the task is no longer yours.";
        }
    }

    private async Task SubmitWithAsync(Func<TaskForWorker, Task<TaskOutcome>> submit)
    {
        if (_task is null || _busy)
        {
            return;
        }

        _busy = true;
        try
        {
            var outcome = await submit(_task);
            if (!outcome.Succeeded)
            {
                _message = outcome.Message;
                _expired = outcome.Kind == TaskOutcomeKind.Expired;
                return;
            }

            await MoveToNextAsync(_task.JobId);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ReleaseAsync()
    {
        if (_task is not null)
        {
            await Labeling.ReleaseAsync(_task.TaskId, _workerId);
            await MoveToNextAsync(_task.JobId);
        }
    }

    private async Task DeclineAsync()
    {
        if (_task is not null)
        {
            await Labeling.DeclineAsync(_task.TaskId, _workerId);
            await MoveToNextAsync(_task.JobId);
        }
    }

    private void OnExpired()
    {
        _expired = true;
        _message = "The time limit for this task ran out. Release it to take the next one.";
    }

    private async Task MoveToNextAsync(Guid jobId)
    {
        var next = await Labeling.ClaimNextAsync(jobId, _workerId);
        if (next is null)
        {
            _task = null;
            _state = PageState.Finished;
            return;
        }

        Navigation.NavigateTo($"/work/tasks/{next}");
    }
}
