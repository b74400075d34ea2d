using System.Diagnostics;
using GroundTruth.Benchmarks.Hosting;
using GroundTruth.Benchmarks.Measurement;
using GroundTruth.Core.Assignment;
using GroundTruth.Core.DataObjects;
using GroundTruth.Core.Jobs;
using GroundTruth.Portal.Features.Jobs;
using GroundTruth.Portal.Features.Labeling;
using GroundTruth.Portal.Security;
using Microsoft.EntityFrameworkCore;

namespace GroundTruth.Benchmarks;

/// <summary>
/// <c>claims --workers W --objects N --per-object K</c>: W simulated workers, all at once, each looping
/// <see cref="LabelingService.ClaimNextAsync"/> then <see cref="LabelingService.SubmitAsync"/> until nothing is left
/// for them; then checks that every object got exactly K answers from K different workers.
/// </summary>
internal static class ClaimsBenchmark
{
    private const int WarmUpObjects = 5;

    public static async Task RunAsync(BenchmarkArguments args, BenchmarkReport report, CancellationToken cancellationToken)
    {
        var workers = args.GetInt32("workers", 50, 1, 1000);
        var objects = args.GetInt32("objects", 2000, 1, 10_000_000);
        var perObject = args.GetInt32("per-object", 3, 1, 9);
        var targets = DatabaseTarget.From(args);
        var logLevel = args.GetLogLevel();
        args.EnsureAllUsed();
        if (perObject > workers)
        {
            throw new UsageException($"--per-object {perObject} needs at least that many workers; --workers is {workers}.");
        }

        using var workspace = new TempFolder();
        var manifest = await ManifestFile.WriteAsync(Path.Combine(workspace.Path, "claims.manifest"), objects, cancellationToken);
        var warmUp = await ManifestFile.WriteAsync(Path.Combine(workspace.Path, "warm-up.manifest"), WarmUpObjects, cancellationToken);
        var latencies = new ResultTable("operation", "count", "mean ms", "p50 ms", "p95 ms", "p99 ms", "max ms");
        foreach (var target in targets)
        {
            await using var host = await ImportBenchmark.StartHostAsync(target, logLevel, report, cancellationToken);
            var requester = (await host.CreateUsersAsync("requester", 1, Roles.Requester, cancellationToken))[0];
            var workerIds = await host.CreateUsersAsync("worker", workers, Roles.PrivateWorker, cancellationToken);
            var team = await host.CreateTeamAsync("bench-team", workerIds, cancellationToken);

            // Warm-up: one worker labels a tiny job to the end, so EF's model and every query of the loop (completion
            // and the final output included) are compiled before the clock starts.
            var warmUpJob = await CreateImportedJobAsync(host, warmUp, TextJobs.Spec("warm-up", team, 1), requester, cancellationToken);
            await RunWorkerAsync(host.Get<LabelingService>(), warmUpJob, workerIds[0], seed: 0, new Recorders(), cancellationToken);

            var jobId = await CreateImportedJobAsync(host, manifest, TextJobs.Spec("claims", team, perObject), requester, cancellationToken);
            var recorders = new Recorders();
            var labeling = host.Get<LabelingService>();
            using (var meter = PhaseMeter.Start($"claims: {workers} workers, claim + submit [{target.Label}]"))
            {
                await Task.WhenAll(workerIds.Select((w, i) => Task.Run(() => RunWorkerAsync(labeling, jobId, w, seed: i + 1, recorders, cancellationToken), cancellationToken)));
                var phase = report.Add(meter.Stop(recorders.Claimed.Count + recorders.Submitted.Count));
                report.Note($"[{target.Label}] {Units.Count(recorders.Submitted.Count)} tasks labeled in {Units.Seconds(phase.Elapsed)}: "
                    + $"{Units.Rate(recorders.Submitted.Count / phase.Elapsed.TotalSeconds)} tasks/s, "
                    + $"{Units.Rate(phase.ItemsPerSecond)} claims+submits/s; {Units.Milliseconds(phase.ProcessCpu.TotalMilliseconds / phase.Items)} ms of process CPU per claim or submit.");
                report.Check($"claims [{target.Label}]: no worker failed", recorders.Errors.IsEmpty && recorders.Rejected.IsEmpty,
                    $"{recorders.Errors.Count} errors, {recorders.Rejected.Count} submits not accepted");
            }

            AddLatencies(latencies, target.Label, recorders);
            foreach (var problem in recorders.Errors.Concat(recorders.Rejected).Take(5))
            {
                report.Note($"[{target.Label}] {problem}");
            }

            await VerifyAsync(host, jobId, objects, perObject, target.Label, report, cancellationToken);
        }

        report.AddTable("Latency", latencies);
        report.Note($"Closed loop without think time: each worker claims again as soon as its submit returns, so mean latency ≈ {workers} workers / throughput; "
            + "the tail (p99, max) and the CPU per operation are what carry over to real workers. One task at a time per worker; leases (8 h) never expire "
            + "during the run and the expiry sweep is not running. A warm-up job (one worker, 5 objects) runs first, untimed.");
    }

