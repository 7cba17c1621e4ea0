using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.IntegrationTests.PushService;
using Pushwright.Testing;
using Xunit;

namespace Pushwright.IntegrationTests.Transport;

/// <summary>What SendManyAsync and SendAsync do when the caller, the source of subscriptions or a removal handler misbehaves.</summary>
public sealed class SendManyRobustnessTests : IClassFixture<LoopbackPushServiceFixture>
{
    private readonly LoopbackPushServiceFixture _fixture;

    public SendManyRobustnessTests(LoopbackPushServiceFixture fixture) => _fixture = fixture;

    private FakePushService Service => _fixture.Service;

    [Fact]
    public async Task SendManyAsync_ConsumerBreaksEarly_NoHandlerRunsAfterTheEnumerationEnds()
    {
        using var http = NewHttpClient();
        var handler = new CountingHandler();
        var sut = NewClient(http, 4, handler);
        var subscriptions = Enumerable.Range(0, 30).Select(_ => _fixture.CreateSubscription()).ToList();
        foreach (var subscription in subscriptions)
        {
            Service.Reply(subscription, FakeReply.Status(410).After(TimeSpan.FromMilliseconds(50)));
        }

        await foreach (var result in sut.SendManyAsync(subscriptions, new PushMessage("x")))
        {
            break;
        }

        var atEnd = handler.Calls;
        await Task.Delay(300);
        handler.Calls.Should().Be(atEnd, "every send started before the break had finished when the enumeration ended");
    }

    [Fact]
    public async Task SendManyAsync_SourceThrowsMidway_YieldsTheResultsOfSentMessagesThenThrows()
    {
        using var http = NewHttpClient();
        var sut = NewClient(http, 4);
        var sent = Enumerable.Range(0, 3).Select(_ => _fixture.CreateSubscription()).ToList();
        var results = new List<PushResult>();

        var act = async () =>
        {
            await foreach (var result in sut.SendManyAsync(Broken(sent), new PushMessage("x")))
            {
                results.Add(result);
            }
        };

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("database cursor broke");
        results.Should().HaveCount(3).And.OnlyContain(r => r.IsDelivered);
    }

    [Fact]
    public async Task SendAsync_HandlerThrows_EveryHandlerAndTheEventRunAndTheResultTravelsWithTheException()
    {
        using var http = NewHttpClient();
        var after = new CountingHandler();
        var sut = NewClient(http, 4, new ThrowingHandler(), after);
        var events = 0;
        sut.SubscriptionRemoved += (_, _) => Interlocked.Increment(ref events);
        var subscription = _fixture.CreateSubscription();
        Service.Reply(subscription, FakeReply.Status(410));

        var act = () => sut.SendAsync(subscription, new PushMessage("x"));

        var exception = (await act.Should().ThrowAsync<WebPushException>()).Which;
        exception.Result!.IsSubscriptionGone.Should().BeTrue();
        exception.InnerException.Should().BeOfType<AggregateException>();
        after.Calls.Should().Be(1);
        events.Should().Be(1);
    }

    [Fact]
    public async Task SendManyAsync_HandlerThrows_TheGoneResultIsStillYielded()
    {
        using var http = NewHttpClient();
        var sut = NewClient(http, 4, new ThrowingHandler());
        var subscriptions = Enumerable.Range(0, 10).Select(_ => _fixture.CreateSubscription()).ToList();
        Service.Reply(subscriptions[5], FakeReply.Status(410));
        var results = new List<PushResult>();

        var act = async () =>
        {
            await foreach (var result in sut.SendManyAsync(subscriptions, new PushMessage("x")))
            {
                results.Add(result);
            }
        };

        await act.Should().ThrowAsync<WebPushException>();
        results.Should().Contain(r => r.IsSubscriptionGone && r.Subscription == subscriptions[5]);
    }

    private static IEnumerable<PushSubscription> Broken(IEnumerable<PushSubscription> first)
    {
        foreach (var subscription in first)
        {
            yield return subscription;
        }

        throw new InvalidOperationException("database cursor broke");
    }

    private static HttpClient NewHttpClient() =>
        new() { DefaultRequestVersion = HttpVersion.Version11, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

    private WebPushClient NewClient(HttpClient http, int concurrency, params ISubscriptionRemovalHandler[] handlers)
    {
        var options = new WebPushClientOptions { AllowHttpEndpoints = true, MaxConcurrency = concurrency };
        foreach (var handler in handlers)
        {
            options.RemovalHandlers.Add(handler);
        }

        return new WebPushClient(http, _fixture.Vapid, options);
    }

    private sealed class CountingHandler : ISubscriptionRemovalHandler
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task OnSubscriptionRemovedAsync(PushResult result, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return Task.CompletedTask;
        }
    }

    private sealed class ThrowingHandler : ISubscriptionRemovalHandler
    {
        public Task OnSubscriptionRemovedAsync(PushResult result, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("store is down");
    }
}
