using System.Data.Common;
using Bunit;
using GroundTruth.Core.Jobs;
using GroundTruth.Portal.Data;
using GroundTruth.Portal.Features.Consolidation;
using GroundTruth.Portal.Features.Jobs;
using GroundTruth.Portal.Security;
using GroundTruth.Tests.TestSupport;
using GroundTruth.Tests.TestSupport.Builders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace GroundTruth.Tests.Portal.Features.Consolidation;

/// <summary>
/// The consolidation panel on a live job: progress notifications (one per submission) must not re-read every answer
/// (for shape jobs, re-consolidate the whole job) each time.
/// </summary>
public sealed class ConsolidationPanelTests : IAsyncLifetime
{
    private readonly AnswerReadCounter _answerReads = new();
    private readonly PortalFactory _portal;
    private readonly BunitContext _context = new();

    public ConsolidationPanelTests() =>
        _portal = new PortalFactory(services: s => s.ConfigureDbContext<SqliteGroundTruthDbContext>(o => o.AddInterceptors(_answerReads)));

    public ValueTask InitializeAsync() => _portal.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await _portal.DisposeAsync();
    }

    [Fact]
    public async Task Panel_ManyProgressNotificationsWithoutARunChange_ReloadsWorkerQualityOnlyOnRefresh()
    {
        // Arrange: a finished keypoint job (worker quality consolidates it whole) shown in the panel.
        var job = await LabeledKeypointJob.CreateAsync(_portal);
        var notifier = _portal.Get<JobProgressNotifier>();
        // The portal's own services over its database; MudBlazor's as PortalTestContext adds them.
        _context.Services.AddMudServices();
        _context.Services.AddSingleton(_portal.Get<ConsolidationService>());
        _context.Services.AddSingleton(notifier);
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Render<MudBlazor.MudPopoverProvider>();
        var cut = _context.Render<ConsolidationPanel>(p => p
            .Add(x => x.JobId, job.JobId)
            .Add(x => x.Caller, new Caller(job.RequesterId, IsAdmin: false))
            .Add(x => x.TaskType, TaskType.Keypoint));
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=worker-quality] tbody tr").Count), TimeSpan.FromSeconds(10));
        var before = _answerReads.Count;

        // Act 1: a burst of submissions' notifications.
        for (var i = 0; i < 20; i++)
        {
            notifier.NotifyChanged(job.JobId);
        }

        await Task.Delay(1500);

        // Assert 1: no answer was re-read.
        Assert.Equal(before, _answerReads.Count);

        // Act 2, Assert 2: the requester asks for fresh numbers.
        await cut.Find("button[data-testid=refresh-quality]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.True(_answerReads.Count > before), TimeSpan.FromSeconds(10));
    }

    /// <summary>Counts queries that read workers' answers.</summary>
    private sealed class AnswerReadCounter : DbCommandInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("FROM \"Responses\"", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _count);
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
