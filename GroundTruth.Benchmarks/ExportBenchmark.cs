using System.Text.Json.Nodes;
using GroundTruth.Benchmarks.Hosting;
using GroundTruth.Benchmarks.Measurement;
using GroundTruth.Core.Consolidation;
using GroundTruth.Core.DataObjects;
using GroundTruth.Core.Jobs;
using GroundTruth.Core.Manifests;
using GroundTruth.Portal.Features.Jobs;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Benchmarks;

/// <summary>
/// <c>export --objects N</c>: imports N lines, labels every object in one UPDATE (label and Ground Truth metadata as
/// consolidation writes them), then times <see cref="OutputManifestService.WriteAsync"/> to a file. Two diagnostic
/// phases split the cost: the service's page query alone, and <see cref="OutputManifestWriter"/> alone on rows in memory.
/// </summary>
internal static class ExportBenchmark
{
    // The service's page size; the diagnostic query pages the same way.
    private const int PageSize = 5000;

    public static async Task RunAsync(BenchmarkArguments args, BenchmarkReport report, CancellationToken cancellationToken)
    {
        var objects = args.GetInt32("objects", 1_000_000, 1, 50_000_000);
        var toNull = args.GetString("to") switch
        {
            null or "file" => false,
            "null" => true,
            var other => throw new UsageException($"--to takes file or null; '{other}' is neither."),
        };
        var targets = DatabaseTarget.From(args);
        var logLevel = args.GetLogLevel();
        args.EnsureAllUsed();

        using var workspace = new TempFolder();
        var manifest = await ImportBenchmark.GenerateAsync(workspace, objects, report, cancellationToken);
        foreach (var target in targets)
        {
            var label = $"[{target.Label}]";
            await using var host = await ImportBenchmark.StartHostAsync(target, logLevel, report, cancellationToken);
            var owner = await ImportBenchmark.CreateRequesterAsync(host, cancellationToken);
            var jobId = await ImportBenchmark.ImportAsync(host, manifest, owner, label, report, cancellationToken);
            await LabelAllAsync(host, jobId, label, report, cancellationToken);
            var outputPath = Path.Combine(workspace.Path, $"output-{target.Label}.manifest");
            await ExportAsync(host, jobId, toNull ? null : outputPath, manifest.GoodLines, label, report, cancellationToken);
            await QueryOnlyAsync(host, jobId, label, report, cancellationToken);
            await WriterOnlyAsync(host, jobId, manifest.GoodLines, label, report, cancellationToken);
            if (!toNull)
            {
                File.Delete(outputPath);
            }
        }
    }

    /// <summary>Labels every object as consolidation would: label = class index, metadata completed by <see cref="LabelMetadata"/>.</summary>
    private static async Task LabelAllAsync(BenchmarkHost host, Guid jobId, string label, BenchmarkReport report, CancellationToken cancellationToken)
    {
        await using var db = await host.Database.CreateDbContextAsync(cancellationToken);
        var job = await db.Jobs.AsNoTracking().FirstAsync(j => j.Id == jobId, cancellationToken);
        var now = DateTimeOffset.UtcNow;
        var metadata = TextJobs.Labels
            .Select(l => LabelMetadata.Complete(new JsonObject { ["class-name"] = l.Label, ["confidence"] = 0.67 }, job.Descriptor.OutputType, job.Name, humanAnnotated: true, now).ToJsonString())
            .ToArray();
        using var meter = PhaseMeter.Start($"label all objects: one UPDATE (setup) {label}");
        var updated = await db.DataObjects.Where(o => o.JobId == jobId).ExecuteUpdateAsync(s => s
            .SetProperty(o => o.Status, DataObjectStatus.Labeled)
            .SetProperty(o => o.LabelJson, o => o.DatasetObjectId % 3 == 0 ? "0" : o.DatasetObjectId % 3 == 1 ? "1" : "2")
            .SetProperty(o => o.MetadataJson, o => o.DatasetObjectId % 3 == 0 ? metadata[0] : o.DatasetObjectId % 3 == 1 ? metadata[1] : metadata[2])
            .SetProperty(o => o.CompletedAt, now), cancellationToken);
        report.Add(meter.Stop(updated));
        report.Note($"Sample metadata: {metadata[1]}");
    }

