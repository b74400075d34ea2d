using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using GroundTruth.Core.Manifests;
using GroundTruth.Core.Storage;
using GroundTruth.Portal.Data;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Portal.Features.Jobs;

/// <summary>Writes a job's output manifest and its per-worker responses in Ground Truth's formats.</summary>
public sealed class OutputManifestService(IDbContextFactory<GroundTruthDbContext> dbFactory, IObjectStore store)
{
    private const int PageSize = 5000;

    /// <summary>
    /// Streams the output manifest: every imported line, labeled or not, in manifest order. Labels come from
    /// <paramref name="runId"/>, else from the job's selected consolidation run, else from the per-object labels.
    /// </summary>
    public async Task WriteAsync(Guid jobId, Stream destination, Guid? runId = null, CancellationToken cancellationToken = default)
    {
        string attribute;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var job = await db.Jobs.Where(j => j.Id == jobId).Select(j => new { j.LabelAttributeName, j.SelectedRunId }).FirstAsync(cancellationToken);
            attribute = job.LabelAttributeName;
            runId ??= job.SelectedRunId;
        }

        // The writer is synchronous; it fills a buffer per page that is then copied to the destination asynchronously.
        using var buffer = new MemoryStream();
        using var writer = new OutputManifestWriter(buffer);
        long after = -1;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var objects = db.DataObjects.AsNoTracking()
                .Where(o => o.JobId == jobId && o.DatasetObjectId > after)
                .OrderBy(o => o.DatasetObjectId)
                .Take(PageSize);
            var page = runId is { } run
                ? await objects
                    .GroupJoin(db.RunLabels.Where(l => l.RunId == run), o => o.Id, l => l.DataObjectId, (o, l) => new { o, l })
                    .SelectMany(x => x.l.DefaultIfEmpty(), (x, l) => new { x.o.DatasetObjectId, x.o.ManifestLine, LabelJson = l == null ? null : l.LabelJson, MetadataJson = l == null ? null : l.MetadataJson })
                    .OrderBy(x => x.DatasetObjectId)
                    .ToListAsync(cancellationToken)
                : await objects.Select(o => new { o.DatasetObjectId, o.ManifestLine, o.LabelJson, o.MetadataJson }).ToListAsync(cancellationToken);
            foreach (var row in page)
            {
                if (row.LabelJson is not null && row.MetadataJson is not null)
                {
                    writer.WriteLabeled(row.ManifestLine, attribute, row.LabelJson, row.MetadataJson);
                }
                else
                {
                    writer.WriteUnlabeled(row.ManifestLine);
                }
            }

            writer.Flush();
            buffer.Position = 0;
            await buffer.CopyToAsync(destination, cancellationToken);
            buffer.SetLength(0);
            if (page.Count < PageSize)
            {
                return;
            }

            after = page[^1].DatasetObjectId;
        }
    }

    /// <summary>Writes the final output manifest to storage (<c>jobs/&lt;id&gt;/manifests/output/output.manifest</c>).</summary>
    public async Task<string> WriteFinalAsync(Guid jobId, CancellationToken cancellationToken = default)
    {
        var key = $"jobs/{jobId:N}/manifests/output/output.manifest";
        await using var stream = await store.OpenWriteAsync(key, cancellationToken);
        await WriteAsync(jobId, stream, cancellationToken: cancellationToken);
        return key;
    }

    /// <summary>
    /// Writes a zip of worker responses in Ground Truth's layout,
    /// <c>annotations/worker-response/iteration-1/&lt;datasetObjectId&gt;/&lt;time&gt;.json</c>, each holding
    /// <c>{"answers":[{answerContent, acceptanceTime, submissionTime, timeSpentInSeconds, workerId}]}</c>.
    /// The time in the file name uses '-' instead of ':' so the archive unpacks on every file system.
    /// </summary>
    public async Task WriteWorkerResponsesAsync(Guid jobId, Stream destination, CancellationToken cancellationToken = default)
    {
        // ZipArchive writes its central directory synchronously, which a response stream refuses; build it in a temp file.
        await using var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            await WriteEntriesAsync(zip, jobId, cancellationToken);
        }

        file.Position = 0;
        await file.CopyToAsync(destination, cancellationToken);
    }

    private async Task WriteEntriesAsync(ZipArchive zip, Guid jobId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = db.Responses.AsNoTracking()
            .Where(r => r.JobId == jobId)
            .Join(db.DataObjects, r => r.DataObjectId, o => o.Id, (r, o) => new { o.DatasetObjectId, r.WorkerId, r.AnswerContent, r.AcceptanceTime, r.SubmissionTime, r.TimeSpentSeconds })
            .OrderBy(x => x.DatasetObjectId)
            .AsAsyncEnumerable();
        long? current = null;
        var answers = new JsonArray();
        DateTimeOffset last = default;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (current is not null && row.DatasetObjectId != current)
            {
                await AddEntryAsync(zip, current.Value, last, answers, cancellationToken);
                answers = [];
            }

            current = row.DatasetObjectId;
            last = row.SubmissionTime > last ? row.SubmissionTime : last;
            answers.Add(new JsonObject
            {
                ["answerContent"] = await WithInlineMaskAsync(JsonNode.Parse(row.AnswerContent)!.AsObject(), cancellationToken),
                ["acceptanceTime"] = row.AcceptanceTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["submissionTime"] = row.SubmissionTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                ["timeSpentInSeconds"] = Math.Round(row.TimeSpentSeconds, 3),
                ["workerId"] = row.WorkerId,
            });
        }

        if (current is not null)
        {
            await AddEntryAsync(zip, current.Value, last, answers, cancellationToken);
        }
    }

    /// <summary>
    /// A segmentation answer keeps its mask in the store (<c>labeledImage.pngImageRef</c>); the worker-response file
    /// carries it inline as <c>pngImageData</c>, the crowd element's own shape.
    /// </summary>
    private async Task<JsonObject> WithInlineMaskAsync(JsonObject answer, CancellationToken cancellationToken)
    {
        if (Core.Segmentation.SegmentationMask.MaskKeyOf(answer) is not { } key
            || answer[Core.Segmentation.SegmentationMask.CrowdElement]?["labeledImage"] is not JsonObject labeledImage)
        {
            return answer;
        }

        await using var stream = await store.OpenReadAsync(key, cancellationToken);
        if (stream is null)
        {
            return answer;
        }

        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, cancellationToken);
        labeledImage.Remove("pngImageRef");
        labeledImage["pngImageData"] = Convert.ToBase64String(copy.GetBuffer(), 0, (int)copy.Length);
        return answer;
    }

    private static async Task AddEntryAsync(ZipArchive zip, long datasetObjectId, DateTimeOffset time, JsonArray answers, CancellationToken cancellationToken)
    {
        var name = $"annotations/worker-response/iteration-1/{datasetObjectId}/{time.UtcDateTime:yyyy-MM-dd_HH-mm-ss}.json";
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        await using var stream = await entry.OpenAsync(cancellationToken);
        await JsonSerializer.SerializeAsync(stream, new JsonObject { ["answers"] = answers }, cancellationToken: cancellationToken);
    }
}
