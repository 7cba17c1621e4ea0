// The client that owns its transport (new WebPushClient(vapid)), against listeners on this machine:
// with no options it refuses every loopback form, and a name that resolves to this machine, without
// a single connection reaching the listener; with AllowPrivateNetworkEndpoints the same hosts are
// reached, and a loopback push service gets the message.
using System;
using System.Net;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.Encryption;
using Pushwright.IntegrationTests.PushService;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.IntegrationTests.Transport;

public sealed class AddressPolicyTests : IClassFixture<LoopbackPushServiceFixture>
{
    private readonly LoopbackPushServiceFixture _fixture;

    public AddressPolicyTests(LoopbackPushServiceFixture fixture) => _fixture = fixture;

    public static TheoryData<string, string> Hosts => LoopbackHosts.All;

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task SendAsync_DefaultOptions_RefusesWithoutConnecting(string host, string listenOn)
    {
        AssumeResolvesHere(host);
        using var listener = new CountingListener(IPAddress.Parse(listenOn));
        using var sut = new WebPushClient(_fixture.Vapid);
        var subscription = Subscription($"https://{host}:{listener.Port}/push/secret-path");

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Refused, result.ToString());
        result.StatusCode.Should().BeNull();
        result.Refusal!.Message.Should().StartWith($"The push endpoint's host '{subscription.Endpoint.IdnHost}'")
            .And.Contain("AllowPrivateNetworkEndpoints").And.NotContain("secret-path");
        (await listener.CountAsync()).Should().Be(0, "the address policy refuses before connecting");
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task SendAsync_AllowPrivateNetworkEndpoints_ReachesTheListener(string host, string listenOn)
    {
        // The control of the test above: the listener does see these hosts once private networks are allowed.
        AssumeResolvesHere(host);
        using var listener = new CountingListener(IPAddress.Parse(listenOn));
        using var sut = new WebPushClient(_fixture.Vapid, new WebPushClientOptions { AllowPrivateNetworkEndpoints = true });

        var result = await sut.SendAsync(Subscription($"https://{host}:{listener.Port}/push/x"), new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.NetworkError, "the listener closes the connection before TLS: " + result);
        (await listener.CountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task SendAsync_ThisNetworkAddress_RefusesWithoutConnecting()
    {
        // On Linux a connection to 0.0.0.0 reaches this machine's listeners.
        using var listener = new CountingListener(IPAddress.Any);
        using var sut = new WebPushClient(_fixture.Vapid);

        var result = await sut.SendAsync(Subscription($"https://0.0.0.0:{listener.Port}/push/x"), new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Refused, result.ToString());
        result.Refusal!.Message.Should().Contain("0.0.0.0 is 'this network'");
        (await listener.CountAsync()).Should().Be(0);
    }

    [Theory]
    [InlineData("169.254.169.254", "169.254.169.254 is link-local")]
    [InlineData("10.0.0.1", "10.0.0.1 is private")]
    [InlineData("172.16.5.4", "172.16.5.4 is private")]
    [InlineData("192.168.1.1", "192.168.1.1 is private")]
    [InlineData("100.64.0.1", "100.64.0.1 is shared address space")]
    [InlineData("224.0.0.1", "224.0.0.1 is multicast")]
    [InlineData("255.255.255.255", "255.255.255.255 is broadcast")]
    [InlineData("[fd00::1]", "fd00::1 is private")]
    [InlineData("[fe80::1]", "fe80::1 is link-local")]
    [InlineData("[::ffff:169.254.169.254]", "::ffff:169.254.169.254 is link-local")]
    [InlineData("[::127.0.0.1]", "::127.0.0.1 is loopback")]
    [InlineData("[64:ff9b::a9fe:a9fe]", "64:ff9b::a9fe:a9fe is link-local")]
    [InlineData("[64:ff9b::10.0.0.1]", "64:ff9b::a00:1 is private")]
    public async Task SendAsync_NonPublicAddressNoListenerCanHold_IsRefusedNamingWhy(string host, string reason)
    {
        using var sut = new WebPushClient(_fixture.Vapid);

        var result = await sut.SendAsync(Subscription($"https://{host}/push/x"), new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Refused, result.ToString());
        result.Refusal!.Message.Should().Contain(reason);
    }

    [Fact]
    public async Task SendAsync_AllowPrivateNetworkEndpoints_LoopbackPushServiceReceives()
    {
        using var sut = new WebPushClient(_fixture.Vapid, new WebPushClientOptions { AllowHttpEndpoints = true, AllowPrivateNetworkEndpoints = true });
        var subscription = _fixture.CreateSubscription();

        var result = await sut.SendAsync(subscription, new PushMessage("through the owned transport"));

        result.Outcome.Should().Be(PushOutcome.Delivered, result.ToString());
        var received = _fixture.Service.RequestsTo(subscription).Should().ContainSingle().Subject;
        received.HttpVersion.Should().Be(HttpVersion.Version11, "HTTP/2 is preferred, and over cleartext that falls back to HTTP/1.1");
    }

    [Fact]
    public async Task SendAsync_DefaultOptions_LoopbackPushServiceReceivesNothing()
    {
        using var sut = new WebPushClient(_fixture.Vapid, new WebPushClientOptions { AllowHttpEndpoints = true });
        var subscription = _fixture.CreateSubscription();

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Refused, result.ToString());
        _fixture.Service.RequestsTo(subscription).Should().BeEmpty();
    }

    internal static PushSubscription Subscription(string endpoint) => new(new Uri(endpoint), UserAgentKeys.Generate().SubscriptionKeys);

    internal static void AssumeResolvesHere(string host)
    {
        if (host == LoopbackHosts.MachineName)
        {
            LoopbackHosts.MachineNameIsLoopback.Should().BeTrue($"the machine's host name '{host}' must resolve to a loopback address for this test (see /etc/hosts)");
        }
    }
}
