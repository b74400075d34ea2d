namespace GroundTruth.Portal.Features.Consolidation;

/// <summary>Computes queued consolidation runs in the background, one at a time, so the UI never waits on them; resumes runs a restart interrupted.</summary>
public sealed partial class ConsolidationRunner(ConsolidationRuns queue, ConsolidationService service, ILogger<ConsolidationRunner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var interrupted in await service.RequeueInterruptedAsync(stoppingToken))
        {
            await queue.EnqueueAsync(interrupted, stoppingToken);
        }

        await foreach (var runId in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await service.ExecuteRunAsync(runId, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRunFailed(logger, ex, runId);
            }
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Error, Message = "Consolidation run {RunId} failed")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, Guid runId);
}
