using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Pushwright.Sample.Fanout.Data;
using Pushwright.Sample.Fanout.Messaging;
using RabbitMQ.Client;

namespace Pushwright.Sample.Fanout.Worker;

/// <summary>
/// Processes one batch: load it, skip what is already done, send the rest with
/// <see cref="WebPushClient.SendManyAsync(IEnumerable{PushSubscription}, PushMessage, CancellationToken)"/>, queue a retry for the retryable failures, and record
/// every outcome (and delete the gone subscriptions) in one transaction. The caller acknowledges
/// the message only when this returns <see cref="BatchDisposition.Recorded"/>.
/// </summary>
internal sealed class BatchProcessor(
    FanoutDatabase database,
    WebPushClient client,
    IChannel publishChannel,
    FanoutQueues queues,
    int maxAttempts,
    TimeSpan retryDelay,
    TextWriter log)
{
    /// <summary>The longest Retry-After the fanout honours; a longer one is capped.</summary>
    private static readonly TimeSpan s_maxRetryAfter = TimeSpan.FromHours(1);

    // The batches of one broadcast come one after another: keep the last broadcast's message.
    private (Guid Id, PushMessage Message)? _lastBroadcast;

    public async Task<BatchDisposition> ProcessAsync(BatchMessage batch, string label)
    {
        // 1. Load the broadcast and, in one query, each id's stored subscription and outcome so far.
        PushMessage message;
        IReadOnlyList<BatchEntry> entries;
        try
        {
            if (await GetMessageAsync(batch.BroadcastId) is not { } found)
            {
                log.WriteLine($"{label}: no broadcast {batch.BroadcastId}; parked in {queues.Poison}");
                return BatchDisposition.Unprocessable;
            }

            message = found;
            entries = await database.LoadBatchAsync(batch.BroadcastId, batch.SubscriptionIds, CancellationToken.None);
        }
        catch (NpgsqlException ex)
        {
            return DatabaseUnavailable(label, ex);
        }

        // 2. Skip what is already done: a final outcome, or a retry that this or a later attempt
        //    already queued. What is left is sent; ids without a valid subscription are recorded
        //    as invalid and never block the batch.
        var outcomes = new List<DeliveryOutcome>(entries.Count);
        var toSend = new Dictionary<PushSubscription, long>(ReferenceEqualityComparer.Instance);
        var skipped = 0;
        foreach (var entry in entries)
        {
            if (entry.State is not null && (entry.State != DeliveryState.Retrying || entry.Attempts >= batch.Attempt))
            {
                skipped++;
            }
            else if (entry.SubscriptionJson is null)
            {
                outcomes.Add(new DeliveryOutcome(entry.SubscriptionId, DeliveryState.Invalid, batch.Attempt, null, "no subscription with this id"));
            }
            else if (!PushSubscription.TryParse(entry.SubscriptionJson, out var subscription, out var error))
            {
                outcomes.Add(new DeliveryOutcome(entry.SubscriptionId, DeliveryState.Invalid, batch.Attempt, null, Shorten("the stored subscription is not valid: " + error)));
            }
            else
            {
                toSend.Add(subscription, entry.SubscriptionId);
            }
        }

        log.WriteLine($"{label}: broadcast {batch.BroadcastId} attempt {batch.Attempt}: {batch.SubscriptionIds.Length} ids, {skipped} done before, sending {toSend.Count}");

        // 3. Send. Results stream back as each send completes; the client retries 5xx, 429 with a
        //    short Retry-After and network errors a few times by itself before it gives up.
        var retryable = new List<PushResult>();
        await foreach (var result in client.SendManyAsync(toSend.Keys, message, CancellationToken.None))
        {
            var id = toSend[result.Subscription];
            var status = (int?)result.StatusCode;
            switch (result.Outcome)
            {
                case PushOutcome.Delivered:
                    outcomes.Add(new DeliveryOutcome(id, DeliveryState.Delivered, batch.Attempt, status, null));
                    break;
                case PushOutcome.SubscriptionGone:
                    outcomes.Add(new DeliveryOutcome(id, DeliveryState.Gone, batch.Attempt, status, Describe(result)));
                    break;
                case PushOutcome.RateLimited or PushOutcome.ServerError or PushOutcome.NetworkError:
                    retryable.Add(result);
                    break;
                default:
                    // 400, 401, 403, 413, or refused before sending: another attempt would get the same.
                    outcomes.Add(new DeliveryOutcome(id, DeliveryState.Rejected, batch.Attempt, status, Describe(result)));
                    break;
            }
        }

        // 4. Retryable failures go through the retry queue, or are recorded as failed after the
        //    last attempt. The retry is queued before the outcomes are committed: if the commit then
        //    fails, the batch comes back and those ids are sent again (at least once, never lost).
        var retryQueued = true;
        if (retryable.Count > 0)
        {
            var state = batch.Attempt < maxAttempts ? DeliveryState.Retrying : DeliveryState.Failed;
            if (state == DeliveryState.Retrying)
            {
                retryQueued = await QueueRetryAsync(batch, retryable.Select(r => toSend[r.Subscription]).ToArray(), DelayFor(retryable), label);
            }

            if (retryQueued)
            {
                outcomes.AddRange(retryable.Select(r => new DeliveryOutcome(toSend[r.Subscription], state, batch.Attempt, (int?)r.StatusCode, Describe(r))));
            }
        }

        // 5. Record every outcome and delete the gone subscriptions, in one transaction.
        try
        {
            await database.RecordOutcomesAsync(batch.BroadcastId, outcomes, CancellationToken.None);
        }
        catch (NpgsqlException ex)
        {
            return DatabaseUnavailable(label, ex);
        }

        var counts = string.Join(", ", DeliveryState.All.Select(s => $"{s} {outcomes.Count(o => o.State == s)}"));
        log.WriteLine($"{label}: recorded {outcomes.Count} ({counts})");
        return retryQueued ? BatchDisposition.Recorded : BatchDisposition.Requeue;
    }

    private async Task<PushMessage?> GetMessageAsync(Guid broadcastId)
    {
        if (_lastBroadcast is { } last && last.Id == broadcastId)
        {
            return last.Message;
        }

        if (await database.GetBroadcastAsync(broadcastId, CancellationToken.None) is not { } broadcast)
        {
            return null;
        }

        var message = new PushMessage(broadcast.Payload)
        {
            TimeToLive = broadcast.TimeToLive,
            Topic = FanoutWebPush.TopicOf(broadcast.Id),
        };
        _lastBroadcast = (broadcastId, message);
        return message;
    }

    private async Task<bool> QueueRetryAsync(BatchMessage batch, long[] ids, TimeSpan delay, string label)
    {
        var retry = batch with { Attempt = batch.Attempt + 1, SubscriptionIds = ids };
        try
        {
            await FanoutBroker.PublishAsync(publishChannel, queues.Retry, retry, delay, CancellationToken.None);
            log.WriteLine($"{label}: {ids.Length} retryable, attempt {retry.Attempt} queued in {delay.TotalSeconds:0.###} s");
            return true;
        }
        catch (Exception ex) when (FanoutBroker.IsConnectionFailure(ex))
        {
            log.WriteLine($"{label}: {ids.Length} retryable, but the retry could not be queued ({ex.GetType().Name}); the batch will be requeued");
            return false;
        }
    }

    /// <summary>The retry delay, or longer when a push service asked for it with Retry-After.</summary>
    private TimeSpan DelayFor(List<PushResult> retryable)
    {
        var asked = retryable.Max(r => r.RetryAfter ?? TimeSpan.Zero);
        return asked > retryDelay ? (asked < s_maxRetryAfter ? asked : s_maxRetryAfter) : retryDelay;
    }

    private BatchDisposition DatabaseUnavailable(string label, NpgsqlException ex)
    {
        database.ForgetConnections();
        log.WriteLine($"{label}: database unavailable ({Shorten(ex.Message)}); nothing recorded");
        return BatchDisposition.DatabaseUnavailable;
    }

    private static string Describe(PushResult result) =>
        Shorten($"{result.Outcome}: {result.Refusal?.Message ?? result.Error?.Message ?? result.Exception?.GetType().Name ?? "no detail"}");

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300];
}
