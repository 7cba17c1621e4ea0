using System;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.Sample.Fanout.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Pushwright.Sample.Fanout.Tests;

/// <summary>Input nobody can process is recorded or parked, and the rest of the broadcast goes through.</summary>
[Collection(FanoutCollection.Name)]
public sealed class PoisonInputTests(ITestOutputHelper output)
{
    private const string Payload = "poison test";

    [ServicesFact]
    public async Task Worker_PoisonBatchAndMessages_RecordsInvalidParksTheRestAndNeverBlocksTheQueue()
    {
        await using var scenario = await FanoutScenario.CreateAsync(output, batchSize: 50);
        var service = scenario.PushServices[0];
        var valid = Enumerable.Range(0, 200).Select(_ => scenario.Subscribe(service)).ToList();
        var deleted = scenario.Subscribe(service);
        var corruptJson = scenario.Subscribe(service);
        var corruptKey = scenario.Subscribe(service);
        var ids = await scenario.SeedAsync([.. valid, deleted, corruptJson, corruptKey]);

        // A row whose JSON does not parse, and one whose p256dh is not a point on P-256.
        await scenario.ExecuteAsync("UPDATE subscriptions SET subscription = '{\"endpoint\": \"' || endpoint || '\", \"keys\": ' WHERE id = @id", ("id", ids[Id(corruptJson)]));
        var offCurve = "BA" + new string('A', 85);
        await scenario.ExecuteAsync("UPDATE subscriptions SET subscription = @json WHERE id = @id", ("json", JsonSerializer.Serialize(new { endpoint = corruptKey.Endpoint, keys = new { p256dh = offCurve, auth = "AAAAAAAAAAAAAAAAAAAAAA" } })), ("id", ids[Id(corruptKey)]));

        // Queued, then deleted before any worker runs: an id with no row.
        var broadcast = await scenario.BroadcastAsync(Payload);
        await scenario.ExecuteAsync("DELETE FROM subscriptions WHERE id = @id", ("id", ids[Id(deleted)]));

        // Two messages that are not batches of this broadcast: garbage, and an unknown broadcast.
        var garbage = Encoding.UTF8.GetBytes("this is not a batch");
        var unknownBroadcast = Encoding.UTF8.GetBytes($$"""{"broadcastId":"{{Guid.NewGuid()}}","attempt":1,"subscriptionIds":[{{ids[Id(valid[0])]}}]}""");
        await scenario.PublishRawAsync(garbage);
        await scenario.PublishRawAsync(unknownBroadcast);

        var worker = (await scenario.StartWorkersAsync(1))[0];
        var counts = await scenario.WaitForCompletionAsync(broadcast, TimeSpan.FromSeconds(60));

        counts["delivered"].Should().Be(200);
        counts["invalid"].Should().Be(3, "the deleted id and the two corrupt rows are recorded as invalid");
        counts.Recorded.Should().Be(203);
        var records = PushServiceRecords.Read(scenario.PushServices, Payload, FanoutWebPushTopic.Of(broadcast));
        records.Problems.Should().BeEmpty();
        records.Deliveries.Keys.ShouldBeSameSet(valid.Select(Id), "every valid subscription got the message, and nothing was sent for the invalid ones");
        var status = await scenario.RunAsync("status", broadcast.ToString());
        status.Should().MatchRegex(@"invalid\s+3\b").And.MatchRegex(@"delivered\s+200\b").And.Contain("state       complete");

        // The work queue drained; the two unreadable messages wait, untouched, in the poison queue.
        await WaitUntilQueueEmptyAsync(scenario);
        var parked = await scenario.DrainAsync(scenario.Queue + ".poison");
        parked.Select(Encoding.UTF8.GetString).Should().BeEquivalentTo([Encoding.UTF8.GetString(garbage), Encoding.UTF8.GetString(unknownBroadcast)]);
        worker.Output.Should().Contain("unreadable message").And.Contain("no broadcast");
    }

    private static async Task WaitUntilQueueEmptyAsync(FanoutScenario scenario)
    {
        var queues = await FanoutServices.ListQueuesAsync();
        queues[scenario.Queue].Should().Be((0L, 0L), "every batch was acknowledged or parked");
        queues[scenario.Queue + ".retry"].Should().Be((0L, 0L));
    }

    private static string Id(PushSubscription subscription) => subscription.Endpoint.AbsolutePath[(subscription.Endpoint.AbsolutePath.LastIndexOf('/') + 1)..];
}
