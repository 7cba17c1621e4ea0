#if !PUSHWRIGHT_NETSTANDARD_ASSET
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using FluentAssertions;
using Pushwright.Cryptography;
using Pushwright.Tests.Support;

namespace Pushwright.Tests.Cryptography;

/// <summary>The libcrypto fast path's own concern: every native object it makes is freed.</summary>
public sealed class OpenSslCryptoBackendTests
{
    // Far below one leaked object a round: the smallest, a BIGNUM, takes tens of bytes of malloc, and
    // one round makes two BIGNUMs, four EC_POINTs, two EC_KEYs and two EVP_CIPHER_CTXs.
    private const int BytesPerRoundAllowed = 8;
    private const int Rounds = 2000;

    [OpenSslFact]
    public void Dispose_GeneratedKey_ReleasesTheHandleAndRefusesUse()
    {
        var key = (OpenSslEcdhPrivateKey)OpenSslFactAttribute.Backend.GenerateP256Key();
        var handle = key.Handle;

        key.Dispose();

        handle.IsClosed.Should().BeTrue();
        key.Invoking(k => k.ExportPublicKey(new byte[65])).Should().Throw<ObjectDisposedException>();
        key.Invoking(k => k.TryDeriveSharedSecret(Some.Receiver.PublicKey.ToArray(), new byte[32])).Should().Throw<ObjectDisposedException>();
    }

    [OpenSslFact]
    public void EveryOperation_ThousandsOfRounds_LeaveTheNativeHeapFlat()
    {
        _ = OpenSslFactAttribute.Backend;

        var growth = NativeHeapGrowthInAFreshProcess("dispose");

        growth.Should().BeLessThan(Rounds * BytesPerRoundAllowed, "every EC_KEY, EC_POINT, BIGNUM and EVP_CIPHER_CTX is freed when its SafeHandle is disposed");
    }

    [OpenSslFact]
    public void GenerateP256Key_KeysNeverDisposed_AreFreedByTheFinalizer()
    {
        _ = OpenSslFactAttribute.Backend;

        var growth = NativeHeapGrowthInAFreshProcess("abandon");

        growth.Should().BeLessThan(Rounds * BytesPerRoundAllowed, "a SafeHandle's finalizer frees the EC_KEY of a key nobody disposed");
    }

    /// <summary>
    /// Runs the rounds five times and returns the native heap's least growth over the last three: the
    /// first runs fill caches libcrypto and the runtime keep, and a one-off allocation by another
    /// thread of the runtime can land in any run, but a leak grows the heap in every run.
    /// Called in a child process (see <see cref="TestAssemblyEntryPoint"/>).
    /// </summary>
    internal static long MeasureNativeHeapGrowth(bool abandon, int rounds)
    {
        var backend = OpenSslCryptoBackend.Instance ?? throw new InvalidOperationException("The libcrypto fast path is missing.");
        var growth = long.MaxValue;
        for (var run = 0; run < 5; run++)
        {
            var before = NativeHeap.AllocatedBytes();
            if (abandon)
            {
                Abandon(backend, rounds);
            }
            else
            {
                Round(backend, rounds);
            }

            // Also after disposing: the runtime's finalization queue, which lists every SafeHandle
            // made, lives on the native heap too and grows until a collection compacts it.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();

            if (run >= 2)
            {
                growth = Math.Min(growth, NativeHeap.AllocatedBytes() - before);
            }
        }

        return growth;
    }

    private static long NativeHeapGrowthInAFreshProcess(string mode)
    {
        // Tiered compilation off: the JIT's tier-up allocates from the same heap while the rounds run.
        var output = ChildProcess.Run(
            [TestAssemblyEntryPoint.NativeHeapGrowth, mode, Rounds.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string?> { ["DOTNET_TieredCompilation"] = "0" });
        return long.Parse(output, CultureInfo.InvariantCulture);
    }

    private static void Round(OpenSslCryptoBackend backend, int rounds)
    {
        var privateKey = new byte[32];
        var publicKey = new byte[65];
        var secret = new byte[32];
        var key = new byte[16];
        var nonce = new byte[12];
        var text = new byte[64];
        var tag = new byte[16];
        var offCurve = Some.OffCurvePoint();
        for (var i = 0; i < rounds; i++)
        {
            using (var generated = backend.GenerateP256Key())
            {
                generated.ExportPrivateKey(privateKey);
                generated.ExportPublicKey(publicKey);
                Check(generated.TryDeriveSharedSecret(Some.Receiver.PublicKey.Span, secret));
                Check(!generated.TryDeriveSharedSecret(offCurve, secret));
            }

            using (var imported = backend.ImportP256Key(privateKey, publicKey))
            {
                imported.ExportPublicKey(publicKey);
            }

            backend.DeriveP256PublicKey(privateKey, publicKey);
            backend.AesGcmSeal(key, nonce, text, text, tag);
            Check(backend.AesGcmOpen(key, nonce, text, tag, text));
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Abandon(OpenSslCryptoBackend backend, int count)
    {
        for (var i = 0; i < count; i++)
        {
            _ = backend.GenerateP256Key();
        }
    }

    private static void Check(bool condition)
    {
        if (!condition)
        {
            throw new InvalidOperationException("A round of the workload failed.");
        }
    }
}
#endif
