using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace Pushwright.Benchmarks.Million;

/// <summary>
/// What this process has used so far: CPU time of all its threads (getrusage, the same figure as
/// /proc/self/stat's utime + stime), bytes allocated, collections per generation, and the clock.
/// The difference of two snapshots is what happened between them.
/// </summary>
internal readonly record struct ProcessMeter(TimeSpan Cpu, long Allocated, int Gen0, int Gen1, int Gen2, long Timestamp)
{
    public static ProcessMeter Take() => new(
        Environment.CpuUsage.TotalTime,
        GC.GetTotalAllocatedBytes(precise: true),
        GC.CollectionCount(0),
        GC.CollectionCount(1),
        GC.CollectionCount(2),
        Stopwatch.GetTimestamp());

    /// <summary>The wall-clock time since <paramref name="start"/>.</summary>
    public TimeSpan WallSince(ProcessMeter start) => Stopwatch.GetElapsedTime(start.Timestamp, Timestamp);

    /// <summary>Reads a size from /proc/self/status ("VmHWM", the peak resident set; "VmRSS", the current one), in bytes; -1 elsewhere than Linux.</summary>
    public static long ReadStatus(string field)
    {
        if (!OperatingSystem.IsLinux())
        {
            return -1;
        }

        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                var value = line[(field.Length + 1)..].Trim();
                return long.Parse(value[..value.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return -1;
    }

    /// <summary>Resets VmHWM to the current resident set (Linux 4.0 and later), so the next peak is the next phase's own.</summary>
    /// <returns><see langword="false"/> when the kernel did not allow it.</returns>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The load averages over 1, 5 and 15 minutes, as /proc/loadavg gives them.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "n/a";
}
