// The address policy through AddWebPush() with default options: the DI client refuses the same
// hosts as the client that owns its transport, without a connection reaching the listener, without
// a retry, and logs the refusal by host; AllowPrivateNetworkEndpoints lets a loopback push service
// receive.
using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pushwright.IntegrationTests.PushService;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.IntegrationTests.Transport;

public sealed class AddressPolicyAddWebPushTests : IClassFixture<LoopbackPushServiceFixture>
{
    private const int RetryAttempts = 2;

    private readonly LoopbackPushServiceFixture _fixture;

    public AddressPolicyAddWebPushTests(LoopbackPushServiceFixture fixture) => _fixture = fixture;

    public static TheoryData<string, string> Hosts => LoopbackHosts.All;

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task SendAsync_DefaultOptions_RefusesWithoutConnectingOrRetrying(string host, string listenOn)
    {
        AddressPolicyTests.AssumeResolvesHere(host);
        using var listener = new CountingListener(IPAddress.Parse(listenOn));
        await using var provider = BuildProvider();
        var sut = provider.GetRequiredService<WebPushClient>();
        var subscription = AddressPolicyTests.Subscription($"https://{host}:{listener.Port}/push/secret-path");

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Refused, result.ToString());
        result.Refusal!.Message.Should().Contain($"host '{subscription.Endpoint.IdnHost}'").And.Contain("AllowPrivateNetworkEndpoints");
        (await listener.CountAsync()).Should().Be(0, "the address policy refuses before connecting");
        var records = provider.GetFakeLogCollector().GetSnapshot();
        records.Should().NotContain(r => r.Id.Name == "AttemptRetried", "a refusal is not a transient fault");
        records.Should().ContainSingle(r => r.Id.Name == "PushRefusedByAddressPolicy")
            .Which.Message.Should().StartWith($"Push to {subscription.Endpoint.Host} refused before connecting");
        records.Should().NotContain(r => r.Message.Contains("secret-path"));
    }

    [Fact]
    public async Task SendAsync_AllowPrivateNetworkEndpoints_ReachesTheListenerAndRetries()
    {
        // The control of the test above: with private networks allowed, the same stack connects,
        // and a connection the listener drops is a transient fault, retried and logged as such.
        using var listener = new CountingListener(IPAddress.Loopback);
        await using var provider = BuildProvider(o => o.AllowPrivateNetworkEndpoints = true);
        var sut = provider.GetRequiredService<WebPushClient>();

        var result = await sut.SendAsync(AddressPolicyTests.Subscription($"https://127.0.0.1:{listener.Port}/push/x"), new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.NetworkError, result.ToString());
        (await listener.CountAsync()).Should().Be(1 + RetryAttempts);
        provider.GetFakeLogCollector().GetSnapshot().Count(r => r.Id.Name == "AttemptRetried").Should().Be(RetryAttempts);
    }

    [Fact]
    public async Task SendAsync_AllowPrivateNetworkEndpoints_LoopbackPushServiceReceives()
    {
        await using var provider = BuildProvider(o =>
        {
            o.AllowHttpEndpoints = true;
            o.AllowPrivateNetworkEndpoints = true;
        });
        var sut = provider.GetRequiredService<WebPushClient>();
        var subscription = _fixture.CreateSubscription();

        var result = await sut.SendAsync(subscription, new PushMessage("through AddWebPush"));

        result.Outcome.Should().Be(PushOutcome.Delivered, result.ToString());
        _fixture.Service.RequestsTo(subscription).Should().ContainSingle();
    }

    /// <summary>AddWebPush() as an application writes it: only the VAPID settings, plus short backoffs so the control test is quick.</summary>
    private ServiceProvider BuildProvider(Action<WebPushOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Debug).AddFakeLogging());
        services.AddWebPush(o =>
        {
            o.Subject = "mailto:address-policy@example.com";
            o.PublicKey = _fixture.VapidKeys.PublicKeyBase64Url;
            o.PrivateKey = _fixture.VapidKeys.ExportPrivateKeyBase64Url();
            o.Resilience.MaxRetryAttempts = RetryAttempts;
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(10);
            o.Resilience.UseJitter = false;
            configure?.Invoke(o);
        });
        return services.BuildServiceProvider();
    }
}
