using Pushwright.Cryptography;

namespace Pushwright.Benchmarks;

/// <summary>The backends of the asset this run was built against.</summary>
public static class Backends
{
#if PUSHWRIGHT_NETSTANDARD_ASSET
    public static readonly string[] Names = ["BouncyCastle"];

    internal static CryptoBackend Get(string name) => BouncyCastleCryptoBackend.Instance;
#else
    public static readonly string[] Names = ["FastPath", "Bcl"];

    internal static CryptoBackend Get(string name) => name == "Bcl"
        ? BclCryptoBackend.Instance
        : OpenSslCryptoBackend.Instance ?? throw new System.InvalidOperationException("libcrypto 3 fast path not available");
#endif
}
