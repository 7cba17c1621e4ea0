using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace Pushwright.IntegrationTests.Transport;

public sealed partial class WebPushClientTests
{
    [Theory]
    [InlineData("404", false)]
    [InlineData("404", true)]
    [InlineData("410", false)]
    [InlineData("410", true)]
    public async Task SendAsync_GoneSubscription_NotifiesHandlerAndEventOnce(string reply, bool http2)
    {
        using var http = CreateHttpClient(http2);
        var handler = new RecordingRemovalHandler();
        var sut = CreateSut(http, o => o.RemovalHandlers.Add(handler));
        var events = new ConcurrentQueue<(object? Sender, SubscriptionRemovedEventArgs Args)>();
        sut.SubscriptionRemoved += (sender, args) => events.Enqueue((sender, args));
        var subscription = Service.CreateSubscription(http2);
        Service.Reply(subscription, Step(reply));

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.SubscriptionGone);
        handler.Results.Should().ContainSingle().Which.Should().BeSameAs(result);
        events.Should().ContainSingle();
        events.Single().Sender.Should().BeSameAs(sut);
        events.Single().Args.Result.Should().BeSameAs(result);
    }

    [Theory]
    [InlineData("201")]
    [InlineData("400")]
    [InlineData("403")]
    [InlineData("429-seconds")]
    [InlineData("500")]
    [InlineData("drop")]
    public async Task SendAsync_NotGone_NotifiesNobody(string reply)
    {
        using var http = CreateHttpClient(http2: false);
        var handler = new RecordingRemovalHandler();
        var sut = CreateSut(http, o => o.RemovalHandlers.Add(handler));
        var events = 0;
        sut.SubscriptionRemoved += (_, _) => Interlocked.Increment(ref events);
        var subscription = Service.CreateSubscription();
        Service.Reply(subscription, Step(reply));

        await sut.SendAsync(subscription, new PushMessage("hello"));

        handler.Results.Should().BeEmpty();
        events.Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_ExpiredSubscription_IsNotSentAndReportedGoneOnce(bool http2)
    {
        using var http = CreateHttpClient(http2);
        var handler = new RecordingRemovalHandler();
        var sut = CreateSut(http, o => o.RemovalHandlers.Add(handler));
        var events = 0;
        sut.SubscriptionRemoved += (_, _) => Interlocked.Increment(ref events);
        var subscription = Service.CreateSubscription(http2, expirationTime: TimeProvider.System.GetUtcNow().AddMinutes(-1));

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.SubscriptionGone);
        result.StatusCode.Should().BeNull();
        result.Error.Should().BeNull("nothing was asked of a push service");
        result.Refusal!.Reason.Should().Be(RefusalReason.SubscriptionExpired);
        result.Refusal.Message.Should().Contain("expirationTime");
        handler.Results.Should().ContainSingle().Which.Should().BeSameAs(result);
        events.Should().Be(1);
        Service.RequestsFor(subscription).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_FutureExpirationTime_IsSent(bool http2)
    {
        using var http = CreateHttpClient(http2);
        var sut = CreateSut(http);
        var subscription = Service.CreateSubscription(http2, expirationTime: TimeProvider.System.GetUtcNow().AddDays(1));

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Delivered);
        Service.RequestsFor(subscription).Should().ContainSingle();
    }
}
