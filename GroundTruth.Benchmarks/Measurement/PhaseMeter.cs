using System.Diagnostics;

namespace GroundTruth.Benchmarks.Measurement;

/// <summary>
/// Measures one phase: wall and CPU time, allocations, collections and GC pauses, and peaks of the managed heap,
/// the working set and the thread pool. Starts from a collected heap so a phase does not pay for the last one's garbage.
/// </summary>
internal sealed class PhaseMeter : IDisposable
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(50);

    private readonly string _name;
    private readonly Process _process = Process.GetCurrentProcess();
    private readonly bool _peakReset;
    private readonly long _startTimestamp;
    private readonly TimeSpan _startCpu;
    private readonly (long Busy, long Total)? _startMachine;
    private readonly long _startAllocated;
    private readonly int[] _startCollections;
    private readonly TimeSpan _startPause;
    private readonly Timer _sampler;
    private readonly Lock _lock = new();
    private long _peakManaged;
    private int _maxThreads;

    private PhaseMeter(string name)
    {
        _name = name;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        _peakReset = MachineStats.TryResetPeakWorkingSet();
        _startCollections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        _startPause = GC.GetTotalPauseDuration();
        _startAllocated = GC.GetTotalAllocatedBytes(precise: true);
        _startMachine = MachineStats.CpuTicks();
        _process.Refresh();
        _startCpu = _process.TotalProcessorTime;
        Sample();
        _sampler = new Timer(_ => Sample(), null, SampleInterval, SampleInterval);
        _startTimestamp = Stopwatch.GetTimestamp();
    }

    public static PhaseMeter Start(string name) => new(name);

    /// <summary>Ends the phase.</summary>
    /// <param name="items">What was processed (lines, objects, operations), for items/s.</param>
    /// <param name="bytes">Bytes read or written, for MB/s.</param>
    public PhaseResult Stop(long items = 0, long bytes = 0)
    {
        var elapsed = Stopwatch.GetElapsedTime(_startTimestamp);
        _sampler.Dispose();
        Sample();
        _process.Refresh();
        var cpu = _process.TotalProcessorTime - _startCpu;
        var machine = MachineStats.CpuTicks();
        double? busy = machine is { } end && _startMachine is { } start && end.Total > start.Total
            ? (double)(end.Busy - start.Busy) / (end.Total - start.Total)
            : null;
        lock (_lock)
        {
            return new PhaseResult(
                _name,
                items,
                bytes,
                elapsed,
                cpu,
                busy,
                GC.GetTotalAllocatedBytes(precise: true) - _startAllocated,
                (GC.CollectionCount(0) - _startCollections[0], GC.CollectionCount(1) - _startCollections[1], GC.CollectionCount(2) - _startCollections[2]),
                GC.GetTotalPauseDuration() - _startPause,
                _peakManaged,
                _process.PeakWorkingSet64,
                _peakReset,
                _maxThreads);
        }
    }

    public void Dispose()
    {
        _sampler.Dispose();
        _process.Dispose();
    }

    private void Sample()
    {
        var managed = GC.GetTotalMemory(forceFullCollection: false);
        var threads = ThreadPool.ThreadCount;
        lock (_lock)
        {
            _peakManaged = Math.Max(_peakManaged, managed);
            _maxThreads = Math.Max(_maxThreads, threads);
        }
    }
}
