using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.Encryption;
using Pushwright.IntegrationTests.PushService;
using Xunit;

namespace Pushwright.IntegrationTests.Transport;

public sealed partial class WebPushClientTests
{
    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_Aes128GcmPayload_IsDeliveredAndDecryptsAtTheService(bool http2)
    {
        using var http = CreateHttpClient(http2);
        var sut = CreateSut(http);
        var subscription = Service.CreateSubscription(http2);
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

        var request = Service.RequestsFor(subscription).Should().ContainSingle().Subject;
        request.Rejection.Should().BeNull();
        request.Method.Should().Be("POST");
        request.Protocol.Should().Be(http2 ? "HTTP/2" : "HTTP/1.1");
        request.PlaintextText.Should().Be("Your order shipped \u2705");
        request.Header("TTL").Should().Be("3600");
        request.Header("Urgency").Should().Be("high");
        request.Header("Topic").Should().Be("order-42");
        request.Header("Content-Encoding").Should().Be("aes128gcm");
        request.Header("Content-Type").Should().Be("application/octet-stream");
        request.Header("Content-Length").Should().Be(request.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Header("Encryption").Should().BeNull("aes128gcm carries the salt in the body");
        request.Header("Crypto-Key").Should().BeNull("aes128gcm carries the sender key in the body and VAPID's key in k=");
        request.Header("Authorization").Should().StartWith("vapid t=").And.Contain(", k=" + _fixture.VapidKeys.PublicKeyBase64Url);
        request.Body.Length.Should().Be(WebPushEncryption.GetEncryptedLength(Encoding.UTF8.GetByteCount("Your order shipped \u2705")));

        var vapid = request.Vapid!;
        vapid.Scheme.Should().Be("vapid");
        vapid.Algorithm.Should().Be("ES256");
        vapid.Audience.Should().Be(OriginOf(subscription));
        vapid.Subject.Should().Be(Subject);
        vapid.PublicKey.Should().Be(_fixture.VapidKeys.PublicKeyBase64Url);
        vapid.ExpiresAt.Should().BeAfter(before).And.BeOnOrBefore(before.AddHours(24).AddSeconds(1));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_AesGcmPayload_IsDeliveredWithLegacyHeaders(bool http2)
    {
        using var http = CreateHttpClient(http2);
        var sut = CreateSut(http);
        var subscription = Service.CreateSubscription(http2);
        var message = new PushMessage("legacy aesgcm") { ContentEncoding = ContentEncoding.AesGcm, Urgency = PushUrgency.VeryLow, TimeToLive = TimeSpan.FromMinutes(5) };

        var result = await sut.SendAsync(subscription, message);

        result.Outcome.Should().Be(PushOutcome.Delivered, result.ToString());
        var request = Service.RequestsFor(subscription).Should().ContainSingle().Subject;
        request.Rejection.Should().BeNull();
        request.PlaintextText.Should().Be("legacy aesgcm");
        request.Header("TTL").Should().Be("300");
        request.Header("Urgency").Should().Be("very-low");
        request.Header("Topic").Should().BeNull();
        request.Header("Content-Encoding").Should().Be("aesgcm");
        request.Header("Encryption").Should().StartWith("salt=");
        var cryptoKey = request.Header("Crypto-Key");
        VapidVerifier.CryptoKeyParameter(cryptoKey, "dh").Should().NotBeNullOrEmpty();
        VapidVerifier.CryptoKeyParameter(cryptoKey, "p256ecdsa").Should().Be(_fixture.VapidKeys.PublicKeyBase64Url);
        request.Header("Authorization").Should().StartWith("WebPush ").And.NotContain("k=");
        request.Vapid!.Scheme.Should().Be("WebPush");
        request.Vapid.Audience.Should().Be(OriginOf(subscription));
    }

    [Theory]
    [InlineData(ContentEncoding.Aes128Gcm, false)]
    [InlineData(ContentEncoding.Aes128Gcm, true)]
    [InlineData(ContentEncoding.AesGcm, false)]
    [InlineData(ContentEncoding.AesGcm, true)]
    public async Task SendAsync_LargestPayload_FitsThe4096ByteLimitAndDecrypts(ContentEncoding encoding, bool http2)
    {
        using var http = CreateHttpClient(http2);
        var sut = CreateSut(http);
        var subscription = Service.CreateSubscription(http2);
        var payload = new byte[WebPushEncryption.GetMaxPlaintextLength(encoding)];
        new Random(42).NextBytes(payload);

        var result = await sut.SendAsync(subscription, new PushMessage(payload) { ContentEncoding = encoding });

        result.Outcome.Should().Be(PushOutcome.Delivered, result.ToString());
        var request = Service.RequestsFor(subscription).Should().ContainSingle().Subject;
        request.Body.Length.Should().BeLessThanOrEqualTo(LoopbackPushService.MaxBodyLength);
        request.Plaintext.Should().Equal(payload);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_NoPayload_SendsNoBodyAndNoContentEncoding(bool http2)
    {
        using var http = CreateHttpClient(http2);
        var sut = CreateSut(http);
        var subscription = Service.CreateSubscription(http2);

        var result = await sut.SendAsync(subscription, new PushMessage());

        result.Outcome.Should().Be(PushOutcome.Delivered, result.ToString());
        var request = Service.RequestsFor(subscription).Should().ContainSingle().Subject;
        request.Rejection.Should().BeNull();
        request.Body.Should().BeEmpty();
        request.Plaintext.Should().BeNull();
        request.Header("Content-Encoding").Should().BeNull();
        request.Header("Encryption").Should().BeNull();
        request.Header("Crypto-Key").Should().BeNull();
        request.Header("TTL").Should().Be(((long)PushMessage.DefaultTimeToLive.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Header("Authorization").Should().StartWith("vapid t=");
        request.Vapid.Should().NotBeNull();
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_ExtraHeadersAndZeroTtl_ReachTheService(bool http2)
    {
        using var http = CreateHttpClient(http2);
        var sut = CreateSut(http);
        var subscription = Service.CreateSubscription(http2);
        var message = new PushMessage("raw")
        {
            TimeToLive = TimeSpan.Zero,
            Headers = new Dictionary<string, string> { ["X-WNS-Type"] = "wns/raw", ["X-WNS-Cache-Policy"] = "no-cache" },
        };

        var result = await sut.SendAsync(subscription, message);

        result.Outcome.Should().Be(PushOutcome.Delivered, result.ToString());
        result.GrantedTimeToLive.Should().Be(TimeSpan.Zero);
        var request = Service.RequestsFor(subscription).Should().ContainSingle().Subject;
        request.Header("TTL").Should().Be("0");
        request.Header("X-WNS-Type").Should().Be("wns/raw");
        request.Header("X-WNS-Cache-Policy").Should().Be("no-cache");
        request.PlaintextText.Should().Be("raw");
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_ServiceGrantsShorterTtl_ReportsGrantedTimeToLive(bool http2)
    {
        using var http = CreateHttpClient(http2);
        var sut = CreateSut(http);
        var subscription = Service.CreateSubscription(http2);
        Service.Reply(subscription, ReplyStep.Created(maxTtlSeconds: 60));

        var result = await sut.SendAsync(subscription, new PushMessage("x"));

        result.Outcome.Should().Be(PushOutcome.Delivered);
        result.GrantedTimeToLive.Should().Be(TimeSpan.FromSeconds(60));
        result.ResponseHeaders.Should().ContainKey("ttl");
        Service.RequestsFor(subscription).Single().Header("TTL").Should().Be("2419200");
    }
}
