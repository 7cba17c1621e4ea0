// The AddWebPush() stack against the loopback push service, over HTTP/1.1 and HTTP/2: a
// Retry-After (as seconds or as an HTTP date) is waited for up to MaxRetryAfter; a longer one is
// reported at once instead of waited for. Apart from AddWebPushStackTests so the classes run in parallel.
using System;
using System.Diagnostics;
using System.Net;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Pushwright.IntegrationTests.PushService;
using Pushwright.Testing;
using Xunit;

namespace Pushwright.IntegrationTests.Transport;

public sealed class AddWebPushStackRetryAfterTests : IClassFixture<LoopbackPushServiceFixture>
{
    private readonly LoopbackPushServiceFixture _fixture;

    public AddWebPushStackRetryAfterTests(LoopbackPushServiceFixture fixture) => _fixture = fixture;

    public static TheoryData<bool> Protocols => new() { false, true };

    private FakePushService Service => _fixture.Service;

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task SendAsync_429WithShortRetryAfter_WaitsThenRetries(bool asDate, bool http2)
    {
        await using var provider = WebPushStack.BuildProvider(_fixture, http2);
        var sut = provider.GetRequiredService<WebPushClient>();
        var subscription = _fixture.CreateSubscription(http2);
        var limited = asDate ? FakeReply.Status(429).WithRetryAfterDate(TimeSpan.FromSeconds(1)) : FakeReply.Status(429).WithRetryAfter(TimeSpan.FromSeconds(1));
        Service.Reply(subscription, limited, FakeReply.Created());
        var watch = Stopwatch.StartNew();

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Delivered, result.ToString());
        var requests = Service.RequestsTo(subscription);
        requests.Should().HaveCount(2);
        var gap = requests[1].ReceivedAt - requests[0].ReceivedAt;
        gap.Should().BeGreaterThan(TimeSpan.FromMilliseconds(850), "Retry-After is honoured, not the 10 ms backoff");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(4));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task SendAsync_429WithRetryAfterBeyondCap_ReturnsRateLimitedAtOnce(bool asDate, bool http2)
    {
        await using var provider = WebPushStack.BuildProvider(_fixture, http2);
        var sut = provider.GetRequiredService<WebPushClient>();
        var subscription = _fixture.CreateSubscription(http2);
        var limited = asDate ? FakeReply.Status(429).WithRetryAfterDate(TimeSpan.FromMinutes(2)) : FakeReply.Status(429).WithRetryAfter(TimeSpan.FromMinutes(2));
        Service.Reply(subscription, limited, FakeReply.Created());
        var watch = Stopwatch.StartNew();

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        // Had it waited, it would have waited at least MaxRetryAfter (2 s).
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
        result.Outcome.Should().Be(PushOutcome.RateLimited);
        result.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        result.RetryAfter.Should().BeGreaterThan(TimeSpan.FromSeconds(110)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(121));
        result.Error!.Code.Should().Be(429);
        Service.RequestsTo(subscription).Should().ContainSingle();
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_503WithRetryAfterBeyondCap_DoesNotWaitThatLong(bool http2)
    {
        await using var provider = WebPushStack.BuildProvider(_fixture, http2, o =>
        {
            o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(1);
            o.Resilience.TotalTimeout = TimeSpan.FromSeconds(3);
        });
        var sut = provider.GetRequiredService<WebPushClient>();
        var subscription = _fixture.CreateSubscription(http2);
        Service.Reply(subscription, FakeReply.Status(503).WithRetryAfter(TimeSpan.FromMinutes(2)), FakeReply.Created());
        var watch = Stopwatch.StartNew();

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        // A Retry-After longer than MaxRetryAfter is never waited for, whatever the status: the
        // caller gets the 503 and its Retry-After at once, not a NetworkError at TotalTimeout.
        result.Outcome.Should().Be(PushOutcome.ServerError, result.ToString());
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
        result.RetryAfter.Should().Be(TimeSpan.FromMinutes(2));
        Service.RequestsTo(subscription).Should().ContainSingle();
    }
}
