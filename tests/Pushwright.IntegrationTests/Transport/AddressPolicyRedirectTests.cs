// No redirect is followed: a push service that answers 307 or 308 gets its answer reported, and the
// redirect target (a second listener) never sees a connection, through the client that owns its
// transport and through AddWebPush(). Private networks are allowed here so the first request can
// reach the loopback server at all; what is tested is the redirect, not the address policy.
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Pushwright.IntegrationTests.PushService;
using Pushwright.Testing;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.IntegrationTests.Transport;

public sealed class AddressPolicyRedirectTests : IClassFixture<LoopbackPushServiceFixture>
{
    private readonly LoopbackPushServiceFixture _fixture;

    public AddressPolicyRedirectTests(LoopbackPushServiceFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData(307)]
    [InlineData(308)]
    public async Task SendAsync_OwnedTransport_RedirectTargetSeesNothing(int status)
    {
        using var target = new CountingListener(IPAddress.Loopback);
        var subscription = RedirectingSubscription(status, target.Port);
        using var sut = new WebPushClient(_fixture.Vapid, new WebPushClientOptions { AllowHttpEndpoints = true, AllowPrivateNetworkEndpoints = true });

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Refused, result.ToString());
        ((int?)result.StatusCode).Should().Be(status);
        _fixture.Service.RequestsTo(subscription).Should().ContainSingle();
        (await target.CountAsync()).Should().Be(0, "the redirect is not followed");
    }

    [Theory]
    [InlineData(307)]
    [InlineData(308)]
    public async Task SendAsync_AddWebPush_RedirectTargetSeesNothing(int status)
    {
        using var target = new CountingListener(IPAddress.Loopback);
        var subscription = RedirectingSubscription(status, target.Port);
        var services = new ServiceCollection();
        services.AddWebPush(o =>
        {
            o.Subject = "mailto:address-policy@example.com";
            o.PublicKey = _fixture.VapidKeys.PublicKeyBase64Url;
            o.PrivateKey = _fixture.VapidKeys.ExportPrivateKeyBase64Url();
            o.AllowHttpEndpoints = true;
            o.AllowPrivateNetworkEndpoints = true;
        });
        await using var provider = services.BuildServiceProvider();
        var sut = provider.GetRequiredService<WebPushClient>();

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Refused, result.ToString());
        ((int?)result.StatusCode).Should().Be(status);
        _fixture.Service.RequestsTo(subscription).Should().ContainSingle("a 3xx is not retried");
        (await target.CountAsync()).Should().Be(0, "the redirect is not followed");
    }

    [Theory]
    [InlineData(307)]
    [InlineData(308)]
    public async Task SendAsync_CallersHttpClientFollowingRedirects_TargetIsReached(int status)
    {
        // The control of the tests above, and the reason the owned transport exists: an HttpClient
        // left at its defaults follows the redirect and POSTs the message to the target.
        using var target = new CountingListener(IPAddress.Loopback);
        var subscription = RedirectingSubscription(status, target.Port);
        using var http = new HttpClient();
        using var sut = new WebPushClient(http, _fixture.Vapid, new WebPushClientOptions { AllowHttpEndpoints = true });

        await sut.SendAsync(subscription, new PushMessage("hello"));

        (await target.CountAsync()).Should().Be(1);
    }

    /// <summary>A subscription whose push service (the loopback one) answers every message with a redirect to <paramref name="targetPort"/>.</summary>
    private PushSubscription RedirectingSubscription(int status, int targetPort)
    {
        var subscription = _fixture.CreateSubscription();
        _fixture.Service.Reply(subscription, FakeReply.Status(status).WithBody([], null).WithHeader("Location", $"http://127.0.0.1:{targetPort}/push/elsewhere"));
        return subscription;
    }
}
