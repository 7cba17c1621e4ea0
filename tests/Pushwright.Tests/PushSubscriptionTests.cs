using System;
using FluentAssertions;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.Tests;

public sealed class PushSubscriptionTests
{
    private static readonly string s_p256dh = Vectors.Encode(Some.Receiver.PublicKey.Span);
    private static readonly string s_auth = Vectors.Encode(Some.Receiver.AuthSecret.Span);

    [Fact]
    public void Parse_BrowserJson_ReadsEveryField()
    {
        var json = $$$"""{"endpoint":"https://fcm.googleapis.com/fcm/send/abc:def","expirationTime":1790000000000,"keys":{"p256dh":"{{{s_p256dh}}}","auth":"{{{s_auth}}}"}}""";

        var subscription = PushSubscription.Parse(json);

        subscription.Endpoint.Should().Be(new Uri("https://fcm.googleapis.com/fcm/send/abc:def"));
        subscription.ExpirationTime.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(1790000000000));
        subscription.Keys.P256dh.ToArray().Should().Equal(Some.Receiver.PublicKey.ToArray());
    }

    [Fact]
    public void Parse_NullExpirationAndExtraFields_AreAccepted()
    {
        var json = $$$"""{"endpoint":"https://updates.push.services.mozilla.com/wpush/v2/x","expirationTime":null,"keys":{"p256dh":"{{{s_p256dh}}}","auth":"{{{s_auth}}}"},"extra":1}""";

        PushSubscription.Parse(json).ExpirationTime.Should().BeNull();
    }

    [Theory]
    [InlineData("""not json""", "valid JSON")]
    [InlineData("""[]""", "a JSON object")]
    [InlineData("""{"keys":{}}""", "\"endpoint\"")]
    [InlineData("""{"endpoint":42}""", "\"endpoint\"")]
    [InlineData("""{"endpoint":"/relative"}""", "absolute https: URL")]
    [InlineData("""{"endpoint":"ftp://x.example/"}""", "absolute https: URL")]
    [InlineData("""{"endpoint":"https://push.example.net/x","expirationTime":"soon","keys":{}}""", "expirationTime")]
    [InlineData("""{"endpoint":"https://push.example.net/x"}""", "\"keys\"")]
    [InlineData("""{"endpoint":"https://push.example.net/x","keys":{"auth":"AAAAAAAAAAAAAAAAAAAAAA"}}""", "keys.p256dh")]
    [InlineData("""{"endpoint":"https://push.example.net/x","keys":{"p256dh":"BAAA"}}""", "keys.auth")]
    public void Parse_BadJson_ThrowsNamingTheField(string json, string expected)
    {
        var act = () => PushSubscription.Parse(json);

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "json" && e.Message.Contains(expected));
        PushSubscription.TryParse(json, out var subscription).Should().BeFalse();
        subscription.Should().BeNull();
    }

    [Theory]
    [InlineData("{\"endpoint\":\"https://a.example/\\ud800\"}")]
    [InlineData("{\"endpoint\":\"https://a.example/x\",\"keys\":{\"p256dh\":\"\\udc00\",\"auth\":\"x\"}}")]
    public void TryParse_EscapedUnpairedSurrogate_ReturnsFalseAndParseThrowsArgumentException(string json) =>
        AssertRefusedAsInvalidUtf16(json);

    [Theory]
    [InlineData("{\"endpoint\":\"https://a.example/x\",\"ke\\ud800ys\":{}}")]
    [InlineData("{\"endpoint\":\"https://a.example/x\",\"keys\":{\"p256dh\":\"x\",\"\\udc00\":1,\"auth\":\"x\"}}")]
    [InlineData("{\"\\ud800\":1,\"endpoint\":\"https://a.example/x\"}")]
    [InlineData("{\"endpoint\":\"https://a.example/x\",\"extra\":[{\"\\ud800\":\"\\udc00x\"}]}")]
    public void TryParse_EscapedUnpairedSurrogateInAMemberName_ReturnsFalseAndParseThrowsArgumentException(string json) =>
        // Regression (found by the fuzz tier): TryGetProperty reads every escaped member name it
        // passes, and threw InvalidOperationException on one that escapes an unpaired surrogate.
        AssertRefusedAsInvalidUtf16(json);

    [Fact]
    public void TryParse_UnpairedSurrogateInTheText_ReturnsFalseAndParseThrowsArgumentException()
    {
        // Built here, not as theory data: xunit's serialization would replace the lone surrogates.
        AssertRefusedAsInvalidUtf16("\"" + '\ud800' + "\"");
        AssertRefusedAsInvalidUtf16("{\"endpoint\":\"https://a.example/" + '\udc00' + "\"}");
        AssertRefusedAsInvalidUtf16("{\"endpoint\":\"https://a.example/\"}" + '\ud800');
    }

    private static void AssertRefusedAsInvalidUtf16(string json)
    {
        // Regression: an escaped lone surrogate threw InvalidOperationException from GetString, and
        // a lone surrogate in the text threw "Cannot transcode" from the JSON reader.
        PushSubscription.TryParse(json, out var subscription, out var error).Should().BeFalse();
        subscription.Should().BeNull();
        error.Should().Contain("UTF-16");
        FluentActions.Invoking(() => PushSubscription.Parse(json)).Should().Throw<ArgumentException>().WithParameterName("json");
    }

    [Fact]
    public void TryParse_SyntaxErrorNearTheAuthSecret_NamesLineAndPositionButQuotesNothing()
    {
        // Regression: the reason quoted the JSON around the error, auth secret included.
        var json = "{\"endpoint\":\"https://push.example.net/x\",\"expirationTime\":nul,\n\"keys\":{\"p256dh\":\"" + s_p256dh + "\",\"auth\":\"SECRET-AUTH\"}}";

        PushSubscription.TryParse(json, out _, out var error).Should().BeFalse();

        error.Should().NotContain("SECRET").And.NotContain("auth\"").And.NotContain(s_p256dh).And.Contain("line 1").And.Contain("byte ");
    }

    [Fact]
    public void Parse_BadKey_ThrowsWithTheKeyProblem()
    {
        var json = $$$"""{"endpoint":"https://push.example.net/x","keys":{"p256dh":"{{{s_p256dh}}}","auth":"AAAA"}}""";

        var act = () => PushSubscription.Parse(json);

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "json" && e.Message.Contains("exactly 16 bytes"));
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNull()
    {
        var act = () => PushSubscription.Parse(null!);

        act.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("json");
    }

    [Fact]
    public void ToString_ShowsHostOnly()
    {
        var subscription = new PushSubscription("https://fcm.googleapis.com/fcm/send/secret-token", s_p256dh, s_auth);

        subscription.ToString().Should().Contain("fcm.googleapis.com").And.NotContain("secret-token");
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("file:///etc/passwd")]
    public void Ctor_BadEndpoint_ThrowsNamingEndpoint(string endpoint)
    {
        var act = () => new PushSubscription(endpoint, s_p256dh, s_auth);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("endpoint");
    }

    [Fact]
    public void TryParse_BadJson_GivesTheReason()
    {
        PushSubscription.TryParse("""{"endpoint":"https://push.example.net/x"}""", out var subscription, out var error).Should().BeFalse();

        subscription.Should().BeNull();
        error.Should().Contain("\"keys\"");
    }

    [Fact]
    public void ToJson_RoundTripsThroughParse()
    {
        var original = PushSubscription.Parse($$$"""{"endpoint":"https://fcm.googleapis.com/fcm/send/a:b","expirationTime":1790000000000,"keys":{"p256dh":"{{{s_p256dh}}}","auth":"{{{s_auth}}}"}}""");

        var json = original.ToJson();
        var copy = PushSubscription.Parse(json);

        json.Should().Be($$$"""{"endpoint":"https://fcm.googleapis.com/fcm/send/a:b","expirationTime":1790000000000,"keys":{"p256dh":"{{{s_p256dh}}}","auth":"{{{s_auth}}}"}}""");
        copy.Endpoint.Should().Be(original.Endpoint);
        copy.ExpirationTime.Should().Be(original.ExpirationTime);
        copy.Keys.P256dh.ToArray().Should().Equal(original.Keys.P256dh.ToArray());
    }
}
