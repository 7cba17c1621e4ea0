using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using Pushwright.Testing.Tests.Support;
using Xunit;

namespace Pushwright.Testing.Tests;

public sealed class FakePushServiceTests
{
    [Theory]
    [InlineData(ContentEncoding.Aes128Gcm, "aes128gcm", "vapid")]
    [InlineData(ContentEncoding.AesGcm, "aesgcm", "WebPush")]
    public async Task SendAsync_ValidMessage_IsDeliveredDecryptedAndRecorded(ContentEncoding encoding, string wireName, string scheme)
    {
        var service = new FakePushService();
        var vapid = Some.Vapid();
        var browser = service.Subscribe(vapid.Keys.PublicKey);
        using var client = new WebPushClient(service.CreateHttpClient(), vapid);

        var result = await client.SendAsync(browser.Subscription, new PushMessage("Grüße ✓") { ContentEncoding = encoding, TimeToLive = TimeSpan.FromMinutes(3), Urgency = PushUrgency.High, Topic = "news" });

        result.Outcome.Should().Be(PushOutcome.Delivered);
        result.StatusCode.Should().Be(HttpStatusCode.Created);
        result.MessageLocation!.Host.Should().Be("updates.push.services.mozilla.com");
        result.GrantedTimeToLive.Should().Be(TimeSpan.FromMinutes(3));
        var delivery = service.DeliveriesTo(browser.Subscription).Should().ContainSingle().Subject;
        delivery.Text.Should().Be("Grüße ✓");
        delivery.ContentEncoding.Should().Be(wireName);
        delivery.Header("TTL").Should().Be("180");
        delivery.Header("Urgency").Should().Be("high");
        delivery.Header("Topic").Should().Be("news");
        delivery.Subscription.Should().BeSameAs(browser.Subscription);
        delivery.Rejection.Should().BeNull();
        delivery.Vapid!.Scheme.Should().Be(scheme);
        delivery.Vapid.Audience.Should().Be("https://updates.push.services.mozilla.com");
        delivery.Vapid.Subject.Should().Be("mailto:tests@example.com");
        delivery.Vapid.PublicKey.Should().Be(vapid.Keys.PublicKeyBase64Url);
    }

    [Fact]
    public async Task SendAsync_NoPayload_IsDeliveredWithAnEmptyPayload()
    {
        var service = new FakePushService();
        var vapid = Some.Vapid();
        var browser = service.Subscribe(vapid.Keys.PublicKey);
        using var client = new WebPushClient(service.CreateHttpClient(), vapid);

        var result = await client.SendAsync(browser.Subscription, new PushMessage());

        result.IsDelivered.Should().BeTrue();
        service.Deliveries.Single().Payload.Length.Should().Be(0);
        service.Deliveries.Single().Body.Length.Should().Be(0);
    }

    [Fact]
    public void Subscribe_BrowserLike_KeysAndEndpointOfTheProfile()
    {
        var service = new FakePushService(new FakePushServiceOptions { Profile = PushServiceProfile.Fcm });
        var key = VapidKeys.Generate().PublicKey;

        var first = service.Subscribe(key);
        var second = service.Subscribe(key, Some.Now);

        first.Subscription.Endpoint.AbsoluteUri.Should().StartWith("https://fcm.googleapis.com/fcm/send/");
        first.Subscription.Endpoint.Should().NotBe(second.Subscription.Endpoint);
        first.Subscription.Keys.P256dh.ToArray().Should().Equal(first.Keys.PublicKey.ToArray());
        first.Keys.AuthSecret.Length.Should().Be(16);
        first.ApplicationServerKey.ToArray().Should().Equal(key.ToArray());
        second.Subscription.ExpirationTime.Should().Be(Some.Now);
        first.ToString().Should().NotContain(first.Subscription.Endpoint.AbsolutePath);
    }

    [Fact]
    public void Subscribe_NotAPublicKey_Throws()
    {
        var service = new FakePushService();

        service.Invoking(s => s.Subscribe(new byte[33])).Should().Throw<ArgumentException>().WithParameterName("applicationServerKey");
    }

