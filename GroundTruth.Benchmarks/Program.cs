if (args is ["ner-browser", ..])
{
    return await GroundTruth.Benchmarks.NerBrowserBenchmark.RunAsync(args[1..]);
}

Console.WriteLine("Hello, World!");
return 0;
