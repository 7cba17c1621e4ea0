using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.IntegrationTests.Browser;
using Pushwright.Testing;
using Pushwright.Sample.Fanout.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Pushwright.Sample.Fanout.Tests;

/// <summary>A worker killed with SIGKILL in the middle of a batch: nothing is lost, and only what it had in flight is sent twice.</summary>
[Collection(FanoutCollection.Name)]
public sealed class WorkerCrashTests(ITestOutputHelper output)
{
    private const int SubscriptionCount = 20_000;
    private const string Payload = "Twenty thousand subscribers, three workers, one crash";

    [ServicesFact]
    public async Task Broadcast_OneOfThreeWorkersKilledMidBatch_EveryLiveSubscriptionGetsItAndOnlyTheKilledBatchRepeats()
    {
        var watch = Stopwatch.StartNew();
        await using var scenario = await FanoutScenario.CreateAsync(output, batchSize: 500);

        // 1. 20,000 subscriptions over two push services: 2% answer 410, 1% answer 503 then 201
        //    (the client's own retry), 0.5% answer 429 with Retry-After: 1 then 201 (longer than the
        //    client waits, so the batch's retry queue takes it).
        var subscriptions = Enumerable.Range(0, SubscriptionCount).Select(i => scenario.Subscribe(scenario.PushServices[i % 2])).ToArray();
        var shuffled = subscriptions.OrderBy(_ => Random.Shared.Next()).ToArray();
        var gone = shuffled[..400];
        foreach (var subscription in gone)
        {
            scenario.ServiceOf(subscription).Remove(subscription);
        }

        foreach (var subscription in shuffled[400..600])
        {
            scenario.ServiceOf(subscription).Reply(subscription, FakeReply.Status(503), FakeReply.Created());
        }

        foreach (var subscription in shuffled[600..700])
        {
            scenario.ServiceOf(subscription).Reply(subscription, FakeReply.Status(429).WithRetryAfter(TimeSpan.FromSeconds(1)), FakeReply.Created());
        }

        await scenario.SeedAsync(subscriptions);
        var workers = await scenario.StartWorkersAsync(3);
        output.WriteLine($"seeded and 3 workers consuming after {watch.Elapsed.TotalSeconds:0.0} s");

        // 2. Broadcast, and kill one worker while it sends a batch.
        var broadcast = await scenario.BroadcastAsync(Payload);
        var victim = workers[0];
        var (batch, sends) = await KillWhileSendingAsync(scenario, victim);
        await victim.WaitForExitAsync(TimeSpan.FromSeconds(10));
        var inFlight = WorkerLog.UnrecordedSends(victim.Output);
        output.WriteLine($"killed worker 0 in batch {batch} of {sends} sends after {watch.Elapsed.TotalSeconds:0.0} s; unrecorded sends: {inFlight}");
        inFlight.Should().BeGreaterThan(0, "the worker was killed while it was sending a batch");

        // 3. The other two finish the broadcast, the killed worker's batches included.
        var counts = await scenario.WaitForCompletionAsync(broadcast, TimeSpan.FromMinutes(3));
        output.WriteLine($"complete after {watch.Elapsed.TotalSeconds:0.0} s: {counts}");

        // Every live subscription received the message at least once; the gone ones never did.
        var records = PushServiceRecords.Read(scenario.PushServices, Payload, FanoutWebPushTopic.Of(broadcast));
        var goneIds = gone.Select(PushServiceRecords.IdOf).ToHashSet();
        var liveIds = subscriptions.Select(PushServiceRecords.IdOf).Where(id => !goneIds.Contains(id)).ToArray();
        records.Problems.Should().BeEmpty();
        records.Deliveries.Keys.ShouldBeSameSet(liveIds, "every live subscription received the message");
        records.GoneAnswered.ShouldBeSameSet(goneIds, "the gone subscriptions were answered 410");

        // Duplicates: at most the killed worker's sends that it never recorded.
        output.WriteLine($"duplicates: {records.Duplicates} (bound: {inFlight} unrecorded sends of the killed worker); requests in all: {records.Requests}");
        records.Duplicates.Should().BeLessThanOrEqualTo(inFlight);
        Report($"kill test: {SubscriptionCount} subscriptions, 3 workers, one killed mid-batch: {records.Duplicates} duplicates (bound {inFlight}), {watch.Elapsed.TotalSeconds:0} s");

        // Every gone subscription is deleted, and nothing else is.
        (await scenario.SubscriptionIdsAsync()).Keys.ShouldBeSameSet(liveIds, "the gone subscriptions are deleted, and only they");

        // The broadcast's counts are the push services' own records.
        counts["delivered"].Should().Be(records.Deliveries.Count);
        counts["gone"].Should().Be(records.GoneAnswered.Count);
        counts.Recorded.Should().Be(SubscriptionCount, "every subscription has exactly one outcome, and none is failed, rejected or invalid");
        var status = await scenario.RunAsync("status", broadcast.ToString());
        status.Should().MatchRegex($@"delivered\s+{liveIds.Length}\b").And.MatchRegex(@"gone\s+400\b").And.Contain("state       complete");

        // No batch is left unacknowledged: the broker holds nothing for the live workers, and after
        // they are gone too (anything unacknowledged would be requeued) the queues are still empty.
        var queues = await FanoutServices.ListQueuesAsync();
        queues[scenario.Queue].Should().Be((0L, 0L));
        queues[scenario.Queue + ".retry"].Should().Be((0L, 0L));
        queues[scenario.Queue + ".poison"].Should().Be((0L, 0L));
        foreach (var worker in workers)
        {
            worker.Kill();
        }

        (await scenario.PeekQueueAsync(scenario.Queue)).Should().Be((0u, 0u));
        (await scenario.PeekQueueAsync(scenario.Queue + ".retry")).Should().Be((0u, 0u));
        output.WriteLine($"done after {watch.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>
    /// Waits until the worker is sending a batch and the push services have taken more requests
    /// since, then kills it at once with SIGKILL. Returns the batch and its size.
    /// </summary>
    private static async Task<(int Batch, int Sends)> KillWhileSendingAsync(FanoutScenario scenario, DotnetProcess victim)
    {
        var started = Stopwatch.StartNew();
        var seenBatch = 0;
        var requestsWhenSeen = 0;
        while (started.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (WorkerLog.IsSending(victim.Output, out var batch, out var sends) && sends >= 100)
            {
                var requests = PushServiceRecords.CountRequests(scenario.PushServices);
                if (batch != seenBatch)
                {
                    (seenBatch, requestsWhenSeen) = (batch, requests);
                }
                else if (requests - requestsWhenSeen >= 150 && WorkerLog.IsSending(victim.Output, out var still, out _) && still == batch)
                {
                    victim.Kill();
                    return (batch, sends);
                }
            }

            await Task.Delay(5);
        }

        throw new TimeoutException("The worker was never seen sending a batch.\n" + scenario.WorkerOutputs(20));
    }

    /// <summary>Adds a line to the file named by PUSHWRIGHT_FANOUT_REPORT, which .ci/run prints at the end.</summary>
    private static void Report(string line)
    {
        if (Environment.GetEnvironmentVariable("PUSHWRIGHT_FANOUT_REPORT") is { Length: > 0 } path)
        {
            System.IO.File.AppendAllLines(path, [line]);
        }
    }
}
