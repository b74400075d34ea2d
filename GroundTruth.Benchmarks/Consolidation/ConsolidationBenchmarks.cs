using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using GroundTruth.Bench;
using GroundTruth.Core.Consolidation;
using GroundTruth.Core.Consolidation.Classification;
using GroundTruth.Core.Consolidation.Geometry;

namespace GroundTruth.Benchmarks.Consolidation;

/// <summary>
/// Consolidation benchmarks: <c>ds-speed [answers]</c> (Dawid–Skene on a synthetic job), <c>ds-accuracy</c> (the six
/// real data sets in shared/benchmarks/consolidation, strict protocol), <c>boxes-accuracy [images] [seed]</c> and
/// <c>boxes-speed [images]</c> (box consolidation on a synthetic crowd with noisy workers and spammers).
/// </summary>
[SuppressMessage("Performance", "CA1859", Justification = "Benchmark helpers take the same list types the product API takes.")]
public static class ConsolidationBenchmarks
{
    public static int Run(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        switch (args[0])
        {
            case "ds-speed":
                DawidSkeneSpeed(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000);
                return 0;
            case "ds-accuracy":
                AccuracyTable.Print(args.Length > 1 ? args[1] : BenchmarkFolder.Locate(), [], 100);
                return 0;
            case "boxes-accuracy":
                BoxesAccuracy(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3000, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1);
                return 0;
            case "boxes-speed":
                BoxesSpeed(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000);
                return 0;
            default:
                return 1;
        }
    }

    private static void DawidSkeneSpeed(int answerCount)
    {
        const int WorkersPerItem = 10;
        SyntheticJob job = SyntheticJob.Create(
            items: answerCount / WorkersPerItem, workersPerItem: WorkersPerItem, workerPool: 1_000, classes: 4, seed: 42);
        Console.WriteLine(
            $"synthetic job: {job.Answers.Count:N0} answers, {answerCount / WorkersPerItem:N0} items, 1,000 workers, K=4");

        var ds = new DawidSkene();
        ds.Fit(job.Answers); // warm-up (JIT)
        var times = new List<double>();
        DawidSkeneResult? result = null;
        for (int run = 0; run < 3; run++)
        {
            var watch = Stopwatch.StartNew();
            result = ds.Fit(job.Answers);
            watch.Stop();
            times.Add(watch.Elapsed.TotalSeconds);
        }

        times.Sort();
        Console.WriteLine(
            $"DS (default options): best {times[0]:F3} s, median {times[1]:F3} s of 3 runs; {result!.Iterations} iterations, " +
            $"converged={result.Converged}; accuracy vs truth {job.Accuracy(result.Decisions):P2}");

        var capped = new DawidSkene(DawidSkeneOptions.Default with { Tolerance = 0 });
        var capWatch = Stopwatch.StartNew();
        DawidSkeneResult full = capped.Fit(job.Answers);
        capWatch.Stop();
        Console.WriteLine(
            $"DS forced to the cap ({full.Iterations} iterations, tolerance 0, single run): {capWatch.Elapsed.TotalSeconds:F3} s");

        var bccWatch = Stopwatch.StartNew();
        DawidSkeneResult bcc = new BayesianClassifierCombination().Fit(job.Answers);
        bccWatch.Stop();
        Console.WriteLine(
            $"BCC (default options, single run): {bccWatch.Elapsed.TotalSeconds:F3} s; {bcc.Iterations} iterations; " +
            $"accuracy vs truth {job.Accuracy(bcc.Decisions):P2}");

        var mvWatch = Stopwatch.StartNew();
        IReadOnlyList<ClassDecision> mv = new MajorityVote().Consolidate(job.Answers);
        mvWatch.Stop();
        Console.WriteLine($"MV: {mvWatch.Elapsed.TotalSeconds:F3} s; accuracy vs truth {job.Accuracy(mv):P2}");
    }

