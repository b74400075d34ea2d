using GroundTruth.Benchmarks.Hosting;
using GroundTruth.Benchmarks.Measurement;
using GroundTruth.Core.Jobs;
using GroundTruth.Core.Manifests;
using GroundTruth.Portal.Features.Jobs;
using GroundTruth.Portal.Security;
using Microsoft.Extensions.Logging;

namespace GroundTruth.Benchmarks;

/// <summary>
/// <c>import --lines N</c>: the portal's manifest import (job creation, then <see cref="ManifestImporter.ImportAsync"/>)
/// on a generated manifest, against <see cref="ManifestReader"/> alone on the same file.
/// </summary>
internal static class ImportBenchmark
{
    public static async Task RunAsync(BenchmarkArguments args, BenchmarkReport report, CancellationToken cancellationToken)
    {
        var lines = args.GetInt32("lines", 1_000_000, 1, 50_000_000);
        var targets = DatabaseTarget.From(args);
        var logLevel = args.GetLogLevel();
        args.EnsureAllUsed();

        using var workspace = new TempFolder();
        var manifest = await GenerateAsync(workspace, lines, report, cancellationToken);
        await ReadOnlyAsync(manifest, report, cancellationToken);
        foreach (var target in targets)
        {
            await using var host = await StartHostAsync(target, logLevel, report, cancellationToken);
            var requester = await CreateRequesterAsync(host, cancellationToken);
            await ImportAsync(host, manifest, requester, $"[{target.Label}]", report, cancellationToken);
        }
    }

    public static async Task<ManifestFile> GenerateAsync(TempFolder workspace, int lines, BenchmarkReport report, CancellationToken cancellationToken)
    {
        using var meter = PhaseMeter.Start("generate manifest (test data)");
        var manifest = await ManifestFile.WriteAsync(Path.Combine(workspace.Path, "input.manifest"), lines, cancellationToken);
        report.Add(meter.Stop(manifest.TotalLines, manifest.Bytes));
        report.Note($"Manifest: {Units.Count(manifest.GoodLines)} good lines, {manifest.RejectedByReader} malformed, {manifest.RejectedByImporter} source-ref (rejected by a text job), "
            + $"{manifest.BlankLines} blank; {Units.Bytes(manifest.Bytes)}.");
        return manifest;
    }

    public static async Task<BenchmarkHost> StartHostAsync(DatabaseTarget target, LogLevel logLevel, BenchmarkReport report, CancellationToken cancellationToken)
    {
        using var meter = PhaseMeter.Start($"start host + migrate [{target.Label}]");
        var host = await BenchmarkHost.StartAsync(target.PostgresServer, logLevel, cancellationToken);
        report.Add(meter.Stop());
        return host;
    }

    /// <summary>A requester and an (empty) team, which is all a job needs to be created and imported.</summary>
    public static async Task<(string RequesterId, Guid TeamId)> CreateRequesterAsync(BenchmarkHost host, CancellationToken cancellationToken)
    {
        var requester = (await host.CreateUsersAsync("requester", 1, Roles.Requester, cancellationToken))[0];
        var team = await host.CreateTeamAsync("import-team", [], cancellationToken);
        return (requester, team);
    }

    /// <summary>Creates a job from <paramref name="manifest"/> and imports it, measuring both; checks the counts.</summary>
    public static async Task<Guid> ImportAsync(
        BenchmarkHost host, ManifestFile manifest, (string RequesterId, Guid TeamId) owner, string label, BenchmarkReport report, CancellationToken cancellationToken)
    {
        var spec = TextJobs.Spec($"import-{Guid.NewGuid():N}"[..20], owner.TeamId, workersPerObject: 1);
        Guid jobId;
        using (var meter = PhaseMeter.Start($"create job: copy manifest to storage {label}"))
        {
            jobId = await host.CreateJobAsync(spec, manifest.Path, owner.RequesterId, cancellationToken);
            report.Add(meter.Stop(manifest.TotalLines, manifest.Bytes));
        }

        using (var meter = PhaseMeter.Start($"import: ManifestImporter.ImportAsync {label}"))
        {
            await host.Get<ManifestImporter>().ImportAsync(jobId, cancellationToken);
            report.Add(meter.Stop(manifest.TotalLines, manifest.Bytes));
        }

        var job = await host.Get<JobService>().GetAsync(jobId, new Caller(owner.RequesterId, IsAdmin: false), cancellationToken)
            ?? throw new InvalidOperationException("The imported job is missing.");
        report.Check($"import {label}",
            job.Status == JobStatus.InProgress && job.Counters.Total == manifest.GoodLines && job.Import.LinesRejected == manifest.RejectedLines
                && job.Import.LinesRead == manifest.GoodLines + manifest.RejectedLines,
            $"status {job.Status}, {Units.Count(job.Counters.Total)} objects (expected {Units.Count(manifest.GoodLines)}), "
                + $"{job.Import.LinesRejected} rejected (expected {manifest.RejectedLines})");
        report.Note($"Database size after import {label}: {Units.Bytes(await host.DatabaseSizeAsync(cancellationToken))} for a {Units.Bytes(manifest.Bytes)} manifest.");
        return jobId;
    }

    private static async Task ReadOnlyAsync(ManifestFile manifest, BenchmarkReport report, CancellationToken cancellationToken)
    {
        using var meter = PhaseMeter.Start("ManifestReader.ReadAsync only (Core, parse + validate)");
        long accepted = 0, rejected = 0;
        await using (var file = new FileStream(manifest.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true))
        {
            await foreach (var entry in ManifestReader.ReadAsync(file, cancellationToken))
            {
                if (entry.Line is not null)
                {
                    accepted++;
                }
                else
                {
                    rejected++;
                }
            }
        }

        report.Add(meter.Stop(manifest.TotalLines, manifest.Bytes));
        report.Check("ManifestReader counts", accepted == manifest.GoodLines + manifest.RejectedByImporter && rejected == manifest.RejectedByReader,
            $"{Units.Count(accepted)} accepted, {rejected} rejected");
    }
}
