using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Jobs;
using GroundTruth.Portal.Features.Jobs;
using GroundTruth.Portal.Security;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace GroundTruth.Portal.Features.Consolidation;

public sealed partial class ConsolidationPanel
{
    private readonly Jobs.RefreshThrottle _refresh = new(TimeSpan.FromMilliseconds(500));

    private IReadOnlyList<RunSummary> _runs = [];
    private IReadOnlyList<WorkerQualityRow> _workers = [];
    private IReadOnlyList<DisagreementRow> _disagreements = [];
    private string _method = "ds";
    private int _iterations = 100;
    private double _strength = 2.0;
    private double _threshold = 0.7;
    private IDisposable? _subscription;

    [Inject]
    public required ConsolidationService Consolidation { get; init; }

    [Inject]
    public required JobProgressNotifier Notifier { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Parameter, EditorRequired]
    public required Guid JobId { get; set; }

    [Parameter, EditorRequired]
    public required Caller Caller { get; set; }

    [Parameter]
    public TaskType TaskType { get; set; } = TaskType.ImageClassification;

    private bool _classification;
    private TaskType? _initializedFor;

    protected override async Task OnParametersSetAsync()
    {
        if (_initializedFor != TaskType)
        {
            _initializedFor = TaskType;
            _classification = ConsolidationSettings.ClassifiesWholeObjects(TaskTypes.Get(TaskType));
            _method = _classification ? "ds" : "weighted";
            _iterations = _classification ? 100 : 10;
        }

        _subscription ??= Notifier.Subscribe(JobId, OnJobChangedAsync);
        await LoadAsync();
    }

    // Workers may submit many times a second, and worker quality of a shape job consolidates the whole job. So a
    // notification reloads only the runs, at most twice a second (as the job page does); quality and disagreements
    // follow when a run starts, finishes or is chosen, after the panel's own actions, and on Refresh.
    private async Task OnJobChangedAsync()
    {
        try
        {
            await _refresh.RunAsync(() => InvokeAsync(async () =>
            {
                var before = RunStates(_runs);
                _runs = await Consolidation.ListRunsAsync(JobId, Caller);
                if (RunStates(_runs) != before)
                {
                    await LoadAsync();
                }

                StateHasChanged();
            }));
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    private static string RunStates(IReadOnlyList<RunSummary> runs) => string.Join(';', runs.Select(r => $"{r.Id}:{r.Status}:{r.Selected}"));

    private async Task LoadAsync()
    {
        _runs = await Consolidation.ListRunsAsync(JobId, Caller);
        _workers = await Consolidation.GetWorkerQualityAsync(JobId, _runs.FirstOrDefault(r => r.Selected)?.Id, Caller);
        _disagreements = await Consolidation.GetDisagreementsAsync(JobId, _threshold, Caller);
    }

    private async Task StartAsync()
    {
        var (_, errors) = await Consolidation.StartRunAsync(JobId, new ConsolidationSettings(_method, _iterations, _strength), Caller);
        foreach (var error in errors)
        {
            Snackbar.Add(error, Severity.Error);
        }

        await LoadAsync();
    }

    private async Task SelectAsync(Guid? runId)
    {
        await Consolidation.SelectRunAsync(JobId, runId, Caller);
        await LoadAsync();
    }

    private async Task ThresholdChangedAsync(double value)
    {
        _threshold = value;
        _disagreements = await Consolidation.GetDisagreementsAsync(JobId, _threshold, Caller);
    }

    private async Task SendBackAllAsync()
    {
        var reopened = await Consolidation.SendBackAsync(JobId, [.. _disagreements.Select(d => d.DataObjectId)], 1, Caller);
        Snackbar.Add($"{reopened} objects sent back for one more worker.", Severity.Info);
        await LoadAsync();
    }

    public void Dispose() => _subscription?.Dispose();
}
