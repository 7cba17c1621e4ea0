using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Pushwright.Sample.Fanout.Data;

namespace Pushwright.Sample.Fanout.Commands;

/// <summary><c>fanout status ID</c>: how far a broadcast got, as counts per outcome.</summary>
internal static class StatusCommand
{
    public static async Task<int> RunAsync(string[] args, FanoutSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        if (args is not [var text] || !Guid.TryParse(text, out var id))
        {
            throw new UsageException("status needs one broadcast id (the id 'fanout broadcast' printed).");
        }

        await using var database = new FanoutDatabase(settings.Postgres);
        if (await database.GetBroadcastAsync(id, cancellationToken) is not { } broadcast)
        {
            output.WriteLine($"broadcast {id}: not found");
            return 1;
        }

        var counts = await database.CountOutcomesAsync(id, cancellationToken);
        var recorded = counts.Values.Sum();
        var retrying = counts.GetValueOrDefault(DeliveryState.Retrying);
        var pending = broadcast.PublishedSubscriptions - recorded;
        var complete = broadcast.PublishingCompleted && pending == 0 && retrying == 0;
        output.WriteLine($"broadcast {broadcast.Id} (created {broadcast.CreatedAt:u})");
        output.WriteLine($"  queued      {broadcast.PublishedSubscriptions,8} subscriptions in {broadcast.PublishedBatches} batches{(broadcast.PublishingCompleted ? string.Empty : ", still queueing")}");
        foreach (var state in DeliveryState.All)
        {
            output.WriteLine($"  {state,-10}  {counts.GetValueOrDefault(state),8}");
        }

        output.WriteLine($"  {"pending",-10}  {pending,8}");
        output.WriteLine($"  state       {(complete ? "complete" : "in progress")}");
        return 0;
    }
}
