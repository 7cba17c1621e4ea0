using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace Pushwright.Tests.Sending;

public sealed partial class WebPushClientTests
{
    [Theory]
    [InlineData("404")]
    [InlineData("410")]
    public async Task SendAsync_GoneSubscription_NotifiesHandlerAndEventOnce(string reply)
    {
        var handler = new RecordingRemovalHandler();
        var sut = CreateSut(o => o.RemovalHandlers.Add(handler));
        var events = new ConcurrentQueue<(object? Sender, SubscriptionRemovedEventArgs Args)>();
        sut.SubscriptionRemoved += (sender, args) => events.Enqueue((sender, args));
        var subscription = CreateSubscription();
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
        var handler = new RecordingRemovalHandler();
        var sut = CreateSut(o => o.RemovalHandlers.Add(handler));
        var events = 0;
        sut.SubscriptionRemoved += (_, _) => Interlocked.Increment(ref events);
        var subscription = CreateSubscription();
        Service.Reply(subscription, Step(reply));

        await sut.SendAsync(subscription, new PushMessage("hello"));

        handler.Results.Should().BeEmpty();
        events.Should().Be(0);
    }

    [Fact]
    public async Task SendAsync_ExpiredSubscription_IsNotSentAndReportedGoneOnce()
    {
        var handler = new RecordingRemovalHandler();
        var sut = CreateSut(o => o.RemovalHandlers.Add(handler));
        var events = 0;
        sut.SubscriptionRemoved += (_, _) => Interlocked.Increment(ref events);
        var subscription = CreateSubscription(expirationTime: TimeProvider.System.GetUtcNow().AddMinutes(-1));

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.SubscriptionGone);
        result.StatusCode.Should().BeNull();
        result.Error.Should().BeNull("nothing was asked of a push service");
        result.Refusal!.Reason.Should().Be(RefusalReason.SubscriptionExpired);
        result.Refusal.Message.Should().Contain("expirationTime");
        handler.Results.Should().ContainSingle().Which.Should().BeSameAs(result);
        events.Should().Be(1);
        Service.RequestsTo(subscription).Should().BeEmpty();
    }

    [Fact]
    public async Task SendAsync_FutureExpirationTime_IsSent()
    {
        var sut = CreateSut();
        var subscription = CreateSubscription(expirationTime: TimeProvider.System.GetUtcNow().AddDays(1));

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Delivered);
        Service.RequestsTo(subscription).Should().ContainSingle();
    }
}
