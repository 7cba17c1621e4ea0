// 1. The benchmarks of Pushwright. See benchmarks/README.md for the command and the latest table.
using BenchmarkDotNet.Running;

// 2. Pick benchmarks with --filter, for example: --filter *Encrypt* (or --job Dry to check they run).
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>The entry point, named for BenchmarkSwitcher.</summary>
public partial class Program
{
}
