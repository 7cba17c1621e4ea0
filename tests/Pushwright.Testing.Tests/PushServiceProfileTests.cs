using System.Net;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.Testing.Tests.Support;
using Xunit;

namespace Pushwright.Testing.Tests;

/// <summary>Each profile answers in its service's format, and the client reads each into a PushServiceError.</summary>
public sealed class PushServiceProfileTests
{
    [Fact]
    public async Task Mozilla_Gone_ErrnoJson()
    {
        var (client, browser, service) = Setup(PushServiceProfile.Mozilla);
        service.Reply(browser.Subscription, FakeReply.Status(410));

        var result = await client.SendAsync(browser.Subscription, Some.Message());

        result.Error!.Errno.Should().Be(106);
        result.Error.Code.Should().Be(410);
        result.Error.MoreInfo.Should().Contain("autopush");
        result.ResponseHeaders["Cache-Control"].Should().ContainSingle().Which.Should().Be("max-age=86400");
        client.Dispose();
    }

    [Fact]
    public async Task Apple_VapidFromAnotherKey_Forbidden403WithAReason()
    {
        var (client, _, service) = Setup(PushServiceProfile.Apple);
        var browser = service.Subscribe(VapidKeys.Generate().PublicKey);

        var result = await client.SendAsync(browser.Subscription, Some.Message());

        result.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        result.Outcome.Should().Be(PushOutcome.Unauthorized);
        result.Error!.Reason.Should().Be("InvalidProviderToken");
        browser.Subscription.Endpoint.Host.Should().Be("web.push.apple.com");
        client.Dispose();
    }

    [Fact]
    public async Task Apple_Gone_Unregistered()
    {
        var (client, browser, service) = Setup(PushServiceProfile.Apple);
        service.Remove(browser.Subscription);

        var result = await client.SendAsync(browser.Subscription, Some.Message());

        result.IsSubscriptionGone.Should().BeTrue();
        result.Error!.Reason.Should().Be("Unregistered");
        client.Dispose();
    }

    [Fact]
    public async Task Fcm_Gone_PlainText()
    {
        var (client, browser, service) = Setup(PushServiceProfile.Fcm);
        service.Remove(browser.Subscription);

        var result = await client.SendAsync(browser.Subscription, Some.Message());

        result.IsSubscriptionGone.Should().BeTrue();
        result.Error!.Message.Should().Be("push subscription has unsubscribed or expired.");
        result.Error.Errno.Should().BeNull();
        result.ResponseHeaders["Content-Type"].Should().ContainSingle().Which.Should().StartWith("text/plain");
        client.Dispose();
    }

    [Fact]
    public void Profiles_NameAndOrigin()
    {
        PushServiceProfile.Mozilla.ToString().Should().Be("Mozilla");
        PushServiceProfile.Fcm.Origin.Host.Should().Be("fcm.googleapis.com");
        new FakePushService().Profile.Should().BeSameAs(PushServiceProfile.Mozilla);
    }

    [Fact]
    public async Task KnownHosts_RestrictToKnownPushServices_TheFakesEndpointsAreAllowed()
    {
        foreach (var profile in new[] { PushServiceProfile.Mozilla, PushServiceProfile.Apple, PushServiceProfile.Fcm })
        {
            var service = new FakePushService(new FakePushServiceOptions { Profile = profile });
            var vapid = Some.Vapid();
            var browser = service.Subscribe(vapid.Keys.PublicKey);
            using var client = new WebPushClient(service.CreateHttpClient(), vapid, new WebPushClientOptions { RestrictToKnownPushServices = true });

            (await client.SendAsync(browser.Subscription, Some.Message())).IsDelivered.Should().BeTrue(profile.Name);
        }
    }

    private static (WebPushClient Client, FakeSubscription Browser, FakePushService Service) Setup(PushServiceProfile profile)
    {
        var service = new FakePushService(new FakePushServiceOptions { Profile = profile });
        var vapid = Some.Vapid();
        return (new WebPushClient(service.CreateHttpClient(), vapid), service.Subscribe(vapid.Keys.PublicKey), service);
    }
}
