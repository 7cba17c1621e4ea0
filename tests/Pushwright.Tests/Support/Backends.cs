using System;
using System.Collections.Generic;
using Pushwright.Cryptography;
using Xunit;

namespace Pushwright.Tests.Support;

/// <summary>
/// The crypto backends of the shipped asset under test that this machine offers. Which one the asset
/// must use here is asserted on its own, by CryptoBackendTests.Default_*; every per-backend test runs
/// on each backend listed, so a machine without libcrypto 3 runs them on System.Security.Cryptography
/// alone instead of failing them all.
/// </summary>
internal static class Backends
{
    public static CryptoBackend Default => CryptoBackend.Default;

#if PUSHWRIGHT_NETSTANDARD_ASSET
    /// <summary>Gets every backend of the netstandard2.0 asset.</summary>
    public static CryptoBackend[] All => [BouncyCastleCryptoBackend.Instance];
#else
    /// <summary>Gets the backends of the net8.0 asset available here: the libcrypto fast path where it loads, and System.Security.Cryptography.</summary>
    public static CryptoBackend[] All => OpenSslCryptoBackend.Instance is { } openSsl
        ? [openSsl, BclCryptoBackend.Instance]
        : [BclCryptoBackend.Instance];
#endif

    /// <summary>Gets the names of <see cref="All"/>, as theory data.</summary>
    public static TheoryData<string> Names
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var backend in All)
            {
                data.Add(backend.Name);
            }

            return data;
        }
    }

    /// <summary>Gets each row of <paramref name="cases"/> once per backend, the backend's name first.</summary>
    public static TheoryData<string, string> Each(TheoryData<string> cases)
    {
        var data = new TheoryData<string, string>();
        foreach (var backend in All)
        {
            foreach (var row in (IEnumerable<object[]>)cases)
            {
                data.Add(backend.Name, (string)row[0]);
            }
        }

        return data;
    }

    /// <summary>Gets each row of <paramref name="cases"/> once per backend, the backend's name first.</summary>
    public static TheoryData<string, string, string> Each(TheoryData<string, string> cases)
    {
        var data = new TheoryData<string, string, string>();
        foreach (var backend in All)
        {
            foreach (var row in (IEnumerable<object[]>)cases)
            {
                data.Add(backend.Name, (string)row[0], (string)row[1]);
            }
        }

        return data;
    }

    public static CryptoBackend Named(string name) => Array.Find(All, b => b.Name == name) ?? throw new ArgumentException("No backend " + name, nameof(name));
}