    private static async Task<Guid> CreateImportedJobAsync(BenchmarkHost host, ManifestFile manifest, JobSpec spec, string requesterId, CancellationToken cancellationToken)
    {
        var jobId = await host.CreateJobAsync(spec, manifest.Path, requesterId, cancellationToken);
        await host.Get<ManifestImporter>().ImportAsync(jobId, cancellationToken);
        return jobId;
    }

    /// <summary>One simulated worker: claim, answer at once, repeat until no task is left for them.</summary>
    private static async Task RunWorkerAsync(LabelingService labeling, Guid jobId, string workerId, int seed, Recorders recorders, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        try
        {
            while (true)
            {
                var start = Stopwatch.GetTimestamp();
                var taskId = await labeling.ClaimNextAsync(jobId, workerId, cancellationToken);
                if (taskId is null)
                {
                    recorders.ClaimedNothing.RecordSince(start);
                    return;
                }

                recorders.Claimed.RecordSince(start);
                start = Stopwatch.GetTimestamp();
                var outcome = await labeling.SubmitAsync(taskId.Value, workerId, [TextJobs.Labels[random.Next(TextJobs.Labels.Count)].Label], cancellationToken);
                recorders.Submitted.RecordSince(start);
                if (outcome.Kind != TaskOutcomeKind.Accepted)
                {
                    // A task that stays live would be handed back by every later claim; stop this worker instead.
                    recorders.Rejected.Add($"{workerId} task {taskId}: {outcome.Kind} {outcome.Message}");
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The service retries conflicts itself; what reaches here is a failure the run must report, not hide.
            recorders.Errors.Add($"{workerId}: {ex.GetType().Name}: {ex.Message}");
        }
    }

    private static void AddLatencies(ResultTable table, string label, Recorders recorders)
    {
        foreach (var (name, recorder) in new[] { ("claim → task", recorders.Claimed), ("claim → nothing left", recorders.ClaimedNothing), ("submit", recorders.Submitted) })
        {
            var s = recorder.Summarize();
            table.Add($"{name} [{label}]", Units.Count(s.Count), Units.Milliseconds(s.Mean), Units.Milliseconds(s.P50), Units.Milliseconds(s.P95),
                Units.Milliseconds(s.P99), Units.Milliseconds(s.Max));
        }
    }

    /// <summary>Every object: labeled, exactly K responses from K distinct workers, no live task left, the job completed.</summary>
    private static async Task VerifyAsync(BenchmarkHost host, Guid jobId, int objects, int perObject, string label, BenchmarkReport report, CancellationToken cancellationToken)
    {
        await using var db = await host.Database.CreateDbContextAsync(cancellationToken);
        var perObjectCounts = await db.DataObjects.AsNoTracking().Where(o => o.JobId == jobId)
            .Select(o => new
            {
                o.Status,
                Responses = db.Responses.Count(r => r.DataObjectId == o.Id),
                Workers = db.Responses.Where(r => r.DataObjectId == o.Id).Select(r => r.WorkerId).Distinct().Count(),
            })
            .ToListAsync(cancellationToken);
        var wrong = perObjectCounts.Count(o => o.Responses != perObject || o.Workers != perObject);
        var unlabeled = perObjectCounts.Count(o => o.Status != DataObjectStatus.Labeled);
        var live = await db.Assignments.CountAsync(a => a.JobId == jobId && a.State == AssignmentState.Active, cancellationToken);
        var status = await db.Jobs.Where(j => j.Id == jobId).Select(j => j.Status).SingleAsync(cancellationToken);
        report.Check($"claims [{label}]: every object has exactly {perObject} responses from distinct workers",
            perObjectCounts.Count == objects && wrong == 0 && unlabeled == 0 && live == 0 && status == JobStatus.Completed,
            $"{Units.Count(perObjectCounts.Count)} objects, {wrong} with a wrong count or a repeated worker, {unlabeled} not labeled, {live} live tasks left, job {status}");
    }

    private sealed class Recorders
    {
        public LatencyRecorder Claimed { get; } = new();

        public LatencyRecorder ClaimedNothing { get; } = new();

        public LatencyRecorder Submitted { get; } = new();

        public System.Collections.Concurrent.ConcurrentBag<string> Errors { get; } = [];

        public System.Collections.Concurrent.ConcurrentBag<string> Rejected { get; } = [];
    }
}
