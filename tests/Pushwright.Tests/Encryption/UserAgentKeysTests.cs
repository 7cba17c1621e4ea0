using System;
using FluentAssertions;
using Pushwright.Encryption;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.Tests.Encryption;

public sealed class UserAgentKeysTests
{
    [Fact]
    public void Generate_TwoReceivers_HaveDistinctValidKeys()
    {
        var a = UserAgentKeys.Generate();
        var b = UserAgentKeys.Generate();

        a.PublicKey.Length.Should().Be(65);
        a.AuthSecret.Length.Should().Be(16);
        a.ExportPrivateKey().Should().HaveCount(32);
        a.PublicKey.ToArray().Should().NotEqual(b.PublicKey.ToArray());
        a.AuthSecret.ToArray().Should().NotEqual(b.AuthSecret.ToArray());
        a.SubscriptionKeys.P256dh.ToArray().Should().Equal(a.PublicKey.ToArray());
    }

    [Fact]
    public void Ctor_ExportedKeys_RoundTrip()
    {
        var original = UserAgentKeys.Generate();

        var copy = new UserAgentKeys(Vectors.Encode(original.ExportPrivateKey()), Vectors.Encode(original.PublicKey.Span), Vectors.Encode(original.AuthSecret.Span));

        copy.PublicKey.ToArray().Should().Equal(original.PublicKey.ToArray());
    }

    [Fact]
    public void Ctor_PublicKeyOfAnotherKey_ThrowsMismatch()
    {
        var a = UserAgentKeys.Generate();
        var b = UserAgentKeys.Generate();

        var act = () => new UserAgentKeys(a.ExportPrivateKey(), b.PublicKey.Span, a.AuthSecret.Span);

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "publicKey" && e.Message.Contains("belongs to another key"));
    }

    [Theory]
    [InlineData(31)]
    [InlineData(33)]
    public void Ctor_PrivateKeyWrongLength_ThrowsSayingLength(int length)
    {
        var a = UserAgentKeys.Generate();

        var act = () => new UserAgentKeys(new byte[length], a.PublicKey.Span, a.AuthSecret.Span);

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "privateKey" && e.Message.Contains($"got {length} bytes"));
    }

    [Fact]
    public void Ctor_ZeroPrivateKey_ThrowsOutOfRange()
    {
        var a = UserAgentKeys.Generate();

        var act = () => new UserAgentKeys(new byte[32], a.PublicKey.Span, a.AuthSecret.Span);

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "privateKey" && e.Message.Contains("between 1 and the group order"));
    }

    [Fact]
    public void Ctor_PrivateKeyAboveOrder_ThrowsOutOfRange()
    {
        var a = UserAgentKeys.Generate();
        var allOnes = new byte[32];
        Array.Fill(allOnes, (byte)0xff);

        var act = () => new UserAgentKeys(allOnes, a.PublicKey.Span, a.AuthSecret.Span);

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "privateKey");
    }

    [Fact]
    public void Ctor_ShortAuthSecret_ThrowsNamingAuthSecret()
    {
        var a = UserAgentKeys.Generate();

        var act = () => new UserAgentKeys(a.ExportPrivateKey(), a.PublicKey.Span, new byte[8]);

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "authSecret" && e.Message.Contains("got 8 bytes"));
    }

    [Fact]
    public void ToString_ShowsPublicKeyOnly()
    {
        var a = UserAgentKeys.Generate();

        var text = a.ToString();

        text.Should().Contain(Vectors.Encode(a.PublicKey.Span));
        text.Should().NotContain(Vectors.Encode(a.ExportPrivateKey()));
        text.Should().NotContain(Vectors.Encode(a.AuthSecret.Span));
    }
}
