namespace GroundTruth.Benchmarks.Measurement;

/// <summary>Latency percentiles of one operation, in milliseconds.</summary>
internal sealed record LatencySummary(int Count, double Mean, double P50, double P95, double P99, double Max);
