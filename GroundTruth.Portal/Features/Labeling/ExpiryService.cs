using GroundTruth.Portal.Hosting;
using Microsoft.Extensions.Options;

namespace GroundTruth.Portal.Features.Labeling;

/// <summary>Periodically returns expired leases to the pool and fails objects past their availability lifetime.</summary>
public sealed partial class ExpiryService(LabelingService labeling, IOptions<PortalOptions> options, TimeProvider time, ILogger<ExpiryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ExpirySweepInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await labeling.SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "The expiry sweep failed; it runs again at the next tick")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
