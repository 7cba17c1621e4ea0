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

/// <summary>RabbitMQ restarts while workers run: they reconnect by themselves and the broadcast completes.</summary>
[Collection(FanoutCollection.Name)]
public sealed class BrokerRestartTests(ITestOutputHelper output)
{
    private const int SubscriptionCount = 3_000;
    private const int BatchSize = 100;
    private const string Payload = "The broker restarted, and nobody noticed";

    [ServicesFact]
    public async Task Broadcast_RabbitMQRestartsWhileWorkersRun_WorkersReconnectAndTheBroadcastCompletes()
    {
        var watch = Stopwatch.StartNew();
        await using var scenario = await FanoutScenario.CreateAsync(output, BatchSize);
        // Replies take 200 ms, so sending takes longer than the restart: work is left for after it.
        var subscriptions = Enumerable.Range(0, SubscriptionCount).Select(i => scenario.Subscribe(scenario.PushServices[i % 2])).ToArray();
        foreach (var subscription in subscriptions)
        {
            scenario.ServiceOf(subscription).Reply(subscription, FakeReply.Created().After(TimeSpan.FromMilliseconds(200)));
        }

        await scenario.SeedAsync(subscriptions);
        var workers = await scenario.StartWorkersAsync(2);
        var broadcast = await scenario.BroadcastAsync(Payload);

        // Restart the broker once a fifth of the broadcast is recorded: the queue still holds most of it.
        await WaitUntilRecordedAsync(scenario, broadcast, SubscriptionCount / 5);
        var before = await scenario.CountsAsync(broadcast);
        output.WriteLine($"restarting RabbitMQ after {watch.Elapsed.TotalSeconds:0.0} s: {before}");
        await FanoutServices.RunServicesScriptAsync("restart", "rabbitmq");
        var after = await scenario.CountsAsync(broadcast);
        output.WriteLine($"RabbitMQ back after {watch.Elapsed.TotalSeconds:0.0} s: {after}");
        after.Recorded.Should().BeLessThan(SubscriptionCount, "batches were left in the queue for after the restart");

        // The workers reconnect by themselves and finish the broadcast.
        foreach (var worker in workers)
        {
            await worker.WaitForOutputAsync(new("RabbitMQ connection recovered"), TimeSpan.FromSeconds(60));
            worker.Output.Should().Contain("RabbitMQ connection lost");
        }

        var counts = await scenario.WaitForCompletionAsync(broadcast, TimeSpan.FromMinutes(2));
        output.WriteLine($"complete after {watch.Elapsed.TotalSeconds:0.0} s: {counts}");
        workers.Should().OnlyContain(w => !w.HasExited, "a worker rides out a broker restart");

        // Every subscription got the message; the counts are the push services' records.
        var records = PushServiceRecords.Read(scenario.PushServices, Payload, FanoutWebPushTopic.Of(broadcast));
        records.Problems.Should().BeEmpty();
        records.Deliveries.Keys.ShouldBeSameSet(subscriptions.Select(PushServiceRecords.IdOf), "every subscription received the message");
        counts["delivered"].Should().Be(SubscriptionCount);

        // A batch in hand during the restart was recorded before its acknowledgement failed, so it is
        // skipped when it comes back: duplicates stay within what the workers held unacknowledged.
        output.WriteLine($"duplicates: {records.Duplicates}");
        records.Duplicates.Should().BeLessThanOrEqualTo(workers.Length * 2 * BatchSize);

        var queues = await FanoutServices.ListQueuesAsync();
        queues[scenario.Queue].Should().Be((0L, 0L), "every batch was acknowledged after the restart");
        queues[scenario.Queue + ".retry"].Should().Be((0L, 0L));
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