    [Fact]
    public async Task WaitForDeliveryAsync_BeforeAndAfterTheSend_CompletesWithTheDelivery()
    {
        var service = new FakePushService();
        var vapid = Some.Vapid();
        var browser = service.Subscribe(vapid.Keys.PublicKey);
        using var client = new WebPushClient(service.CreateHttpClient(), vapid);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var waiting = service.WaitForDeliveryAsync(d => d.Text == "second", timeout.Token);
        await client.SendAsync(browser.Subscription, Some.Message("first"));
        waiting.IsCompleted.Should().BeFalse();
        await client.SendAsync(browser.Subscription, Some.Message("second"));

        (await waiting).Text.Should().Be("second");
        (await service.WaitForDeliveryAsync(cancellationToken: timeout.Token)).Text.Should().Be("first");
    }

    [Fact]
    public async Task WaitForDeliveryAsync_NothingArrives_EndsWithTheToken()
    {
        var service = new FakePushService();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await service.Awaiting(s => s.WaitForDeliveryAsync(null, cancel.Token)).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Requests_RefusedAndDelivered_AllRecordedInOrder()
    {
        var service = new FakePushService();
        var vapid = Some.Vapid();
        var browser = service.Subscribe(vapid.Keys.PublicKey);
        using var client = new WebPushClient(service.CreateHttpClient(), vapid);
        using var stranger = new WebPushClient(service.CreateHttpClient(), Some.Vapid());

        await stranger.SendAsync(browser.Subscription, Some.Message());
        await client.SendAsync(browser.Subscription, Some.Message());

        service.Requests.Select(r => r.Sequence).Should().Equal(1, 2);
        service.Requests[0].StatusCode.Should().Be(403);
        service.Requests[0].IsDelivered.Should().BeFalse();
        service.Requests[0].Rejection.Should().Contain("mismatch");
        service.Deliveries.Should().ContainSingle().Which.Sequence.Should().Be(2);
    }

    [Fact]
    public async Task SendAsync_ClockOfTheService_StampsDeliveriesAndChecksExp()
    {
        var clock = new FakeTimeProvider(Some.Now);
        var service = new FakePushService(new FakePushServiceOptions { TimeProvider = clock });
        var vapid = Some.Vapid(clock);
        var browser = service.Subscribe(vapid.Keys.PublicKey);
        using var client = new WebPushClient(service.CreateHttpClient(), vapid);

        (await client.SendAsync(browser.Subscription, Some.Message())).IsDelivered.Should().BeTrue();

        service.Deliveries.Single().ReceivedAt.Should().Be(Some.Now);
        service.Deliveries.Single().Vapid!.ExpiresAt.Should().BeAfter(Some.Now).And.BeOnOrBefore(Some.Now.AddHours(24));
    }

    [Fact]
    public void Assembly_OfThisRun_IsTheAssetUnderTest()
    {
        var framework = typeof(FakePushService).Assembly.GetCustomAttributes(typeof(System.Runtime.Versioning.TargetFrameworkAttribute), false)
            .Cast<System.Runtime.Versioning.TargetFrameworkAttribute>().Single().FrameworkName;
#if PUSHWRIGHT_NETSTANDARD_ASSET
        framework.Should().Be(".NETStandard,Version=v2.0");
#else
        framework.Should().Be(".NETCoreApp,Version=v8.0");
#endif
    }

    [Fact]
    public async Task Dispose_ByAHandlerChain_TheServiceKeepsWorking()
    {
        var service = new FakePushService();
        var vapid = Some.Vapid();
        var browser = service.Subscribe(vapid.Keys.PublicKey);
        new HttpClient(service, disposeHandler: true).Dispose();
        using var client = new WebPushClient(service.CreateHttpClient(), vapid);

        (await client.SendAsync(browser.Subscription, Some.Message())).IsDelivered.Should().BeTrue();
    }
}
