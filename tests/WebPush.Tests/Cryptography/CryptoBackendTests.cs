using FluentAssertions;
using WebPush.Cryptography;
using WebPush.Tests.Support;
using Xunit;

namespace WebPush.Tests.Cryptography;

public sealed class CryptoBackendTests
{
    [Fact]
    public void Default_ShippedAssetUnderTest_IsThatAssetsBackend()
    {
        // Proves which asset this test assembly runs against: System.Security.Cryptography for
        // net8.0, BouncyCastle for netstandard2.0.
        CryptoBackend.Default.Name.Should().Be(Backends.ExpectedDefaultName);
    }

    [Fact]
    public void GenerateP256Key_TwoKeys_AreDifferentValidPoints()
    {
        var a = new byte[65];
        var b = new byte[65];
        using (var key = CryptoBackend.Default.GenerateP256Key())
        {
            key.ExportPublicKey(a);
        }

        using (var key = CryptoBackend.Default.GenerateP256Key())
        {
            key.ExportPublicKey(b);
        }

        P256.IsValidPublicKey(a).Should().BeTrue();
        P256.IsValidPublicKey(b).Should().BeTrue();
        a.Should().NotEqual(b);
    }

    [Fact]
    public void TryDeriveSharedSecret_BothSides_Agree()
    {
        using var alice = CryptoBackend.Default.GenerateP256Key();
        using var bob = CryptoBackend.Default.GenerateP256Key();
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
    [MemberData(nameof(InvalidPoints))]
    public void TryDeriveSharedSecret_InvalidPeerPoint_ReturnsFalse(string what, byte[] point)
    {
        using var key = CryptoBackend.Default.GenerateP256Key();
        var secret = new byte[32];

        key.TryDeriveSharedSecret(point, secret).Should().BeFalse(what);
        secret.Should().Equal(new byte[32], "nothing is written for a refused key");
    }

    [Fact]
    public void AesGcmOpen_ChangedTag_ReturnsFalse()
    {
        var key = Some.Bytes(16);
        var nonce = Some.Bytes(12, seed: 2);
        var plaintext = Some.Bytes(40, seed: 3);
        var ciphertext = new byte[40];
        var tag = new byte[16];
        CryptoBackend.Default.AesGcmSeal(key, nonce, plaintext, ciphertext, tag);
        tag[0] ^= 1;

        CryptoBackend.Default.AesGcmOpen(key, nonce, ciphertext, tag, new byte[40]).Should().BeFalse();
    }

    [Fact]
    public void AesGcmSeal_InPlace_MatchesSeparateBuffers()
    {
        var key = Some.Bytes(16);
        var nonce = Some.Bytes(12, seed: 2);
        var plaintext = Some.Bytes(100, seed: 3);
        var separate = new byte[100];
        var inPlace = (byte[])plaintext.Clone();
        var tag1 = new byte[16];
        var tag2 = new byte[16];

        CryptoBackend.Default.AesGcmSeal(key, nonce, plaintext, separate, tag1);
        CryptoBackend.Default.AesGcmSeal(key, nonce, inPlace, inPlace, tag2);

        inPlace.Should().Equal(separate);
        tag2.Should().Equal(tag1);
    }
}
