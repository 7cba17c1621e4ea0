using System;
using Pushwright.Cryptography;
using Xunit;

namespace Pushwright.Tests.Support;

/// <summary>The crypto backends the shipped asset under test contains.</summary>
internal static class Backends
{
    public static CryptoBackend Default => CryptoBackend.Default;

#if PUSHWRIGHT_NETSTANDARD_ASSET
    /// <summary>Gets every backend of the netstandard2.0 asset.</summary>
    public static CryptoBackend[] All => [BouncyCastleCryptoBackend.Instance];

    /// <summary>Gets the backend the netstandard2.0 asset must choose.</summary>
    public static CryptoBackend ExpectedDefault => BouncyCastleCryptoBackend.Instance;
#else
    /// <summary>
    /// Gets the libcrypto fast path. The test machines are Linux with OpenSSL 3, where it must load:
    /// a fast path that silently falls back would hide a four-fold slowdown.
    /// </summary>
    public static CryptoBackend OpenSsl => OpenSslCryptoBackend.Instance
        ?? throw new InvalidOperationException("The libcrypto fast path did not load: libcrypto.so.3 (OpenSSL 3) must be installed on test machines.");

    /// <summary>Gets every backend of the net8.0 asset.</summary>
    public static CryptoBackend[] All => [OpenSsl, BclCryptoBackend.Instance];

    /// <summary>Gets the backend the net8.0 asset must choose on Linux.</summary>
    public static CryptoBackend ExpectedDefault => OpenSsl;
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

    public static CryptoBackend Named(string name) => Array.Find(All, b => b.Name == name) ?? throw new ArgumentException("No backend " + name, nameof(name));
}