    private static void BoxesAccuracy(int imageCount, int seed)
    {
        var sim = new BoxSimulation(seed);
        sim.CreatePool(honest: 16, spammers: 4);
        var truths = new List<Box[]>();
        var images = new List<IReadOnlyList<WorkerAnnotations<Box>>>();
        var random = new Random(seed + 1);
        for (var i = 0; i < imageCount; i++)
        {
            var truth = sim.TrueBoxes(random.Next(1, 7));
            truths.Add(truth);
            images.Add(sim.Answers(truth, 5));
        }

        // Oracle ranking of workers against the truth, for the "best single worker" baseline.
        var perWorker = new Dictionary<string, BoxScore>();
        for (var i = 0; i < imageCount; i++)
        {
            foreach (var a in images[i])
            {
                if (!perWorker.TryGetValue(a.WorkerId, out var s))
                {
                    perWorker[a.WorkerId] = s = new BoxScore();
                }

                s.Add(a.Items, truths[i]);
            }
        }

        var rank = perWorker.OrderByDescending(p => p.Value.F1 * p.Value.MeanIou).Select(p => p.Key).ToList();
        var methods = new (string Name, Func<int, IReadOnlyList<Box>> Run)[]
        {
            ("best single worker (oracle-ranked, per image)", i => images[i].OrderBy(a => rank.IndexOf(a.WorkerId)).First().Items),
            ("plain average (no outlier rejection, equal weights)", PlainAverage(images)),
            ("CVAT/Datumaro: member nearest the mean box", NearestToMean(images)),
            ("ours: quorum + mean, equal weights", Ours(images, null, BoxFusion.WeightedMean)),
            ("ours: quorum + median, equal weights", Ours(images, null, BoxFusion.WeightedMedian)),
        };

        var sw = Stopwatch.StartNew();
        var weights = BoxReliability.Estimate(images, iterations: 5);
        var estimateMs = sw.Elapsed.TotalMilliseconds;
        var weighted = new (string Name, Func<int, IReadOnlyList<Box>> Run)[]
        {
            ("ours: quorum + weighted mean, learned weights", Ours(images, weights, BoxFusion.WeightedMean)),
            ("ours: quorum + weighted median, learned weights", Ours(images, weights, BoxFusion.WeightedMedian)),
            ("ours: quorum + weighted mean, learned weights, fusion exponent 8", Ours(images, weights, BoxFusion.WeightedMean, 8)),
            ("ours: quorum + weighted mean, learned weights, fusion exponent 16", Ours(images, weights, BoxFusion.WeightedMean, 16)),
        };

        Console.WriteLine($"boxes-accuracy: {imageCount} images, 5 of 20 workers each (16 honest: edge noise σ = 2–10 % of box size, miss 2–15 %, 10 % extra box, 3 % wrong label; 4 spammers), seed {seed}");
        Console.WriteLine();
        Console.WriteLine("| method | mean IoU (TP) | precision@0.5 | recall@0.5 | F1 |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var (name, run) in methods.Concat(weighted))
        {
            var score = new BoxScore();
            for (var i = 0; i < imageCount; i++)
            {
                score.Add(run(i), truths[i]);
            }

            Console.WriteLine($"| {name} | {score.MeanIou:F3} | {score.Precision:F3} | {score.Recall:F3} | {score.F1:F3} |");
        }

        Console.WriteLine();
        Console.WriteLine($"BoxReliability.Estimate (5 iterations): {estimateMs:F0} ms. Learned weights (spammers first):");
        Console.WriteLine(string.Join(", ", weights.OrderBy(w => w.Key.StartsWith("spam", StringComparison.Ordinal) ? 0 : 1).ThenBy(w => w.Value)
            .Select(w => $"{w.Key}={w.Value:F2}")));
    }

    private static Func<int, IReadOnlyList<Box>> Ours(IReadOnlyList<IReadOnlyList<WorkerAnnotations<Box>>> images, IReadOnlyDictionary<string, double>? weights, BoxFusion fusion, double fusionExponent = 1)
    {
        var c = new BoxConsolidator(new BoxConsolidationOptions { Fusion = fusion, FusionWeightExponent = fusionExponent });
        return i => c.Consolidate(images[i], weights).Select(b => b.Box).ToList();
    }

    private static Func<int, IReadOnlyList<Box>> PlainAverage(IReadOnlyList<IReadOnlyList<WorkerAnnotations<Box>>> images)
    {
        var c = new BoxConsolidator(new BoxConsolidationOptions { QuorumFraction = 0 });
        return i => c.Consolidate(images[i]).Select(b => b.Box).ToList();
    }

    private static Func<int, IReadOnlyList<Box>> NearestToMean(IReadOnlyList<IReadOnlyList<WorkerAnnotations<Box>>> images)
    {
        // Datumaro's ShapeMerger.merge_cluster_shape (used by CVAT consensus merging): cluster, then return the member with
        // the highest IoU to the cluster's mean box. Same clustering and quorum as ours, equal weights; a member is the
        // worker's box with the highest IoU to the mean box.
        var c = new BoxConsolidator();
        return i =>
        {
            var result = new List<Box>();
            foreach (var fused in c.Consolidate(images[i]))
            {
                Box? best = null;
                var bestIou = -1.0;
                foreach (var a in images[i])
                {
                    if (!fused.WorkerIds.Contains(a.WorkerId))
                    {
                        continue;
                    }

                    foreach (var b in a.Items)
                    {
                        var iou = Box.Iou(b, fused.Box);
                        if (iou > bestIou)
                        {
                            bestIou = iou;
                            best = b;
                        }
                    }
                }

                result.Add(best! with { Label = fused.Box.Label });
            }

            return result;
        };
    }

    private static void BoxesSpeed(int imageCount)
    {
        const int workers = 5;
        const int boxesPerWorker = 8;
        var sim = new BoxSimulation(42);
        var images = new WorkerAnnotations<Box>[imageCount][];
        for (var i = 0; i < imageCount; i++)
        {
            images[i] = sim.NoisyCopies(sim.TrueBoxes(boxesPerWorker), workers, 0.05);
        }

        var consolidator = new BoxConsolidator();
        var outputs = new IReadOnlyList<ConsolidatedBox>[imageCount];

        // Warm-up (JIT, thread pool).
        for (var i = 0; i < Math.Min(1000, imageCount); i++)
        {
            outputs[i] = consolidator.Consolidate(images[i]);
        }

        GC.Collect();
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < imageCount; i++)
        {
            outputs[i] = consolidator.Consolidate(images[i]);
        }

        var single = sw.Elapsed.TotalSeconds;
        var total = 0L;
        foreach (var o in outputs)
        {
            total += o.Count;
        }

        GC.Collect();
        sw.Restart();
        Parallel.For(0, imageCount, i => outputs[i] = consolidator.Consolidate(images[i]));
        var parallel = sw.Elapsed.TotalSeconds;

        var median = new BoxConsolidator(new BoxConsolidationOptions { Fusion = BoxFusion.WeightedMedian });
        GC.Collect();
        sw.Restart();
        Parallel.For(0, imageCount, i => outputs[i] = median.Consolidate(images[i]));
        var parallelMedian = sw.Elapsed.TotalSeconds;

        Console.WriteLine($"boxes-speed: {imageCount:N0} images × {workers} workers × {boxesPerWorker} boxes ({Environment.ProcessorCount} cores), {total:N0} output boxes");
        Console.WriteLine();
        Console.WriteLine("| run | seconds | images/s |");
        Console.WriteLine("|---|---|---|");
        Console.WriteLine($"| single thread, weighted mean | {single:F2} | {imageCount / single:N0} |");
        Console.WriteLine($"| Parallel.For, weighted mean | {parallel:F2} | {imageCount / parallel:N0} |");
        Console.WriteLine($"| Parallel.For, weighted median | {parallelMedian:F2} | {imageCount / parallelMedian:N0} |");
    }

}
