using GroundTruth.Benchmarks;
using GroundTruth.Benchmarks.Measurement;

const string Usage = """
    Usage: dotnet run -c Release --project GroundTruth.Benchmarks -- <verb> [options]

      import  --lines N                        generate an N-line manifest; time ManifestReader alone, then job creation and ManifestImporter
      export  --objects N [--to file|null]     import N lines, label them all, time OutputManifestService.WriteAsync
      claims  --workers W --objects N --per-object K
                                               W parallel workers claim and submit until every object has K answers; latency percentiles
      canvas-browser, ner-browser              the annotators in headless Chromium (their own options; see those files)
      submit-next [--tasks 15]                 the real portal in Chromium: click Submit → next task's image painted
      ds-speed [answers], ds-accuracy, boxes-accuracy [images] [seed], boxes-speed [images]
                                               consolidation speed and accuracy (Consolidation/ConsolidationBenchmarks.cs)

    import, export, claims:
                --pg "Host=…;Port=…;Username=…"  also run on PostgreSQL (a fresh database, dropped afterwards)
                --db sqlite|pg|both            which databases (default: both with --pg, else sqlite)
                --log-level Warning            what the portal's services log to stderr (the portal's appsettings uses Information)
    Defaults: --lines 1000000, --objects 1000000 (export) or 2000 (claims), --workers 50, --per-object 3.
    The report (Markdown) goes to stdout, progress to stderr. Exit code 0 = all checks OK, 2 = a check FAILED, 1 = usage.
    """;

// The consolidation and browser verbs parse their own options and print their own figures.
if (args is ["ds-speed" or "ds-accuracy" or "boxes-accuracy" or "boxes-speed", ..])
{
    return GroundTruth.Benchmarks.Consolidation.ConsolidationBenchmarks.Run(args);
}

if (args is ["ner-browser", ..])
{
    return await NerBrowserBenchmark.RunAsync(args[1..]);
}

if (args is ["submit-next", ..])
{
    return await SubmitNextBenchmark.RunAsync(args[1..], Console.Out);
}

if (args is ["canvas-browser", ..])
{
    return await CanvasBrowserBenchmark.RunAsync(args[1..], Console.Out);
}

Func<BenchmarkArguments, BenchmarkReport, CancellationToken, Task>? verb = args.FirstOrDefault() switch
{
    "import" => ImportBenchmark.RunAsync,
    "export" => ExportBenchmark.RunAsync,
    "claims" => ClaimsBenchmark.RunAsync,
    _ => null,
};
if (verb is null)
{
    Console.Error.WriteLine(args.Length == 0 || args[0] is "-h" or "--help" or "help" ? Usage : $"Unknown verb '{args[0]}'.\n\n{Usage}");
    return 1;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

try
{
    var options = BenchmarkArguments.Parse(args[0], args[1..]);
    var report = new BenchmarkReport(options.CommandLine);
    await verb(options, report, cancellation.Token);
    report.Write(Console.Out);
    return report.AllChecksPassed ? 0 : 2;
}
catch (UsageException ex)
{
    Console.Error.WriteLine($"{ex.Message}\n\n{Usage}");
    return 1;
}
