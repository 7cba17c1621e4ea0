#if !PUSHWRIGHT_NETSTANDARD_ASSET
using System;
using System.Runtime.InteropServices;
#endif
using System.Collections.Generic;
using FluentAssertions;
using Pushwright.Cryptography;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.Tests.Cryptography;

public sealed class CryptoBackendTests
{
    private const string DisableVariable = "PUSHWRIGHT_DISABLE_OPENSSL_FAST_PATH";
    private const string DisableSwitch = "Pushwright.Cryptography.DisableOpenSslFastPath";

#if PUSHWRIGHT_NETSTANDARD_ASSET
    [Fact]
    public void Default_NetStandardAsset_IsBouncyCastle()
    {
        CryptoBackend.Default.Should().BeSameAs(BouncyCastleCryptoBackend.Instance, "the netstandard2.0 asset must use BouncyCastle");
    }

    [Fact]
    public void Default_NetStandardAssetWithFastPathTurnedOff_IsStillBouncyCastle()
    {
        // The switch is about the net8.0 asset's fast path; this asset has one backend.
        var name = ChildProcess.Run([TestAssemblyEntryPoint.PrintDefaultBackend], new Dictionary<string, string?> { [DisableVariable] = "1" });

        name.Should().Be(BouncyCastleCryptoBackend.Instance.Name);
    }
#else
    [Fact]
    public void Default_Net8Asset_IsTheBackendThisMachineRequires()
    {
        // Proves which asset this test assembly runs against, and that the fast path did not quietly
        // fall back where it must load (that would hide a four-fold slowdown).
        var (expected, because) = RequiredDefault(fastPathTurnedOff: IsOn(Environment.GetEnvironmentVariable(DisableVariable)));

        CryptoBackend.Default.Name.Should().Be(expected, because);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    [InlineData("false")]
    [InlineData("yes")]
    public void Default_FreshProcessFastPathNotTurnedOff_IsTheBackendThisMachineRequires(string? variable)
    {
        // Also proves the child process can see the fast path, so the tests below can fail.
        var (expected, because) = RequiredDefault(fastPathTurnedOff: false);

        var name = ChildProcess.Run([TestAssemblyEntryPoint.PrintDefaultBackend], new Dictionary<string, string?> { [DisableVariable] = variable });

        name.Should().Be(expected, because);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    [InlineData("TRUE")]
    public void Default_EnvironmentVariableTurnsFastPathOff_IsSystemSecurityCryptography(string variable)
    {
        var name = ChildProcess.Run([TestAssemblyEntryPoint.PrintDefaultBackend], new Dictionary<string, string?> { [DisableVariable] = variable });

        name.Should().Be(BclCryptoBackend.Instance.Name);
    }

    [Fact]
    public void Default_AppContextSwitchTurnsFastPathOff_IsSystemSecurityCryptography()
    {
        var name = ChildProcess.Run(
            [TestAssemblyEntryPoint.PrintDefaultBackend],
            new Dictionary<string, string?> { [DisableVariable] = null },
            new Dictionary<string, bool> { [DisableSwitch] = true });

        name.Should().Be(BclCryptoBackend.Instance.Name);
    }

    [Fact]
    public void Default_AppContextSwitchFalseAndEnvironmentVariableOn_SwitchWins()
    {
        var (expected, because) = RequiredDefault(fastPathTurnedOff: false);

        var name = ChildProcess.Run(
            [TestAssemblyEntryPoint.PrintDefaultBackend],
            new Dictionary<string, string?> { [DisableVariable] = "1" },
            new Dictionary<string, bool> { [DisableSwitch] = false });

        name.Should().Be(expected, because);
    }

    /// <summary>
    /// What the net8.0 asset must choose here, found without the library's own probe: the fast path
    /// wherever libcrypto.so.3 (OpenSSL 3) loads on Linux, unless turned off; System.Security.Cryptography elsewhere.
    /// </summary>
    private static (string Name, string Because) RequiredDefault(bool fastPathTurnedOff)
    {
        if (fastPathTurnedOff)
        {
            return (BclCryptoBackend.Instance.Name, DisableVariable + " turns the fast path off in this test run");
        }

        if (OperatingSystem.IsLinux() && NativeLibrary.TryLoad("libcrypto.so.3", out var libcrypto))
        {
            NativeLibrary.Free(libcrypto);
            return (OpenSslCryptoBackend.DisplayName, "libcrypto.so.3 (OpenSSL 3) loads on this Linux machine, so the net8.0 asset must use its fast path; it is missing");
        }

        return (BclCryptoBackend.Instance.Name, "libcrypto.so.3 is not available here, so the net8.0 asset must use System.Security.Cryptography");
    }

    private static bool IsOn(string? variable) => variable == "1" || string.Equals(variable, "true", StringComparison.OrdinalIgnoreCase);
#endif

    [Theory]
    [MemberData(nameof(BackendNames))]
    public void GenerateP256Key_TwoKeys_AreDifferentValidPoints(string backend)
    {
        var a = new byte[65];
        var b = new byte[65];
        using (var key = Backends.Named(backend).GenerateP256Key())
        {
            key.ExportPublicKey(a);
        }

        using (var key = Backends.Named(backend).GenerateP256Key())
        {
            key.ExportPublicKey(b);
        }

        P256.IsValidPublicKey(a).Should().BeTrue();
        P256.IsValidPublicKey(b).Should().BeTrue();
        a.Should().NotEqual(b);
    }

    [Theory]
    [MemberData(nameof(BackendPairs))]
    public void TryDeriveSharedSecret_BothSidesAnyBackends_Agree(string aliceBackend, string bobBackend)
    {
        using var alice = Backends.Named(aliceBackend).GenerateP256Key();
        using var bob = Backends.Named(bobBackend).GenerateP256Key();
        var alicePublic = new byte[65];
        var bobPublic = new byte[65];
        alice.ExportPublicKey(alicePublic);
        bob.ExportPublicKey(bobPublic);
        var s1 = new byte[32];
        var s2 = new byte[32];

        alice.TryDeriveSharedSecret(bobPublic, s1).Should().BeTrue();
        bob.TryDeriveSharedSecret(alicePublic, s2).Should().BeTrue();

        s1.Should().Equal(s2);
        s1.Should().NotEqual(new byte[32]);
    }

    public static TheoryData<string> BackendNames => Backends.Names;

    public static TheoryData<string, string> BackendPairs
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var a in Backends.All)
            {
                foreach (var b in Backends.All)
                {
                    data.Add(a.Name, b.Name);
                }
            }

            return data;
        }
    }

    public static TheoryData<string, string, byte[]> InvalidPointsPerBackend
    {
        get
        {
            var data = new TheoryData<string, string, byte[]>();
            foreach (var backend in Backends.All)
            {
                foreach (var row in InvalidPoints)
                {
                    data.Add(backend.Name, (string)row[0], (byte[])row[1]);
                }
            }

            return data;
        }
    }

    public static TheoryData<string, byte[]> InvalidPoints => new()
    {
        { "off the curve", Some.OffCurvePoint() },
        { "X equal to p", Some.PointWithXEqualToPrime() },
        { "all zero after 0x04 (not on the curve)", [0x04, .. new byte[64]] },
        { "point at infinity (0x00)", [0x00] },
        { "65 zero bytes", new byte[65] },
        { "compressed form", [0x02, .. Some.Receiver.PublicKey.Slice(1, 32).ToArray()] },
        { "uncompressed prefix, 64 bytes", Some.Receiver.PublicKey.Slice(0, 64).ToArray() },
        { "66 bytes", [.. Some.Receiver.PublicKey.ToArray(), 0x00] },
        { "empty", [] },
    };

    [Theory]
    [MemberData(nameof(InvalidPointsPerBackend))]
    public void TryDeriveSharedSecret_InvalidPeerPoint_ReturnsFalse(string backend, string what, byte[] point)
    {
        using var key = Backends.Named(backend).GenerateP256Key();
        var secret = new byte[32];

        key.TryDeriveSharedSecret(point, secret).Should().BeFalse(what);
        secret.Should().Equal(new byte[32], "nothing is written for a refused key");
    }

    [Theory]
    [MemberData(nameof(BackendNames))]
    public void AesGcmOpen_ChangedTag_ReturnsFalseAndWritesNoPlaintext(string backend)
    {
        var key = Some.Bytes(16);
        var nonce = Some.Bytes(12, seed: 2);
        var plaintext = Some.Bytes(40, seed: 3);
        var ciphertext = new byte[40];
        var tag = new byte[16];
        Backends.Named(backend).AesGcmSeal(key, nonce, plaintext, ciphertext, tag);
        tag[0] ^= 1;
        var opened = new byte[40];

        Backends.Named(backend).AesGcmOpen(key, nonce, ciphertext, tag, opened).Should().BeFalse();
        opened.Should().NotEqual(plaintext);
    }

    [Theory]
    [MemberData(nameof(BackendNames))]
    public void AesGcmSeal_InPlace_MatchesSeparateBuffers(string backend)
    {
        var key = Some.Bytes(16);
        var nonce = Some.Bytes(12, seed: 2);
        var plaintext = Some.Bytes(100, seed: 3);
        var separate = new byte[100];
        var inPlace = (byte[])plaintext.Clone();
        var tag1 = new byte[16];
        var tag2 = new byte[16];

        Backends.Named(backend).AesGcmSeal(key, nonce, plaintext, separate, tag1);
        Backends.Named(backend).AesGcmSeal(key, nonce, inPlace, inPlace, tag2);

        inPlace.Should().Equal(separate);
        tag2.Should().Equal(tag1);
    }

    [Theory]
    [MemberData(nameof(BackendNames))]
    public void CreateEs256Signer_Signature_VerifiesWithTheBclAsRAndS(string backend)
    {
        var keys = VapidKeys.Generate();
        var privateKey = Vectors.Decode(keys.ExportPrivateKeyBase64Url());
        var data = Some.Bytes(100);
        var signature = new byte[64];

        Backends.Named(backend).CreateEs256Signer(privateKey, keys.PublicKey.Span).Sign(data, signature);

        var q = keys.PublicKey.ToArray();
        using var verifier = System.Security.Cryptography.ECDsa.Create(new System.Security.Cryptography.ECParameters
        {
            Curve = System.Security.Cryptography.ECCurve.NamedCurves.nistP256,
            Q = new System.Security.Cryptography.ECPoint { X = q[1..33], Y = q[33..65] },
        });
        verifier.VerifyData(data, signature, System.Security.Cryptography.HashAlgorithmName.SHA256).Should().BeTrue();
    }
}
