using GroundTruth.Core.Jobs;
using GroundTruth.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Portal.Features.Jobs;

/// <summary>Runs queued manifest imports one at a time, and resumes imports a restart interrupted.</summary>
public sealed partial class ManifestImportService(
    ManifestImports queue,
    ManifestImporter importer,
    IDbContextFactory<GroundTruthDbContext> dbFactory,
    ILogger<ManifestImportService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(stoppingToken))
        {
            foreach (var id in await db.Jobs.Where(j => j.Status == JobStatus.Initializing).Select(j => j.Id).ToListAsync(stoppingToken))
            {
                await queue.EnqueueAsync(id, stoppingToken);
            }
        }

        await foreach (var jobId in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await importer.ImportAsync(jobId, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogImportFailed(logger, ex, jobId);
                await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
                await db.Jobs.Where(j => j.Id == jobId && j.Status == JobStatus.Initializing).ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.Status, JobStatus.Failed)
                    .SetProperty(j => j.FailureReason, "The import stopped on an unexpected error; see the server log."), stoppingToken);
            }
        }
    }

    [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "Import of job {JobId} failed")]
    private static partial void LogImportFailed(ILogger logger, Exception exception, Guid jobId);
}
