using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.Testing;
using Xunit;

namespace Pushwright.Tests.Sending;

/// <summary>
/// Each push service's quirk, proven against that service's profile of the verifying fake: the
/// profile enforces the service's rule (shown by a raw request that breaks it), and the client
/// handles it.
/// </summary>
public sealed class PushServiceProfileTests
{
    private static readonly VapidKeys s_keys = VapidKeys.Generate();

    [Fact]
    public async Task Wns_TtlZero_IsDeliveredBecauseTheClientSendsNoCache()
    {
        var service = new FakePushService(new FakePushServiceOptions { Profile = PushServiceProfile.Wns });
        var browser = service.Subscribe(s_keys.PublicKey);
        using var client = Client(service);

        var result = await client.SendAsync(browser.Subscription, new PushMessage("now or never") { TimeToLive = TimeSpan.Zero });

        result.Outcome.Should().Be(PushOutcome.Delivered, result.ToString());
        service.DeliveriesTo(browser.Subscription).Single().Header("X-WNS-Cache-Policy").Should().Be("no-cache");
    }

    [Fact]
    public async Task Wns_TtlZeroWithoutNoCache_IsRefusedWithTheReasonInHeaders_WhichTheClientReads()
    {
        var service = new FakePushService(new FakePushServiceOptions { Profile = PushServiceProfile.Wns });
        var browser = service.Subscribe(s_keys.PublicKey);
        using var client = Client(service);
        using var request = client.CreateRequest(browser.Subscription, new PushMessage("hi") { TimeToLive = TimeSpan.Zero });
        request.Headers.Remove("X-WNS-Cache-Policy");
        using var http = service.CreateHttpClient();

        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, "the profile enforces WNS's rule");
        response.Headers.GetValues("X-WNS-ERROR-DESCRIPTION").Single().Should().Be("Ttl value conflicts with X-WNS-Cache-Policy");

        service.Reply(browser.Subscription, FakeReply.Status(429));
        var throttled = await client.SendAsync(browser.Subscription, new PushMessage("hi"));
        throttled.Outcome.Should().Be(PushOutcome.RateLimited, "WNS throttles with 406");
        throttled.StatusCode.Should().Be(HttpStatusCode.NotAcceptable);
        throttled.Error!.Message.Should().Contain("(WNS status: channelthrottled)");
    }

    [Fact]
    public async Task Apple_NoUrgency_SendsNormal()
    {
        var service = new FakePushService(new FakePushServiceOptions { Profile = PushServiceProfile.Apple });
        var browser = service.Subscribe(s_keys.PublicKey);
        using var client = Client(service);

        (await client.SendAsync(browser.Subscription, new PushMessage("hi"))).IsDelivered.Should().BeTrue();
        (await client.SendAsync(browser.Subscription, new PushMessage("hi") { Urgency = PushUrgency.High })).IsDelivered.Should().BeTrue();

        service.DeliveriesTo(browser.Subscription).Select(d => d.Header("Urgency")).Should().Equal("normal", "high");
    }

    [Fact]
    public async Task Apple_LocalSubject_IsBadJwtTokenAndTheHintNamesTheSubject()
    {
        var service = new FakePushService(new FakePushServiceOptions { Profile = PushServiceProfile.Apple });
        var browser = service.Subscribe(s_keys.PublicKey);
        using var client = new WebPushClient(service.CreateHttpClient(), new VapidDetails("mailto:ops@push.local", s_keys));

        var result = await client.SendAsync(browser.Subscription, new PushMessage("hi"));

        result.Outcome.Should().Be(PushOutcome.Unauthorized);
        result.Error!.Reason.Should().Be("BadJwtToken");
        result.Hint.Should().Contain("subject");
    }

    [Fact]
    public async Task Fcm_SubscriptionOfAnotherKey_SaysSoPlainly()
    {
        var service = new FakePushService(new FakePushServiceOptions { Profile = PushServiceProfile.Fcm });
        var browser = service.Subscribe(VapidKeys.Generate().PublicKey);
        using var client = Client(service);

        var result = await client.SendAsync(browser.Subscription, new PushMessage("hi"));

        result.Outcome.Should().Be(PushOutcome.Unauthorized);
        result.Error!.Message.Should().Contain("sender ID");
        result.Hint.Should().Contain("another applicationServerKey");
    }

    [Fact]
    public async Task Mozilla_EverySendCarriesTtl_SoErrno111CannotHappen()
    {
        var service = new FakePushService();
        var browser = service.Subscribe(s_keys.PublicKey);
        using var client = Client(service);

        foreach (var ttl in new[] { TimeSpan.Zero, TimeSpan.FromSeconds(1), PushMessage.DefaultTimeToLive })
        {
            (await client.SendAsync(browser.Subscription, new PushMessage("hi") { TimeToLive = ttl })).IsDelivered.Should().BeTrue();
            (await client.SendAsync(browser.Subscription, new PushMessage { TimeToLive = ttl })).IsDelivered.Should().BeTrue();
        }

        // The profile does refuse a request without TTL (errno 111): the client never sends one.
        using var request = client.CreateRequest(browser.Subscription, new PushMessage("hi"));
        request.Headers.Remove("TTL");
        using var response = await service.CreateHttpClient().SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"errno\":111");
    }

    [Fact]
    public async Task Mozilla_200ForFirefoxOnAndroid_IsDelivered()
    {
        var service = new FakePushService();
        var browser = service.Subscribe(s_keys.PublicKey);
        service.Reply(browser.Subscription, FakeReply.Status(200));
        using var client = Client(service);

        (await client.SendAsync(browser.Subscription, new PushMessage("hi"))).Outcome.Should().Be(PushOutcome.Delivered);
    }

    [Fact]
    public async Task MozillaBridged_TooLargeFor413_HintsAtTheCap_WhichThenHolds()
    {
        var service = new FakePushService(new FakePushServiceOptions { Profile = PushServiceProfile.MozillaBridged });
        var browser = service.Subscribe(s_keys.PublicKey);
        using var client = Client(service);

        var tooLarge = await client.SendAsync(browser.Subscription, new PushMessage(new byte[3500]));

        tooLarge.Outcome.Should().Be(PushOutcome.PayloadTooLarge);
        tooLarge.Hint.Should().Contain("MaxPlaintextLength");

        using var capped = Client(service, new WebPushClientOptions { MaxPlaintextLength = 2744 });
        (await capped.SendAsync(browser.Subscription, new PushMessage(new byte[2744]))).IsDelivered.Should().BeTrue();
        await FluentActions.Awaiting(() => capped.SendAsync(browser.Subscription, new PushMessage(new byte[2745]))).Should().ThrowAsync<ArgumentException>();
    }

    private static WebPushClient Client(FakePushService service, WebPushClientOptions? options = null) =>
        new(service.CreateHttpClient(), new VapidDetails("mailto:ops@example.com", s_keys), options);
}