    private static async Task ExportAsync(BenchmarkHost host, Guid jobId, string? outputPath, long expectedObjects, string label, BenchmarkReport report, CancellationToken cancellationToken)
    {
        var output = host.Get<OutputManifestService>();
        using var meter = PhaseMeter.Start($"export: OutputManifestService.WriteAsync → {(outputPath is null ? "Stream.Null" : "file")} {label}");
        long bytes;
        await using (var destination = outputPath is null
            ? new CountingStream()
            : (Stream)new FileStream(outputPath, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
        {
            await output.WriteAsync(jobId, destination, cancellationToken: cancellationToken);
            bytes = destination.Length;
        }

        report.Add(meter.Stop(expectedObjects, bytes));
        if (outputPath is not null)
        {
            var (lines, labeled) = await CountOutputAsync(outputPath, cancellationToken);
            report.Check($"export {label}", lines == expectedObjects && labeled == expectedObjects,
                $"{Units.Count(lines)} lines, {Units.Count(labeled)} with \"{TextJobs.LabelAttributeName}-metadata\" (expected {Units.Count(expectedObjects)}); {Units.Bytes(bytes)}");
        }
    }

    private static async Task<(long Lines, long Labeled)> CountOutputAsync(string path, CancellationToken cancellationToken)
    {
        long lines = 0, labeled = 0;
        var marker = $"\"{TextJobs.LabelAttributeName}-metadata\":";
        using var reader = new StreamReader(path);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lines++;
            if (line.Contains(marker, StringComparison.Ordinal))
            {
                labeled++;
            }
        }

        return (lines, labeled);
    }

    /// <summary>Diagnostic: the service's keyset-paged query, same shape, nothing written.</summary>
    private static async Task QueryOnlyAsync(BenchmarkHost host, Guid jobId, string label, BenchmarkReport report, CancellationToken cancellationToken)
    {
        using var meter = PhaseMeter.Start($"  diagnostic: page query only (EF, no writing) {label}");
        long after = -1, rows = 0, chars = 0;
        while (true)
        {
            await using var db = await host.Database.CreateDbContextAsync(cancellationToken);
            var page = await db.DataObjects.AsNoTracking()
                .Where(o => o.JobId == jobId && o.DatasetObjectId > after)
                .OrderBy(o => o.DatasetObjectId)
                .Take(PageSize)
                .Select(o => new { o.DatasetObjectId, o.ManifestLine, o.LabelJson, o.MetadataJson })
                .ToListAsync(cancellationToken);
            rows += page.Count;
            chars += page.Sum(r => r.ManifestLine.Length + (r.LabelJson?.Length ?? 0) + (r.MetadataJson?.Length ?? 0));
            if (page.Count < PageSize)
            {
                break;
            }

            after = page[^1].DatasetObjectId;
        }

        report.Add(meter.Stop(rows, chars));
    }

    /// <summary>Diagnostic: <see cref="OutputManifestWriter"/> alone, as the service drives it, on one page of real rows reused.</summary>
    private static async Task WriterOnlyAsync(BenchmarkHost host, Guid jobId, long objects, string label, BenchmarkReport report, CancellationToken cancellationToken)
    {
        string[][] rows;
        await using (var db = await host.Database.CreateDbContextAsync(cancellationToken))
        {
            rows = [.. (await db.DataObjects.AsNoTracking().Where(o => o.JobId == jobId).OrderBy(o => o.DatasetObjectId).Take(PageSize)
                .Select(o => new { o.ManifestLine, o.LabelJson, o.MetadataJson }).ToListAsync(cancellationToken))
                .Select(r => new[] { r.ManifestLine, r.LabelJson!, r.MetadataJson! })];
        }

        using var meter = PhaseMeter.Start($"  diagnostic: OutputManifestWriter only (Core, no DB) {label}");
        long bytes = 0;
        using (var buffer = new MemoryStream())
        using (var writer = new OutputManifestWriter(buffer))
        {
            for (long i = 0; i < objects; i++)
            {
                var row = rows[i % rows.Length];
                writer.WriteLabeled(row[0], TextJobs.LabelAttributeName, row[1], row[2]);
                if ((i + 1) % PageSize == 0 || i + 1 == objects)
                {
                    writer.Flush();
                    bytes += buffer.Length;
                    buffer.SetLength(0);
                }
            }
        }

        report.Add(meter.Stop(objects, bytes));
    }
}
