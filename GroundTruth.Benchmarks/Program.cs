if (args is ["ner-browser", ..])
{
    return await GroundTruth.Benchmarks.NerBrowserBenchmark.RunAsync(args[1..]);
}

if (args is ["canvas-browser", ..])
{
    return await GroundTruth.Benchmarks.CanvasBrowserBenchmark.RunAsync(args[1..], Console.Out);
}

Console.WriteLine("Hello, World!");
return 0;
