// 1. The benchmarks of Pushwright. See benchmarks/README.md for the command and the latest table.
using System;
using BenchmarkDotNet.Running;
using Pushwright.Benchmarks.Million;

// 2. "million [--count N]": the million-subscriber broadcast, one measured pass (not BenchmarkDotNet).
if (args is ["million", .. var rest])
{
    return await MillionBroadcast.RunAsync(rest, Console.Out);
}

// 3. Pick benchmarks with --filter, for example: --filter *Encrypt* (or --job Dry to check they run).
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;

/// <summary>The entry point, named for BenchmarkSwitcher.</summary>
public partial class Program
{
}
