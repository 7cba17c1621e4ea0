using System;
using System.Globalization;
using System.Linq;

namespace Pushwright.Benchmarks.Million;

/// <summary>The sink's own record: every request, distinct ids, duplicates, ids outside 1..n, their sum, and its CPU time.</summary>
internal sealed record SinkStats(long Requests, long Distinct, long Duplicates, long OutOfRange, long IdSum, long CpuMs)
{
    public static SinkStats Parse(string line)
    {
        var pairs = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => long.Parse(pair[1], CultureInfo.InvariantCulture));
        return new SinkStats(pairs["requests"], pairs["distinct"], pairs["duplicates"], pairs["outOfRange"], pairs["idSum"], pairs["cpuMs"]);
    }
}
