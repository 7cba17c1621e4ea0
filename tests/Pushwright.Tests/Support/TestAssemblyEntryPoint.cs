using System;
using Pushwright.Cryptography;

namespace Pushwright.Tests.Support;

/// <summary>
/// The entry point of the test assembly when <see cref="ChildProcess"/> runs it with <c>dotnet exec</c>,
/// for what a test cannot observe in its own process: a choice made once per process, such as
/// <see cref="CryptoBackend.Default"/>, or the native heap, which the test host's own threads keep
/// moving. The test host never calls it.
/// </summary>
public static class TestAssemblyEntryPoint
{
    /// <summary>Prints the name of <see cref="CryptoBackend.Default"/>.</summary>
    public const string PrintDefaultBackend = "print-default-backend";

    /// <summary>Takes "dispose" or "abandon" and a number of rounds; prints the native heap's growth over the last of three runs.</summary>
    public const string NativeHeapGrowth = "native-heap-growth";

    public static int Main(string[] args)
    {
        switch (args)
        {
            case [PrintDefaultBackend]:
                Console.Out.WriteLine(CryptoBackend.Default.Name);
                return 0;
#if !PUSHWRIGHT_NETSTANDARD_ASSET
            case [NativeHeapGrowth, var mode, var rounds]:
                var growth = Cryptography.OpenSslCryptoBackendTests.MeasureNativeHeapGrowth(mode == "abandon", int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture));
                Console.Out.WriteLine(growth.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return 0;
#endif
            default:
                Console.Error.WriteLine("usage: " + PrintDefaultBackend + " | " + NativeHeapGrowth + " dispose|abandon ROUNDS");
                return 2;
        }
    }
}
