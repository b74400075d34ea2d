using GroundTruth.Core.Annotations;
using GroundTruth.Core.DataObjects;
using GroundTruth.Core.Images;
using GroundTruth.Core.Jobs;
using GroundTruth.Core.Manifests;
using GroundTruth.Core.Review;
using GroundTruth.Core.Storage;
using GroundTruth.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Portal.Features.Jobs;

/// <summary>
/// Imports one job's input manifest: streams it line by line, checks each line (and each image it names), stores
/// accepted lines as data objects in batches and rejected ones in the import report. An import interrupted by a
/// restart resumes after the last stored line.
/// </summary>
public sealed partial class ManifestImporter(
    IDbContextFactory<GroundTruthDbContext> dbFactory,
    IObjectStore store,
    Images.TileService tiles,
    JobFileAccess fileAccess,
    Labeling.EarlierMaskService earlierMasks,
    JobProgressNotifier notifier,
    TimeProvider time,
    ILogger<ManifestImporter> logger)
{
    private const int BatchSize = 2000;

    public async Task ImportAsync(Guid jobId, CancellationToken cancellationToken)
    {
        LabelingJob? job;
        long resumeAfter;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
            if (job is null || job.Status != JobStatus.Initializing || job.InputManifestKey is null)
            {
                return;
            }

            resumeAfter = await db.DataObjects.Where(o => o.JobId == jobId).MaxAsync(o => (long?)o.DatasetObjectId, cancellationToken) ?? -1;
            var lastError = await db.ImportErrors.Where(e => e.JobId == jobId).MaxAsync(e => (long?)e.LineNumber - 1, cancellationToken) ?? -1;
            resumeAfter = Math.Max(resumeAfter, lastError);
        }

        await using var manifest = await store.OpenReadAsync(job.InputManifestKey, cancellationToken);
        if (manifest is null)
        {
            await FinishAsync(jobId, "The input manifest file is missing from storage.", cancellationToken);
            return;
        }

        Log.ImportStarted(logger, job.Name, resumeAfter + 1);
        var descriptor = job.Descriptor;
        var availableUntil = time.GetUtcNow().AddSeconds(job.TaskAvailabilityLifetimeSeconds);
        var objects = new List<DataObject>(BatchSize);
        var errors = new List<ImportError>();
        long lastBytes = 0;
        await foreach (var entry in ManifestReader.ReadAsync(manifest, cancellationToken))
        {
            lastBytes = entry.BytesRead;
            var lineIndex = entry.Line?.LineIndex ?? entry.Error!.LineNumber - 1;
            if (lineIndex <= resumeAfter)
            {
                continue;
            }

            if (entry.Error is { } error)
            {
                errors.Add(new ImportError { JobId = jobId, LineNumber = error.LineNumber, Message = error.Message });
            }
            else
            {
                var (dataObject, problem) = await ToDataObjectAsync(entry.Line!, job, jobId, availableUntil, cancellationToken);
                if (dataObject is not null)
                {
                    objects.Add(dataObject);
                }
                else
                {
                    errors.Add(new ImportError { JobId = jobId, LineNumber = entry.Line!.LineNumber, Message = problem! });
                }
            }

            if (objects.Count + errors.Count >= BatchSize)
            {
                await SaveBatchAsync(jobId, objects, errors, lastBytes, cancellationToken);
            }
        }

        await SaveBatchAsync(jobId, objects, errors, lastBytes, cancellationToken);
        await FinishAsync(jobId, null, cancellationToken);
    }

    private async Task<(DataObject? Object, string? Problem)> ToDataObjectAsync(
        ManifestLine line, LabelingJob job, Guid jobId, DateTimeOffset availableUntil, CancellationToken cancellationToken)
    {
        var descriptor = job.Descriptor;
        var dataObject = new DataObject
        {
            JobId = jobId,
            DatasetObjectId = line.LineIndex,
            ManifestLine = line.Json,
            Source = line.Source,
            Status = DataObjectStatus.Pending,
            AvailableUntil = availableUntil,
        };
        if (descriptor.DataKind == DataKind.Text)
        {
            return line.Kind == SourceKind.Source
                ? (dataObject, null)
                : (null, "This job labels text, so each line needs \"source\" with the text; this line has \"source-ref\".");
        }

        if (line.Kind != SourceKind.SourceRef)
        {
            return (null, "This job labels images, so each line needs \"source-ref\" naming an image file; this line has \"source\".");
        }

        var key = store.TryGetKey(line.Source, out var keyProblem);
        keyProblem = key is null ? keyProblem : await fileAccess.ProblemAsync(key, job.RequesterId, cancellationToken);
        if (key is null || keyProblem is not null)
        {
            return (null, $"\"source-ref\" is not allowed: {keyProblem}");
        }

        // From here the line is a well-formed reference to a file in the data folder, so a problem with the file
        // itself (missing, too large, not a decodable image) makes the object failed, with its reason, rather than
        // rejecting the line: it is counted and shown like any object that could not be labeled, and the job goes on.
        dataObject.Source = key;
        var size = await store.GetSizeAsync(key, cancellationToken);
        if (size is null)
        {
            return (Failed(dataObject, $"The image '{line.Source}' does not exist in the data folder."), null);
        }

        if (size > ImageProbe.MaxFileBytes)
        {
            return (Failed(dataObject, $"The image '{line.Source}' is {size / (1024 * 1024)} MB; the limit is {ImageProbe.MaxFileBytes / (1024 * 1024)} MB."), null);
        }

        ImageInfo? info = null;
        string? imageProblem = "it could not be opened.";
        await using (var image = await store.OpenReadAsync(key, cancellationToken))
        {
            if (image is not null)
            {
                info = ImageProbe.Probe(image, out imageProblem);
            }
        }

        if (info is null)
        {
            return (Failed(dataObject, $"The image '{line.Source}' cannot be used: {imageProblem}"), null);
        }

        if (descriptor.ReviewedShape is { } kind && job.PreAnnotationsAttribute is { } reviewed)
        {
            // Verification shows the earlier classes as they are; adjustment edits them, so they must be the job's labels.
            var labels = descriptor.Review == ReviewKind.Adjustment ? job.Labels : null;
            var (_, reviewProblem) = EarlierLabels.Read(line.Json, reviewed, kind, labels, new ImageSize(info.Width, info.Height));
            if (reviewProblem is not null)
            {
                return (null, reviewProblem);
            }
        }

        if (descriptor.ReviewsMask)
        {
            // Read in full: a verifier or adjuster must never meet a mask that cannot be shown, and adjustment needs
            // every earlier class among the job's labels.
            var earlier = await earlierMasks.ReadAsync(job, line.Json, new ImageSize(info.Width, info.Height), cancellationToken);
            if (earlier.Problem is not null)
            {
                return (null, earlier.Problem);
            }
        }

        dataObject.Source = key;
        dataObject.Width = info.Width;
        dataObject.Height = info.Height;
        if (tiles.ShouldTile(info.Width, info.Height))
        {
            await tiles.QueueAsync(key, cancellationToken);
        }
        return (dataObject, null);
    }

    private DataObject Failed(DataObject dataObject, string reason)
    {
        dataObject.Status = DataObjectStatus.Failed;
        dataObject.FailureReason = reason;
        dataObject.CompletedAt = time.GetUtcNow();
        return dataObject;
    }

    private async Task SaveBatchAsync(Guid jobId, List<DataObject> objects, List<ImportError> errors, long bytesRead, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.DataObjects.AddRange(objects);
        db.ImportErrors.AddRange(errors);
        await db.SaveChangesAsync(cancellationToken);
        var failed = objects.Count(o => o.Status == DataObjectStatus.Failed);
        await db.Jobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.TotalObjects, j => j.TotalObjects + objects.Count)
            .SetProperty(j => j.FailedNonRetryableError, j => j.FailedNonRetryableError + failed)
            .SetProperty(j => j.ImportLinesRead, j => j.ImportLinesRead + objects.Count + errors.Count)
            .SetProperty(j => j.ImportLinesRejected, j => j.ImportLinesRejected + errors.Count)
            .SetProperty(j => j.ImportBytesRead, bytesRead), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        objects.Clear();
        errors.Clear();
        notifier.NotifyChanged(jobId);
    }

    private async Task FinishAsync(Guid jobId, string? failure, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var job = await db.Jobs.FirstAsync(j => j.Id == jobId, cancellationToken);
        if (job.Status != JobStatus.Initializing)
        {
            return;
        }

        failure ??= job.TotalObjects == 0 ? "The input manifest has no valid line; see the import report."
            : job.FailedNonRetryableError == job.TotalObjects ? "None of the images could be used; the objects table gives each one's reason."
            : null;
        job.Status = failure is null ? JobStatus.InProgress : JobStatus.Failed;
        job.FailureReason = failure;
        job.ImportBytesRead = job.ImportBytesTotal;
        job.LastModifiedAt = time.GetUtcNow();
        job.Version = Guid.NewGuid();
        await db.SaveChangesAsync(cancellationToken);
        Log.ImportFinished(logger, job.Name, job.TotalObjects, job.ImportLinesRejected);
        notifier.NotifyChanged(jobId);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Importing the manifest of job {JobName} from line index {FirstLine}")]
        public static partial void ImportStarted(ILogger logger, string jobName, long firstLine);

        [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Imported job {JobName}: {Objects} objects, {Rejected} lines rejected")]
        public static partial void ImportFinished(ILogger logger, string jobName, int objects, long rejected);
    }
}
