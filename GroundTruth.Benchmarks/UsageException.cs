namespace GroundTruth.Benchmarks;

/// <summary>The command line is wrong; its message says how, and the usage is printed after it.</summary>
internal sealed class UsageException(string message) : Exception(message);
