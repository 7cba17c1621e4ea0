using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.Sending;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.Tests.Sending;

/// <summary>Bounded concurrency, one result per subscription, removal once per endpoint, and failures that end the batch only after the sends in flight.</summary>
public sealed class SendManyPumpTests
{
    [Fact]
    public async Task RunAsync_ManySubscriptions_NeverExceedsTheConcurrencyAndYieldsOneEach()
    {
        var inFlight = 0;
        var peak = 0;
        var subscriptions = Subscriptions(200);

        var results = await CollectAsync(SendManyPump.RunAsync(subscriptions, 8, async (s, ct) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref peak, now);
            await Task.Delay(1, ct);
            Interlocked.Decrement(ref inFlight);
            return new PushResult(s, PushOutcome.Delivered);
        }, (_, _) => Task.FromResult<List<Exception>?>(null), CancellationToken.None));

        results.Select(r => r.Subscription).Should().BeEquivalentTo(subscriptions);
        peak.Should().BeInRange(1, 8);
    }

    [Fact]
    public async Task RunAsync_SameEndpointGoneTwice_NotifiesRemovalOnce()
    {
        var subscription = Subscriptions(1)[0];
        var removals = 0;

        var results = await CollectAsync(SendManyPump.RunAsync([subscription, subscription, subscription], 2,
            (s, _) => Task.FromResult(new PushResult(s, PushOutcome.SubscriptionGone)),
            (_, _) =>
            {
                Interlocked.Increment(ref removals);
                return Task.FromResult<List<Exception>?>(null);
            },
            CancellationToken.None));

        results.Should().HaveCount(3);
        removals.Should().Be(1);
    }

    [Fact]
    public async Task RunAsync_RemovalHandlerFails_YieldsEveryResultThenThrowsWithTheResult()
    {
        var subscriptions = Subscriptions(5);
        var yielded = new List<PushResult>();

        var act = async () =>
        {
            await foreach (var result in SendManyPump.RunAsync(subscriptions, 2,
                (s, _) => Task.FromResult(new PushResult(s, PushOutcome.SubscriptionGone)),
                (_, _) => Task.FromResult<List<Exception>?>([new InvalidOperationException("store down")]),
                CancellationToken.None))
            {
                yielded.Add(result);
            }
        };

        (await act.Should().ThrowAsync<WebPushException>()).Which.Result.Should().NotBeNull();
        yielded.Should().HaveCountGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task RunAsync_ReaderStopsEarly_CancelsTheSendsInFlight()
    {
        var cancelled = 0;
        var subscriptions = Subscriptions(50);

        await foreach (var _ in SendManyPump.RunAsync(subscriptions, 4, async (s, ct) =>
        {
            try
            {
                await Task.Delay(s == subscriptions[0] ? 0 : Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref cancelled);
                throw;
            }

            return new PushResult(s, PushOutcome.Delivered);
        }, (_, _) => Task.FromResult<List<Exception>?>(null), CancellationToken.None))
        {
            break;
        }

        cancelled.Should().BeInRange(1, 4, "only the sends in flight were started, and all of them were stopped");
    }

    private static List<PushSubscription> Subscriptions(int count) =>
        Enumerable.Range(0, count).Select(i => new PushSubscription(new Uri($"https://push.example.net/{i}"), Some.Receiver.SubscriptionKeys)).ToList();

    private static async Task<List<PushResult>> CollectAsync(IAsyncEnumerable<PushResult> results)
    {
        var list = new List<PushResult>();
        await foreach (var result in results)
        {
            list.Add(result);
        }

        return list;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
