using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.Testing;
using Pushwright.Sample.Fanout.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Pushwright.Sample.Fanout.Tests;

/// <summary>PostgreSQL stops for a while: workers stop consuming and acknowledge nothing they could not record, then resume.</summary>
[Collection(FanoutCollection.Name)]
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    private const int SubscriptionCount = 3_000;
    private const int BatchSize = 100;
    private const string Payload = "The database went away for a while";

    [ServicesFact]
    public async Task Broadcast_PostgreSQLStopsWhileWorkersRun_WorkersPauseWithoutAckingThenComplete()
    {
        var watch = Stopwatch.StartNew();
        await using var scenario = await FanoutScenario.CreateAsync(output, BatchSize);
        // Replies take 100 ms, so the broadcast is far from done when the database stops.
        var subscriptions = Enumerable.Range(0, SubscriptionCount).Select(i => scenario.Subscribe(scenario.PushServices[i % 2])).ToArray();
        foreach (var subscription in subscriptions)
        {
            scenario.ServiceOf(subscription).Reply(subscription, FakeReply.Created().After(TimeSpan.FromMilliseconds(100)));
        }

        await scenario.SeedAsync(subscriptions);
        var workers = await scenario.StartWorkersAsync(2);
        var broadcast = await scenario.BroadcastAsync(Payload);
        await WaitUntilRecordedAsync(scenario, broadcast, SubscriptionCount / 5);

        try
        {
            // 1. Stop PostgreSQL. Each worker finds out with the batch in hand, requeues it and pauses.
            output.WriteLine($"stopping PostgreSQL after {watch.Elapsed.TotalSeconds:0.0} s");
            await FanoutServices.RunServicesScriptAsync("stop", "postgresql");
            foreach (var worker in workers)
            {
                await worker.WaitForOutputAsync(new("paused: the database is unavailable"), TimeSpan.FromSeconds(60));
            }

            // 2. Paused means paused: nothing is sent, and the broker holds every batch as ready,
            //    none unacknowledged (the prefetched ones were handed back too).
            var requests = PushServiceRecords.CountRequests(scenario.PushServices);
            var queues = await WaitForNoUnacknowledgedAsync(scenario.Queue);
            queues.Ready.Should().BeGreaterThan(0, "the broadcast was not finished when the database stopped");
            await Task.Delay(TimeSpan.FromSeconds(2));
            PushServiceRecords.CountRequests(scenario.PushServices).Should().Be(requests, "a paused worker sends nothing");
            output.WriteLine($"paused with {queues.Ready} batches ready after {watch.Elapsed.TotalSeconds:0.0} s");
        }
        finally
        {
            // 3. Start it again; the workers resume by themselves.
            await FanoutServices.RunServicesScriptAsync("start", "postgresql");
        }

        var counts = await scenario.WaitForCompletionAsync(broadcast, TimeSpan.FromMinutes(2));
        output.WriteLine($"complete after {watch.Elapsed.TotalSeconds:0.0} s: {counts}");
        foreach (var worker in workers)
        {
            worker.Output.Should().Contain("database available again");
            WorkerLog.CountLines(worker.Output, "not acknowledged; handed back").Should().BeGreaterThan(0, "the batch in hand when the database stopped was handed back, not acknowledged");
        }

        // Nothing acknowledged went unrecorded: every subscription has its outcome, and got the message.
        var records = PushServiceRecords.Read(scenario.PushServices, Payload, FanoutWebPushTopic.Of(broadcast));
        records.Problems.Should().BeEmpty();
        records.Deliveries.Keys.ShouldBeSameSet(subscriptions.Select(PushServiceRecords.IdOf), "every subscription received the message");
        counts["delivered"].Should().Be(SubscriptionCount);

        // Sent but not recorded when the database went away: at most one batch per worker is sent again.
        output.WriteLine($"duplicates: {records.Duplicates}");
        records.Duplicates.Should().BeLessThanOrEqualTo(workers.Length * BatchSize);
        (await FanoutServices.ListQueuesAsync())[scenario.Queue].Should().Be((0L, 0L));
    }

    private static async Task<(long Ready, long Unacknowledged)> WaitForNoUnacknowledgedAsync(string queue)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var counts = (await FanoutServices.ListQueuesAsync())[queue];
            if (counts.Unacknowledged == 0 || watch.Elapsed > TimeSpan.FromSeconds(20))
            {
                counts.Unacknowledged.Should().Be(0, "paused workers hold no batch");
                return counts;
            }

            await Task.Delay(200);
        }
    }

    private static async Task WaitUntilRecordedAsync(FanoutScenario scenario, Guid broadcast, int recorded)
    {
        var watch = Stopwatch.StartNew();
        while ((await scenario.CountsAsync(broadcast)).Recorded < recorded)
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"Fewer than {recorded} outcomes after 60 s.\n{scenario.WorkerOutputs(20)}");
            }

            await Task.Delay(20);
        }
    }
}
