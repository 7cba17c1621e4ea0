using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Pushwright.Encryption;
using Pushwright.Sample.Fanout.Data;
using Pushwright.Sample.Fanout.Messaging;

namespace Pushwright.Sample.Fanout.Commands;

/// <summary>
/// <c>fanout broadcast --payload TEXT [--ttl SECONDS]</c>, the coordinator: records the broadcast,
/// pages through the subscription ids, and publishes one persistent message per batch, each
/// confirmed by the broker before the next page is read. Prints the broadcast id.
/// </summary>
internal static class BroadcastCommand
{
    public static async Task<int> RunAsync(string[] args, FanoutSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        // 1. The message: checked here, once, rather than failing in every worker.
        var (payload, timeToLive) = ParseArguments(args);

        // 2. Record the broadcast.
        await using var database = new FanoutDatabase(settings.Postgres);
        await database.EnsureSchemaAsync(cancellationToken);
        var broadcast = await database.CreateBroadcastAsync(payload, timeToLive, cancellationToken);
        output.WriteLine($"broadcast {broadcast.Id}: recorded (topic {FanoutWebPush.TopicOf(broadcast.Id)})");

        // 3. Queue it: one message per page of ids, confirmed before the next page is read.
        var queues = settings.Queues;
        var batchSize = settings.BatchSize;
        await using var connection = await FanoutBroker.ConnectAsync(settings.RabbitMQ, "fanout coordinator", 5, output, cancellationToken);
        await using var channel = await FanoutBroker.CreateConfirmingChannelAsync(connection, cancellationToken);
        await FanoutBroker.DeclareAsync(channel, queues, cancellationToken);
        long after = 0;
        long subscriptions = 0;
        var batches = 0;
        while (await database.ReadSubscriptionIdsAsync(after, batchSize, cancellationToken) is { Length: > 0 } ids)
        {
            await FanoutBroker.PublishAsync(channel, queues.Work, new BatchMessage(broadcast.Id, 1, ids), expiration: null, cancellationToken);
            after = ids[^1];
            await database.RecordPublishedBatchAsync(broadcast.Id, after, ids.Length, cancellationToken);
            subscriptions += ids.Length;
            batches++;
        }

        await database.CompletePublishingAsync(broadcast.Id, cancellationToken);
        output.WriteLine($"broadcast {broadcast.Id}: queued {subscriptions} subscriptions in {batches} batches on {queues.Work}");
        return 0;
    }

    private static (string Payload, TimeSpan TimeToLive) ParseArguments(string[] args)
    {
        string? payload = null;
        var timeToLive = TimeSpan.FromHours(1);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : throw new UsageException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--payload":
                    payload = value;
                    break;
                case "--ttl" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds):
                    timeToLive = TimeSpan.FromSeconds(seconds);
                    break;
                case "--ttl":
                    throw new UsageException($"--ttl takes whole seconds; got '{value}'.");
                default:
                    throw new UsageException($"unknown option '{args[i]}' for broadcast.");
            }

            i++;
        }

        if (payload is null)
        {
            throw new UsageException("broadcast needs --payload TEXT.");
        }

        var max = WebPushEncryption.GetMaxPlaintextLength(ContentEncoding.Aes128Gcm);
        var length = Encoding.UTF8.GetByteCount(payload);
        return length <= max
            ? (payload, timeToLive)
            : throw new UsageException($"the payload must be at most {max} bytes of UTF-8; got {length}.");
    }
}
