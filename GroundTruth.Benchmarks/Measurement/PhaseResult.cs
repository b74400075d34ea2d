namespace GroundTruth.Benchmarks.Measurement;

/// <summary>What one measured phase did and what it cost.</summary>
/// <param name="Name">The phase, as printed.</param>
/// <param name="Items">Lines, objects or operations processed; 0 when not meaningful.</param>
/// <param name="Bytes">Bytes read or written, for MB/s; 0 when not meaningful.</param>
/// <param name="Elapsed">Wall-clock time.</param>
/// <param name="ProcessCpu">CPU time of this process (all threads).</param>
/// <param name="MachineCpuBusy">Share of all cores busy on the machine (any process), or <c>null</c> off Linux.</param>
/// <param name="AllocatedBytes">Managed bytes allocated by all threads.</param>
/// <param name="Collections">Gen0, gen1 and gen2 collections.</param>
/// <param name="GcPause">Time the GC paused the process.</param>
/// <param name="PeakManagedBytes">Largest managed heap seen (sampled).</param>
/// <param name="PeakWorkingSet">Peak resident set size.</param>
/// <param name="PeakWorkingSetIsPhaseLocal">Whether the peak was reset at the phase start (Linux), or is the process peak so far.</param>
/// <param name="MaxThreadPoolThreads">Most thread-pool threads seen (sampled); growth means blocked threads.</param>
internal sealed record PhaseResult(
    string Name,
    long Items,
    long Bytes,
    TimeSpan Elapsed,
    TimeSpan ProcessCpu,
    double? MachineCpuBusy,
    long AllocatedBytes,
    (int Gen0, int Gen1, int Gen2) Collections,
    TimeSpan GcPause,
    long PeakManagedBytes,
    long PeakWorkingSet,
    bool PeakWorkingSetIsPhaseLocal,
    int MaxThreadPoolThreads)
{
    public double ItemsPerSecond => Items / Elapsed.TotalSeconds;

    public double MegabytesPerSecond => Bytes / 1_000_000.0 / Elapsed.TotalSeconds;
}
