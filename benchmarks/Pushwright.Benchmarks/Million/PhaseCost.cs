using System;

namespace Pushwright.Benchmarks.Million;

/// <summary>What a measured phase cost: its messages, CPU time, bytes allocated and wall-clock time; phases add up.</summary>
internal readonly record struct PhaseCost(long Messages, TimeSpan Cpu, long Allocated, TimeSpan Wall)
{
    public static PhaseCost Zero => default;

    public TimeSpan CpuPerMessage => Cpu / Messages;

    public double AllocatedPerMessage => Allocated / (double)Messages;

    public double PerSecond => Messages / Wall.TotalSeconds;

    public static PhaseCost Between(ProcessMeter start, ProcessMeter end, long messages) =>
        new(messages, end.Cpu - start.Cpu, end.Allocated - start.Allocated, end.WallSince(start));

    public static PhaseCost operator +(PhaseCost left, PhaseCost right) =>
        new(left.Messages + right.Messages, left.Cpu + right.Cpu, left.Allocated + right.Allocated, left.Wall + right.Wall);
}
