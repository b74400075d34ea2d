if (args is ["canvas-browser", ..])
{
    return await GroundTruth.Benchmarks.CanvasBrowserBenchmark.RunAsync(args[1..], Console.Out);
}

Console.WriteLine("Hello, World!");
return 0;
