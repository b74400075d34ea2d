using System.Globalization;

namespace GroundTruth.Benchmarks.Measurement;

/// <summary>Machine-wide figures from <c>/proc</c> (Linux); elsewhere they are reported as unknown.</summary>
internal static class MachineStats
{
    /// <summary>The 1, 5 and 15 minute load averages, as the kernel prints them.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }

    /// <summary>Busy and total CPU ticks of all cores since boot, from the first line of <c>/proc/stat</c>.</summary>
    public static (long Busy, long Total)? CpuTicks()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            var fields = reader.ReadLine()!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            // user nice system idle iowait irq softirq steal …; idle and iowait are the not-busy ones.
            var total = fields.Take(8).Sum();
            return (total - fields[3] - fields[4], total);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Total physical memory in bytes, or 0 when unknown.</summary>
    public static long TotalMemoryBytes() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>
    /// Resets the process's peak resident set size (<c>VmHWM</c>, what <see cref="System.Diagnostics.Process.PeakWorkingSet64"/>
    /// reads on Linux) to the current size by writing 5 to <c>/proc/self/clear_refs</c>, so a phase reports its own peak.
    /// </summary>
    /// <returns>Whether the reset worked; if not, peaks are the process's since start.</returns>
    public static bool TryResetPeakWorkingSet()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
