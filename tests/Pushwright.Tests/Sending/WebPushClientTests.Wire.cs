using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.Encryption;
using Pushwright.Testing;
using Xunit;

namespace Pushwright.Tests.Sending;

public sealed partial class WebPushClientTests
{
    [Fact]
    public async Task SendAsync_Aes128GcmPayload_IsDeliveredAndDecryptsAtTheService()
    {
        var sut = CreateSut();
        var subscription = CreateSubscription();
        var message = new PushMessage("Your order shipped \u2705") { TimeToLive = TimeSpan.FromHours(1), Urgency = PushUrgency.High, Topic = "order-42" };
        var before = TimeProvider.System.GetUtcNow();

        var result = await sut.SendAsync(subscription, message);

        result.Outcome.Should().Be(PushOutcome.Delivered, result.ToString());
        result.StatusCode.Should().Be(HttpStatusCode.Created);
        result.MessageLocation.Should().NotBeNull();
        result.MessageLocation!.IsAbsoluteUri.Should().BeTrue();
        result.MessageLocation.GetLeftPart(UriPartial.Authority).Should().Be(OriginOf(subscription));
        result.MessageLocation.AbsolutePath.Should().StartWith("/m/");
        result.GrantedTimeToLive.Should().Be(TimeSpan.FromHours(1));
        result.Error.Should().BeNull();
        result.Exception.Should().BeNull();

        var request = Service.RequestsTo(subscription).Should().ContainSingle().Subject;
        request.Rejection.Should().BeNull();
        request.Method.Should().Be("POST");
        request.Text.Should().Be("Your order shipped \u2705");
        request.Header("TTL").Should().Be("3600");
        request.Header("Urgency").Should().Be("high");
        request.Header("Topic").Should().Be("order-42");
        request.Header("Content-Encoding").Should().Be("aes128gcm");
        request.Header("Content-Type").Should().Be("application/octet-stream");
        request.Header("Content-Length").Should().Be(request.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Header("Encryption").Should().BeNull("aes128gcm carries the salt in the body");
        request.Header("Crypto-Key").Should().BeNull("aes128gcm carries the sender key in the body and VAPID's key in k=");
        request.Header("Authorization").Should().StartWith("vapid t=").And.Contain(", k=" + _vapid.Keys.PublicKeyBase64Url);
        request.Body.Length.Should().Be(WebPushEncryption.GetEncryptedLength(Encoding.UTF8.GetByteCount("Your order shipped \u2705")));

        var vapid = request.Vapid!;
        vapid.Scheme.Should().Be("vapid");
        vapid.Audience.Should().Be(OriginOf(subscription));
        vapid.Subject.Should().Be(Subject);
        vapid.PublicKey.Should().Be(_vapid.Keys.PublicKeyBase64Url);
        vapid.ExpiresAt.Should().BeAfter(before).And.BeOnOrBefore(before.AddHours(24).AddSeconds(1));
    }

    [Fact]
    public async Task SendAsync_AesGcmPayload_IsDeliveredWithLegacyHeaders()
    {
        var sut = CreateSut();
        var subscription = CreateSubscription();
        var message = new PushMessage("legacy aesgcm") { ContentEncoding = ContentEncoding.AesGcm, Urgency = PushUrgency.VeryLow, TimeToLive = TimeSpan.FromMinutes(5) };

        var result = await sut.SendAsync(subscription, message);

        result.Outcome.Should().Be(PushOutcome.Delivered, result.ToString());
        var request = Service.RequestsTo(subscription).Should().ContainSingle().Subject;
        request.Rejection.Should().BeNull();
        request.Text.Should().Be("legacy aesgcm");
        request.Header("TTL").Should().Be("300");
        request.Header("Urgency").Should().Be("very-low");
        request.Header("Topic").Should().BeNull();
        request.Header("Content-Encoding").Should().Be("aesgcm");
        request.Header("Encryption").Should().StartWith("salt=");
        var cryptoKey = request.Header("Crypto-Key");
        cryptoKey.Should().MatchRegex("(^|;)dh=[A-Za-z0-9_-]{87}(;|$)");
        cryptoKey.Should().Contain("p256ecdsa=" + _vapid.Keys.PublicKeyBase64Url);
        request.Header("Authorization").Should().StartWith("WebPush ").And.NotContain("k=");
        request.Vapid!.Scheme.Should().Be("WebPush");
        request.Vapid.Audience.Should().Be(OriginOf(subscription));
    }

    [Theory]
    [InlineData(ContentEncoding.Aes128Gcm)]
    [InlineData(ContentEncoding.AesGcm)]
    public async Task SendAsync_LargestPayload_FitsThe4096ByteLimitAndDecrypts(ContentEncoding encoding)
    {
        var sut = CreateSut();
        var subscription = CreateSubscription();
        var payload = new byte[WebPushEncryption.GetMaxPlaintextLength(encoding)];
        new Random(42).NextBytes(payload);

        var result = await sut.SendAsync(subscription, new PushMessage(payload) { ContentEncoding = encoding });

        result.Outcome.Should().Be(PushOutcome.Delivered, result.ToString());
        var request = Service.RequestsTo(subscription).Should().ContainSingle().Subject;
        request.Body.Length.Should().BeLessThanOrEqualTo(WebPushEncryption.MaxBodyLength);
        request.Payload.ToArray().Should().Equal(payload);
    }

    [Fact]
    public async Task SendAsync_NoPayload_SendsNoBodyAndNoContentEncoding()
    {
        var sut = CreateSut();
        var subscription = CreateSubscription();

        var result = await sut.SendAsync(subscription, new PushMessage());

        result.Outcome.Should().Be(PushOutcome.Delivered, result.ToString());
        var request = Service.RequestsTo(subscription).Should().ContainSingle().Subject;
        request.Rejection.Should().BeNull();
        request.Body.Length.Should().Be(0);
        request.Payload.Length.Should().Be(0);
        request.Header("Content-Encoding").Should().BeNull();
        request.Header("Encryption").Should().BeNull();
        request.Header("Crypto-Key").Should().BeNull();
        request.Header("TTL").Should().Be(((long)PushMessage.DefaultTimeToLive.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Header("Authorization").Should().StartWith("vapid t=");
        request.Vapid.Should().NotBeNull();
    }

    [Fact]
    public async Task SendAsync_ExtraHeadersAndZeroTtl_ReachTheService()
    {
        var sut = CreateSut();
        var subscription = CreateSubscription();
        var message = new PushMessage("raw")
        {
            TimeToLive = TimeSpan.Zero,
            Headers = new Dictionary<string, string> { ["X-WNS-Type"] = "wns/raw", ["X-WNS-Cache-Policy"] = "no-cache" },
        };

        var result = await sut.SendAsync(subscription, message);

        result.Outcome.Should().Be(PushOutcome.Delivered, result.ToString());
        result.GrantedTimeToLive.Should().Be(TimeSpan.Zero);
        var request = Service.RequestsTo(subscription).Should().ContainSingle().Subject;
        request.Header("TTL").Should().Be("0");
        request.Header("X-WNS-Type").Should().Be("wns/raw");
        request.Header("X-WNS-Cache-Policy").Should().Be("no-cache");
        request.Text.Should().Be("raw");
    }

    [Fact]
    public async Task SendAsync_ServiceGrantsShorterTtl_ReportsGrantedTimeToLive()
    {
        var sut = CreateSut();
        var subscription = CreateSubscription();
        Service.Reply(subscription, FakeReply.Created().WithHeader("TTL", "60"));

        var result = await sut.SendAsync(subscription, new PushMessage("x"));

        result.Outcome.Should().Be(PushOutcome.Delivered);
        result.GrantedTimeToLive.Should().Be(TimeSpan.FromSeconds(60));
        result.ResponseHeaders.Should().ContainKey("ttl");
        Service.RequestsTo(subscription).Single().Header("TTL").Should().Be("2419200");
    }
}
