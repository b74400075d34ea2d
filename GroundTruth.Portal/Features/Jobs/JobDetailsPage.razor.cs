using GroundTruth.Portal.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace GroundTruth.Portal.Features.Jobs;

public sealed partial class JobDetailsPage
{
    private readonly RefreshThrottle _refresh = new(TimeSpan.FromMilliseconds(500));

    private JobDetails? _job;
    private IReadOnlyList<string> _labelNames = [];
    private IReadOnlyList<ImportErrorRow> _importErrors = [];
    private MudTable<ObjectRow>? _objectsTable;
    private IDisposable? _subscription;
    private bool _notFound;
    private Caller _caller = default!;

    [Parameter]
    public Guid JobId { get; set; }

    [Inject]
    public required JobService Jobs { get; init; }

    [Inject]
    public required JobProgressNotifier Notifier { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _caller = Caller.From((await AuthenticationState).User);
        await LoadAsync();
        if (_notFound)
        {
            // A foreign or unknown job is indistinguishable: 404 during prerender, the not-found page afterwards.
            Navigation.NotFound();
            return;
        }

        _subscription?.Dispose();
        _subscription = Notifier.Subscribe(JobId, OnJobChangedAsync);
    }

    public void Dispose() => _subscription?.Dispose();

    private async Task LoadAsync()
    {
        _job = await Jobs.GetAsync(JobId, _caller);
        _notFound = _job is null;
        _labelNames = _job is null ? [] : [.. _job.Labels.Select(l => l.Label)];
        _importErrors = _job is { Import.LinesRejected: > 0 } ? await Jobs.GetImportErrorsAsync(JobId, _caller, 1000) : [];
    }

    // Many workers may submit per second; refresh at most twice a second, off the notifying thread.
    private async Task OnJobChangedAsync()
    {
        try
        {
            await _refresh.RunAsync(() => InvokeAsync(async () =>
            {
                await LoadAsync();
                if (_objectsTable is not null)
                {
                    await _objectsTable.ReloadServerData();
                }

                StateHasChanged();
            }));
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    private async Task<TableData<ObjectRow>> LoadObjectsAsync(TableState state, CancellationToken cancellationToken)
    {
        var rows = await Jobs.GetObjectsAsync(JobId, _caller, state.Page * state.PageSize, state.PageSize, cancellationToken);
        return new TableData<ObjectRow> { Items = rows, TotalItems = _job?.Counters.Total ?? rows.Count };
    }

    private async Task StopAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Stop this job?",
            "Workers can take no more tasks. Objects labeled so far are kept and written to the output manifest; a stopped job cannot be restarted.",
            yesText: "Stop job", cancelText: "Cancel");
        if (confirmed == true)
        {
            await Jobs.StopAsync(JobId, _caller);
            await LoadAsync();
        }
    }
}
