// The AddWebPush() stack against the loopback push service, over HTTP/1.1 and HTTP/2: a slow
// push service is abandoned after AttemptTimeout and retried, and TotalTimeout bounds the whole
// send. Apart from AddWebPushStackTests so the classes run in parallel.
using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Pushwright.IntegrationTests.PushService;
using Pushwright.Testing;
using Xunit;

namespace Pushwright.IntegrationTests.Transport;

public sealed class AddWebPushStackTimeoutTests : IClassFixture<LoopbackPushServiceFixture>
{
    private readonly LoopbackPushServiceFixture _fixture;

    public AddWebPushStackTimeoutTests(LoopbackPushServiceFixture fixture) => _fixture = fixture;

    public static TheoryData<bool> Protocols => new() { false, true };

    private FakePushService Service => _fixture.Service;

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_SlowReplyThen201_TimesOutTheAttemptAndRetries(bool http2)
    {
        await using var provider = WebPushStack.BuildProvider(_fixture, http2, o => o.Resilience.AttemptTimeout = WebPushStack.ShortAttemptTimeout);
        var sut = provider.GetRequiredService<WebPushClient>();
        var subscription = _fixture.CreateSubscription(http2);
        Service.Reply(subscription, FakeReply.Created().After(TimeSpan.FromSeconds(20)), FakeReply.Created());
        var watch = Stopwatch.StartNew();

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Delivered, result.ToString());
        watch.Elapsed.Should().BeGreaterThanOrEqualTo(WebPushStack.ShortAttemptTimeout).And.BeLessThan(TimeSpan.FromSeconds(5));
        var requests = await WebPushStack.WaitUntilAnsweredAsync(Service, subscription);
        requests.Count.Should().BeInRange(2, 1 + WebPushStack.MaxRetryAttempts, "the slow attempt is abandoned and retried");
        requests[0].Reply.Should().StartWith("the sender gave up");
        requests.Select(r => Convert.ToBase64String(r.Body.ToArray())).Distinct().Should().ContainSingle();
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_SlowReplyEveryTime_ReturnsNetworkErrorAfterAllAttempts(bool http2)
    {
        await using var provider = WebPushStack.BuildProvider(_fixture, http2, o => o.Resilience.AttemptTimeout = WebPushStack.ShortAttemptTimeout);
        var sut = provider.GetRequiredService<WebPushClient>();
        var subscription = _fixture.CreateSubscription(http2);
        Service.Reply(subscription, FakeReply.Created().After(TimeSpan.FromSeconds(20)));
        var watch = Stopwatch.StartNew();

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.NetworkError, result.ToString());
        result.StatusCode.Should().BeNull();
        result.Exception.Should().BeOfType<TimeoutException>();
        watch.Elapsed.Should().BeGreaterThanOrEqualTo((1 + WebPushStack.MaxRetryAttempts) * WebPushStack.ShortAttemptTimeout).And.BeLessThan(TimeSpan.FromSeconds(8));
        var requests = await WebPushStack.WaitUntilAnsweredAsync(Service, subscription);
        requests.Should().HaveCount(1 + WebPushStack.MaxRetryAttempts).And.OnlyContain(r => r.Reply.StartsWith("the sender gave up", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_TotalTimeout_StopsRetrying(bool http2)
    {
        await using var provider = WebPushStack.BuildProvider(_fixture, http2, o =>
        {
            o.Resilience.MaxRetryAttempts = 10;
            o.Resilience.AttemptTimeout = WebPushStack.ShortAttemptTimeout;
            o.Resilience.TotalTimeout = TimeSpan.FromMilliseconds(1000);
            o.Resilience.MaxRetryAfter = TimeSpan.FromMilliseconds(500);   // must stay below TotalTimeout
        });
        var sut = provider.GetRequiredService<WebPushClient>();
        var subscription = _fixture.CreateSubscription(http2);
        Service.Reply(subscription, FakeReply.Created().After(TimeSpan.FromSeconds(20)));
        var watch = Stopwatch.StartNew();

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.NetworkError, result.ToString());
        result.Exception.Should().BeOfType<TimeoutException>();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3));
        Service.RequestsTo(subscription).Count.Should().BeInRange(2, 4);
    }
}
