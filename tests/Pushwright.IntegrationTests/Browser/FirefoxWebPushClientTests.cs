using System;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.Encryption;
using Xunit;

namespace Pushwright.IntegrationTests.Browser;

/// <summary>
/// <see cref="WebPushClient"/> in-process against a real Firefox subscription: both content codings,
/// the largest payloads, padding, a push without data, and the negatives (a corrupted ciphertext is
/// refused by Firefox; a foreign VAPID key and an unknown endpoint are refused by the push server).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FirefoxWebPushClientTests(TestPageFixture fixture) : IClassFixture<TestPageFixture>
{
    [Theory]
    [InlineData(ContentEncoding.Aes128Gcm, "aes128gcm", "vapid")]
    [InlineData(ContentEncoding.AesGcm, "aesgcm", "webpush")]
    public async Task SendAsync_WithEncoding_FirefoxDecryptsExactText(ContentEncoding encoding, string encodingName, string vapidScheme)
    {
        fixture.EnsureStarted();
        var text = $"client {encodingName} {Guid.NewGuid():N} üñíçødé ✓";

        var delivery = await SendAndWaitAsync(new PushMessage(text) { ContentEncoding = encoding, TimeToLive = TimeSpan.FromMinutes(1), Urgency = PushUrgency.High, Topic = "browser-test" }, text);

        delivery.Encoding.Should().Be(encodingName);
        delivery.VapidScheme.Should().Be(vapidScheme);
    }

    [Theory]
    [InlineData(ContentEncoding.Aes128Gcm)]
    [InlineData(ContentEncoding.AesGcm)]
    public async Task SendAsync_LargestPayload_FirefoxDecryptsExactText(ContentEncoding encoding)
    {
        fixture.EnsureStarted();
        var marker = $"largest {encoding} {Guid.NewGuid():N} ";
        var text = marker + new string('x', WebPushEncryption.GetMaxPlaintextLength(encoding) - marker.Length);

        var delivery = await SendAndWaitAsync(new PushMessage(text) { ContentEncoding = encoding, TimeToLive = TimeSpan.FromMinutes(1) }, text);

        delivery.BodyLength.Should().Be(4096, "the largest payload fills the 4096 bytes every push service must accept");
    }

    [Theory]
    [InlineData(ContentEncoding.Aes128Gcm)]
    [InlineData(ContentEncoding.AesGcm)]
    public async Task SendAsync_WithPadding_FirefoxRemovesPadding(ContentEncoding encoding)
    {
        fixture.EnsureStarted();
        var text = $"padded {encoding} {Guid.NewGuid():N} ✓";

        var delivery = await SendAndWaitAsync(new PushMessage(text) { ContentEncoding = encoding, TimeToLive = TimeSpan.FromMinutes(1), PaddingLength = 300 }, text);

        delivery.BodyLength.Should().Be(WebPushEncryption.GetEncryptedLength(Encoding.UTF8.GetByteCount(text), encoding, 300));
    }

    [Theory]
    [InlineData(ContentEncoding.Aes128Gcm)]
    [InlineData(ContentEncoding.AesGcm)]
    public async Task SendAsync_WithPadToLength_FirefoxGetsExactTextInBodyOfPaddedLength(ContentEncoding encoding)
    {
        fixture.EnsureStarted();
        const int padTo = 1000;
        var shorter = $"pad-to {encoding} {Guid.NewGuid():N}";
        var longer = $"{shorter} and then some üñíçødé ✓";

        var first = await SendAndWaitAsync(new PushMessage(shorter) { ContentEncoding = encoding, TimeToLive = TimeSpan.FromMinutes(1), PadToLength = padTo }, shorter);
        var second = await SendAndWaitAsync(new PushMessage(longer) { ContentEncoding = encoding, TimeToLive = TimeSpan.FromMinutes(1), PadToLength = padTo }, longer);

        first.BodyLength.Should().Be(WebPushEncryption.GetEncryptedLength(padTo, encoding, 0), "payload and padding make exactly {0} bytes of plaintext", padTo);
        second.BodyLength.Should().Be(first.BodyLength, "messages padded to one length look alike on the wire");
    }

    [Fact]
    public async Task SendAsync_NoPayload_ServiceWorkerGetsPushWithoutData()
    {
        fixture.EnsureStarted();
        var (client, http) = fixture.CreateClient();
        using var _ = http;
        var withoutData = fixture.Server.Received.Count(t => t is null);
        var probe = new PushDeliveryProbe(fixture.Server);

        var result = await client.SendAsync(fixture.Subscription, new PushMessage { TimeToLive = TimeSpan.FromMinutes(1) });

        result.Outcome.Should().Be(PushOutcome.Delivered, fixture.Diagnostics());
        await fixture.WaitForReceivedAsync(() => Task.FromResult(fixture.Server.Received.Count(t => t is null) > withoutData), probe.Find, "a push event without data");
        probe.Find()!.Encoding.Should().BeNull();
        (await probe.Find()!.Ack.WaitAsync(BrowserFixture.MessageTimeout)).Should().Be(100);
    }

    [Fact]
    public async Task SendAsync_CiphertextCorruptedInTransit_FirefoxAcks101AndFiresNoPushEvent()
    {
        fixture.EnsureStarted();
        var (client, http) = fixture.CreateClient();
        using var _ = http;
        var text = $"corrupted {Guid.NewGuid():N}";
        var probe = new PushDeliveryProbe(fixture.Server);
        fixture.Server.CorruptNextBodies(1);
        try
        {
            var result = await client.SendAsync(fixture.Subscription, new PushMessage(text) { TimeToLive = TimeSpan.FromMinutes(1) });

            result.Outcome.Should().Be(PushOutcome.Delivered, "the push service cannot tell: only the browser holds the keys");
            var delivery = await Eventually.GetAsync(probe.Find, BrowserFixture.MessageTimeout, "the corrupted delivery", fixture);
            delivery.Corrupted.Should().BeTrue();
            (await delivery.Ack.WaitAsync(BrowserFixture.MessageTimeout)).Should().Be(101, "101 is Firefox's decryption-error ack");
            await Task.Delay(300);
            fixture.Server.Received.Should().NotContain(text);
        }
        finally
        {
            fixture.Server.CorruptNextBodies(0);
        }
    }

    [Fact]
    public async Task SendAsync_SignedWithAnotherVapidKey_Unauthorized403()
    {
        fixture.EnsureStarted();
        var (client, http) = fixture.CreateClient(VapidKeys.Generate());
        using var _ = http;

        var result = await client.SendAsync(fixture.Subscription, new PushMessage("never delivered"));

        result.Outcome.Should().Be(PushOutcome.Unauthorized);
        result.StatusCode.Should().Be(HttpStatusCode.Forbidden, "Firefox subscribed with another applicationServerKey");
    }

    [Fact]
    public async Task SendAsync_UnknownEndpoint_SubscriptionGone410()
    {
        fixture.EnsureStarted();
        var (client, http) = fixture.CreateClient();
        using var _ = http;
        var unknown = new PushSubscription(new Uri($"{fixture.Server.EndpointOrigin}/wpush/unknown"), fixture.Subscription.Keys);

        var result = await client.SendAsync(unknown, new PushMessage("never delivered"));

        result.Outcome.Should().Be(PushOutcome.SubscriptionGone);
        result.StatusCode.Should().Be(HttpStatusCode.Gone);
    }

    private async Task<PushDelivery> SendAndWaitAsync(PushMessage message, string text)
    {
        var (client, http) = fixture.CreateClient();
        using var _ = http;
        var probe = new PushDeliveryProbe(fixture.Server);

        var result = await client.SendAsync(fixture.Subscription, message);

        result.Outcome.Should().Be(PushOutcome.Delivered, "{0}\n{1}", result, fixture.Diagnostics());
        await fixture.WaitForReceivedAsync(text, probe);
        var delivery = probe.Find()!;
        (await delivery.Ack.WaitAsync(BrowserFixture.MessageTimeout)).Should().Be(100, "Firefox acks 100 for a delivered message");
        return delivery;
    }
}
