using System;
using FluentAssertions;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.Tests;

public sealed class PushSubscriptionKeysTests
{
    private static readonly byte[] s_publicKey = Some.Receiver.PublicKey.ToArray();
    private static readonly byte[] s_auth = Some.Receiver.AuthSecret.ToArray();

    public static TheoryData<string, string> Spellings => new()
    {
        { "base64url, unpadded", Vectors.Encode(s_publicKey) },
        { "base64url, padded", Vectors.Encode(s_publicKey) + "=" },
        { "base64, padded", Convert.ToBase64String(s_publicKey) },
        { "base64, unpadded", Convert.ToBase64String(s_publicKey).TrimEnd('=') },
    };

    [Theory]
    [MemberData(nameof(Spellings))]
    public void Ctor_AnyBase64Spelling_DecodesTheSameKey(string what, string p256dh)
    {
        var keys = new PushSubscriptionKeys(p256dh, Convert.ToBase64String(s_auth));

        keys.P256dh.ToArray().Should().Equal(s_publicKey, what);
    }

    [Fact]
    public void Ctor_Bytes_KeepsKey()
    {
        var keys = new PushSubscriptionKeys(s_publicKey, s_auth);

        keys.P256dh.ToArray().Should().Equal(s_publicKey);
    }

    [Fact]
    public void Ctor_NullKey_ThrowsArgumentNull()
    {
        var act = () => new PushSubscriptionKeys(null!, "AAAAAAAAAAAAAAAAAAAAAA");

        act.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("p256dh");
    }

    [Fact]
    public void Ctor_NullAuth_ThrowsArgumentNull()
    {
        var act = () => new PushSubscriptionKeys(Vectors.Encode(s_publicKey), null!);

        act.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("auth");
    }

    [Theory]
    [InlineData("BCVx sr7N", "character")]
    [InlineData("BCVx*sr7N", "character")]
    [InlineData("", "empty")]
    [InlineData("B", "length")]
    [InlineData("BCVxs=", "length")]
    [InlineData("BCVxs===", "character")]
    public void Ctor_BadBase64Key_ThrowsNamingP256dh(string p256dh, string expectedWord)
    {
        var act = () => new PushSubscriptionKeys(p256dh, Vectors.Encode(s_auth));

        act.Should().Throw<ArgumentException>()
            .Where(e => e.ParamName == "p256dh" && e.Message.Contains("base64") && e.Message.Contains(expectedWord));
    }

    [Fact]
    public void Ctor_CompressedKey_ThrowsSayingExpectedLength()
    {
        var compressed = new byte[33];
        compressed[0] = 0x02;

        var act = () => new PushSubscriptionKeys(compressed, s_auth);

        act.Should().Throw<ArgumentException>()
            .Where(e => e.ParamName == "p256dh" && e.Message.Contains("65-byte") && e.Message.Contains("got 33 bytes"));
    }

    [Fact]
    public void Ctor_WrongPrefix_ThrowsSayingUncompressed()
    {
        var key = (byte[])s_publicKey.Clone();
        key[0] = 0x03;

        var act = () => new PushSubscriptionKeys(key, s_auth);

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "p256dh" && e.Message.Contains("0x04") && e.Message.Contains("0x03"));
    }

    public static TheoryData<string, byte[]> OffCurve => new()
    {
        { "off the curve", Some.OffCurvePoint() },
        { "X equal to p", Some.PointWithXEqualToPrime() },
        { "all zero coordinates", [0x04, .. new byte[64]] },
    };

    [Theory]
    [MemberData(nameof(OffCurve))]
    public void Ctor_PointNotOnCurve_ThrowsSayingCurve(string what, byte[] key)
    {
        var act = () => new PushSubscriptionKeys(key, s_auth);

        act.Should().Throw<ArgumentException>(what).Where(e => e.ParamName == "p256dh" && e.Message.Contains("on the P-256 curve"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    [InlineData(15)]
    [InlineData(17)]
    [InlineData(32)]
    public void Ctor_AuthNot16Bytes_ThrowsSayingLength(int length)
    {
        var act = () => new PushSubscriptionKeys(s_publicKey, new byte[length]);

        act.Should().Throw<ArgumentException>()
            .Where(e => e.ParamName == "auth" && e.Message.Contains("exactly 16 bytes") && e.Message.Contains($"got {length} bytes"));
    }

    [Fact]
    public void Ctor_AuthNot16BytesAsText_ThrowsNamingAuth()
    {
        var act = () => new PushSubscriptionKeys(Vectors.Encode(s_publicKey), Vectors.Encode(new byte[12]));

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "auth" && e.Message.Contains("got 12 bytes"));
    }

    [Fact]
    public void ToString_NeverShowsAuthSecret()
    {
        var keys = new PushSubscriptionKeys(s_publicKey, s_auth);

        keys.ToString().Should().Contain(Vectors.Encode(s_publicKey)).And.NotContain(Vectors.Encode(s_auth));
    }
}
