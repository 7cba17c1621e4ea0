using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Pushwright.IntegrationTests.PushService;
using Pushwright.Testing;
using Xunit;

namespace Pushwright.IntegrationTests.Transport;

/// <summary>The "Pushwright" meter: messages counted by outcome and push-service host, and send durations.</summary>
public sealed class WebPushMetricsTests : IClassFixture<LoopbackPushServiceFixture>
{
    private readonly LoopbackPushServiceFixture _fixture;

    public WebPushMetricsTests(LoopbackPushServiceFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task SendAsync_DeliveredAndGone_AreCountedByOutcomeAndAllowedHost()
    {
        using var messages = new MetricCollector<long>(null, "Pushwright", "pushwright.client.messages");
        using var durations = new MetricCollector<double>(null, "Pushwright", "pushwright.client.send.duration");
        using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version11, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var options = new WebPushClientOptions { AllowHttpEndpoints = true };
        options.AllowedHosts.Add("127.0.0.1");
        var sut = new WebPushClient(http, _fixture.Vapid, options);
        var unlisted = new WebPushClient(http, _fixture.Vapid, new WebPushClientOptions { AllowHttpEndpoints = true });
        var delivered = _fixture.CreateSubscription();
        var gone = _fixture.CreateSubscription();
        _fixture.Service.Reply(gone, FakeReply.Status(410));

        (await sut.SendAsync(delivered, new PushMessage("counted"))).IsDelivered.Should().BeTrue();
        (await sut.SendAsync(gone, new PushMessage("counted"))).IsSubscriptionGone.Should().BeTrue();
        (await unlisted.SendAsync(_fixture.CreateSubscription(), new PushMessage("counted"))).IsDelivered.Should().BeTrue();

        // Other tests in this process send too, so look for at least our two measurements.
        var snapshot = messages.GetMeasurementSnapshot();
        snapshot.Should().Contain(m => (string?)m.Tags["pushwright.outcome"] == "Delivered" && (string?)m.Tags["server.address"] == "127.0.0.1" && m.Value == 1);
        snapshot.Should().Contain(m => (string?)m.Tags["pushwright.outcome"] == "SubscriptionGone" && (string?)m.Tags["server.address"] == "127.0.0.1");
        snapshot.Should().Contain(m => (string?)m.Tags["server.address"] == "other", "a host that is neither a known push service nor allowed is not a tag value");
        durations.GetMeasurementSnapshot().Should().Contain(m => m.Value > 0 && (string?)m.Tags["pushwright.outcome"] == "Delivered");
        snapshot.SelectMany(m => m.Tags.Values).OfType<string>().Should().NotContain(v => v.Contains("/push/"), "only the host is a tag, never the endpoint");
    }
}
