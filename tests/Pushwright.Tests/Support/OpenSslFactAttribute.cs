#if !PUSHWRIGHT_NETSTANDARD_ASSET
using System;
using Pushwright.Cryptography;
using Xunit;

namespace Pushwright.Tests.Support;

/// <summary>
/// A fact about the libcrypto fast path itself. Where libcrypto 3 is not available, it is skipped
/// with that reason on a developer's machine and fails in CI (CI=true), where the fast path must be
/// tested. (Tests that run on every backend take theirs from <see cref="Backends.All"/> instead.)
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OpenSslFactAttribute : FactAttribute
{
    public OpenSslFactAttribute()
    {
        if (OpenSslCryptoBackend.Instance is null && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = "The libcrypto fast path is not available here: it needs libcrypto.so.3 (OpenSSL 3) on Linux.";
        }
    }

    /// <summary>Gets the fast path, or fails naming it (in CI, where the attribute does not skip).</summary>
    internal static OpenSslCryptoBackend Backend => OpenSslCryptoBackend.Instance
        ?? throw new InvalidOperationException("The libcrypto fast path (" + OpenSslCryptoBackend.DisplayName + ") is missing: CI must have libcrypto.so.3 (OpenSSL 3).");
}
#endif
