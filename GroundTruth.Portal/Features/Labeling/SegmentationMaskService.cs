using System.Text.Json.Nodes;
using GroundTruth.Core.Annotations;
using GroundTruth.Core.Assignment;
using GroundTruth.Core.Consolidation.Geometry;
using GroundTruth.Core.Jobs;
using GroundTruth.Core.Segmentation;
using GroundTruth.Core.Storage;
using GroundTruth.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Portal.Features.Labeling;

/// <summary>The outcome of uploading a mask: stored, or why not.</summary>
/// <param name="Kind">Accepted, NotFound (not the caller's live task) or Invalid.</param>
/// <param name="Message">What a worker or API client can act on.</param>
public sealed record MaskUploadOutcome(TaskOutcomeKind Kind, string Message);

/// <summary>
/// Keeps semantic-segmentation masks out of the Blazor circuit and the database: the worker's page PUTs the palette
/// PNG to <c>/api/tasks/{taskId}/mask</c>, it is checked (<see cref="SegmentationMask.Check"/>) and stored under
/// <c>jobs/&lt;job&gt;/annotations/worker-masks/&lt;task&gt;.png</c>; drafts and the submit refer to it. Only the worker
/// holding the live task may write or read it.
/// </summary>
public sealed class SegmentationMaskService(IDbContextFactory<GroundTruthDbContext> dbFactory, IObjectStore store, TimeProvider time)
{
    /// <summary>Where the mask of a task (assignment) is kept.</summary>
    public static string MaskKey(Guid jobId, long taskId) =>
        $"jobs/{jobId:N}/annotations/worker-masks/{taskId.ToString(System.Globalization.CultureInfo.InvariantCulture)}.png";

    /// <summary>Where a consolidated mask is written, beside the output manifest (Ground Truth's layout).</summary>
    public static string ConsolidatedKey(Guid jobId, long datasetObjectId, DateTimeOffset at) =>
        $"jobs/{jobId:N}/annotations/consolidated-annotation/output/{datasetObjectId.ToString(System.Globalization.CultureInfo.InvariantCulture)}_{at.UtcDateTime:yyyy-MM-dd'T'HH-mm-ss.ffffff}.png";

    /// <summary>Checks and stores the mask of the worker's live segmentation task.</summary>
    public async Task<MaskUploadOutcome> UploadAsync(long taskId, string workerId, Stream body, CancellationToken cancellationToken = default)
    {
        var task = await FindLiveAsync(taskId, workerId, cancellationToken);
        if (task is null)
        {
            return new MaskUploadOutcome(TaskOutcomeKind.NotFound, "This task is not yours or no longer live.");
        }

        var bytes = await ReadCappedAsync(body, cancellationToken);
        if (bytes is null)
        {
            return new MaskUploadOutcome(TaskOutcomeKind.Invalid, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The mask is larger than {SegmentationMask.MaxBytes:N0} bytes."));
        }

        var check = SegmentationMask.Check(bytes, task.Image, task.Labels.Count);
        if (check.Problem is not null)
        {
            return new MaskUploadOutcome(TaskOutcomeKind.Invalid, check.Problem);
        }

        await store.WriteAsync(MaskKey(task.JobId, taskId), new MemoryStream(bytes), cancellationToken);
        return new MaskUploadOutcome(TaskOutcomeKind.Accepted, "Mask saved.");
    }

    /// <summary>Opens the stored mask of the worker's live task (to restore a draft), or <c>null</c>.</summary>
    public async Task<Stream?> OpenAsync(long taskId, string workerId, CancellationToken cancellationToken = default)
    {
        var task = await FindLiveAsync(taskId, workerId, cancellationToken);
        return task is null ? null : await store.OpenReadAsync(MaskKey(task.JobId, taskId), cancellationToken);
    }

    /// <summary>
    /// Turns a segmentation submit into the answer to record: the mask comes inline (<c>labeledImage.pngImageData</c>,
    /// from API clients) or from the upload of the worker's page; it is checked and stored, and the answer refers to it.
    /// </summary>
    /// <returns>The answer, or the problem; <c>(null, null)</c> when the task is not live (the submit then reports why).</returns>
    public async Task<(JsonObject? Answer, string? Problem)> PrepareAnswerAsync(long taskId, string workerId, JsonObject submitted, CancellationToken cancellationToken = default)
    {
        var task = await FindLiveAsync(taskId, workerId, cancellationToken);
        if (task is null)
        {
            return (null, null);
        }

        if (task.Image is not { } image)
        {
            return (null, "This image's size is not known, so a mask cannot be checked against it.");
        }

        var key = MaskKey(task.JobId, taskId);
        if (SegmentationMask.InlinePngOf(submitted) is not { } base64)
        {
            // An uploaded mask was checked against this image and these labels when it was stored.
            return await store.ExistsAsync(key, cancellationToken)
                ? (SegmentationMask.Answer(task.Labels, image, key), null)
                : (null, "No mask was uploaded for this task.");
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return (null, "labeledImage.pngImageData is not valid base64.");
        }

        var check = SegmentationMask.Check(bytes, image, task.Labels.Count);
        if (check.Problem is not null)
        {
            return (null, check.Problem);
        }

        await store.WriteAsync(key, new MemoryStream(bytes), cancellationToken);
        return (SegmentationMask.Answer(task.Labels, image, key), null);
    }

    /// <summary>Reads the masks the answers refer to (answers whose mask is missing or unreadable are skipped).</summary>
    public async Task<IReadOnlyList<LabelMask>> ReadMasksAsync(IEnumerable<JsonObject> answers, CancellationToken cancellationToken = default)
    {
        var masks = new List<LabelMask>();
        foreach (var answer in answers)
        {
            if (SegmentationMask.MaskKeyOf(answer) is not { } key)
            {
                continue;
            }

            await using var stream = await store.OpenReadAsync(key, cancellationToken);
            if (stream is null)
            {
                continue;
            }

            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, cancellationToken);
            var decoded = PalettePng.Decode(copy.ToArray());
            if (decoded.Problem is null)
            {
                masks.Add(new LabelMask(decoded.Pixels, decoded.Width, decoded.Height));
            }
        }

        return masks;
    }

    private async Task<LiveTask?> FindLiveAsync(long taskId, string workerId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        var row = await (
            from a in db.Assignments.AsNoTracking()
            join o in db.DataObjects on a.DataObjectId equals o.Id
            join j in db.Jobs on a.JobId equals j.Id
            where a.Id == taskId && a.WorkerId == workerId && a.State == AssignmentState.Active && a.LeaseExpiresAt > now
            select new { j.Id, j.TaskType, j.Labels, o.Width, o.Height }).FirstOrDefaultAsync(cancellationToken);
        return row is null || !TaskTypes.Get(row.TaskType).PaintsMask
            ? null
            : new LiveTask(row.Id, row.Labels, row.Width is { } w && row.Height is { } h ? new ImageSize(w, h) : null);
    }

    private static async Task<byte[]?> ReadCappedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > SegmentationMask.MaxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private sealed record LiveTask(Guid JobId, IReadOnlyList<LabelCategory> Labels, ImageSize? Image);
}
