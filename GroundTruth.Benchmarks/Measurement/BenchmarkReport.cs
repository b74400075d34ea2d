using System.Diagnostics;
using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;

namespace GroundTruth.Benchmarks.Measurement;

/// <summary>
/// Collects a run's phases, extra tables and checks, and prints them: progress goes to stderr as phases end,
/// the report to stdout at the end, so <c>&gt; result.md</c> keeps only the report.
/// </summary>
internal sealed class BenchmarkReport(string commandLine)
{
    private readonly string _startLoad = MachineStats.LoadAverage();
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;
    private readonly List<PhaseResult> _phases = [];
    private readonly List<(string Title, ResultTable Table)> _tables = [];
    private readonly List<(string What, bool Ok, string Detail)> _checks = [];
    private readonly List<string> _notes = [];

    public bool AllChecksPassed => _checks.TrueForAll(c => c.Ok);

    public PhaseResult Add(PhaseResult phase)
    {
        _phases.Add(phase);
        Progress($"{phase.Name}: {Units.Seconds(phase.Elapsed)}" + (phase.Items > 0 ? $", {Units.Rate(phase.ItemsPerSecond)}/s" : ""));
        return phase;
    }

    public void AddTable(string title, ResultTable table) => _tables.Add((title, table));

    public void Check(string what, bool ok, string detail)
    {
        _checks.Add((what, ok, detail));
        Progress($"check {what}: {(ok ? "OK" : "FAILED")} ({detail})");
    }

    public void Note(string text) => _notes.Add(text);

    public static void Progress(string message) =>
        Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    public void Write(TextWriter writer)
    {
        writer.WriteLine($"# GroundTruth benchmark: {commandLine}");
        writer.WriteLine();
        writer.WriteLine($"- started {_started:yyyy-MM-dd HH:mm:ss} UTC, took {Units.Seconds(DateTimeOffset.UtcNow - _started)}");
        writer.WriteLine($"- machine: {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, {Units.Bytes(MachineStats.TotalMemoryBytes())} memory");
        writer.WriteLine($"- runtime: {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC"
            + $"{(GCSettings.LatencyMode == GCLatencyMode.Batch ? "" : ", concurrent")}, {BuildConfiguration()} build");
        writer.WriteLine($"- load average (1/5/15 min): {_startLoad} at start, {MachineStats.LoadAverage()} at end");
        writer.WriteLine();

        var throughput = new ResultTable("phase", "items", "time", "items/s", "MB/s", "process CPU", "cores used", "machine busy");
        var memory = new ResultTable("phase", "allocated", "GCs 0/1/2", "GC pause", "peak managed", "peak working set", "max pool threads");
        foreach (var p in _phases)
        {
            throughput.Add(p.Name, p.Items > 0 ? Units.Count(p.Items) : "-", Units.Seconds(p.Elapsed),
                p.Items > 0 ? Units.Rate(p.ItemsPerSecond) : "-", p.Bytes > 0 ? Units.Rate(p.MegabytesPerSecond) : "-",
                Units.Seconds(p.ProcessCpu), (p.ProcessCpu / p.Elapsed).ToString("N2", System.Globalization.CultureInfo.InvariantCulture),
                Units.Percent(p.MachineCpuBusy));
            memory.Add(p.Name, Units.Bytes(p.AllocatedBytes), $"{p.Collections.Gen0}/{p.Collections.Gen1}/{p.Collections.Gen2}",
                Units.Seconds(p.GcPause), Units.Bytes(p.PeakManagedBytes), Units.Bytes(p.PeakWorkingSet) + (p.PeakWorkingSetIsPhaseLocal ? "" : " (since start)"),
                Units.Count(p.MaxThreadPoolThreads));
        }

        writer.WriteLine("## Time and throughput");
        writer.WriteLine();
        throughput.Write(writer);
        writer.WriteLine("## Memory");
        writer.WriteLine();
        memory.Write(writer);
        foreach (var (title, table) in _tables)
        {
            writer.WriteLine($"## {title}");
            writer.WriteLine();
            table.Write(writer);
        }

        if (_checks.Count > 0)
        {
            writer.WriteLine("## Checks");
            writer.WriteLine();
            foreach (var (what, ok, detail) in _checks)
            {
                writer.WriteLine($"- {(ok ? "OK" : "FAILED")}: {what} ({detail})");
            }

            writer.WriteLine();
        }

        writer.WriteLine("## Notes");
        writer.WriteLine();
        writer.WriteLine("- \"cores used\" is process CPU time / wall time; \"machine busy\" is the share of all cores busy with any process (other builds, PostgreSQL) during the phase.");
        writer.WriteLine("- Each phase starts after a full collection; its peak working set is reset at the start on Linux (VmHWM via /proc/self/clear_refs), so it is the phase's own peak. Peak managed and max pool threads are sampled every 50 ms.");
        foreach (var note in _notes)
        {
            writer.WriteLine($"- {note}");
        }
    }

    private static string BuildConfiguration() =>
        typeof(BenchmarkReport).Assembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled == true
            ? "DEBUG (figures not representative)"
            : "Release";
}
