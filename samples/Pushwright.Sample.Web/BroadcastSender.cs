using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Pushwright.Sample.Web;

/// <summary>
/// Sends the stored broadcasts, oldest first, one at a time: at start-up (resuming one cut short by a
/// stop or a crash) and whenever <c>POST /api/notify</c> signals a new one. Each target's outcome is
/// recorded as its result arrives, so after a crash only the sends in flight are repeated, and the
/// broadcast id as the topic lets the push service replace such a copy.
/// </summary>
internal sealed partial class BroadcastSender(
    BroadcastStore broadcasts,
    BroadcastSignal signal,
    WebPushClient client,
    TimeProvider timeProvider,
    ILogger<BroadcastSender> logger) : BackgroundService
{
    private static readonly TimeSpan s_retryDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await broadcasts.NextUnfinishedAsync(stoppingToken) is { } broadcast)
                {
                    await SendAsync(broadcast, stoppingToken);
                }
                else
                {
                    await signal.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping: an unfinished broadcast resumes at the next start.
            }
            catch (Exception ex)
            {
                // The database was busy or the disk full: try again soon rather than stop the app.
                LogFailed(logger, ex);
                await Task.Delay(s_retryDelay, timeProvider, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task SendAsync(Broadcast broadcast, CancellationToken cancellationToken)
    {
        PushMessage message;
        try
        {
            message = broadcast.Message.ToPushMessage(topic: broadcast.Id);
        }
        catch (ArgumentException ex)
        {
            // The endpoint checked it when it was posted; only a changed library could refuse it now.
            await broadcasts.MarkFinishedAsync(broadcast.Id, ex.Message, cancellationToken);
            return;
        }

        await broadcasts.MarkSendingAsync(broadcast.Id, cancellationToken);
        LogSending(logger, broadcast.Id);

        // Results come back in completion order with their PushSubscription: map it back to the row's id.
        var ids = new ConcurrentDictionary<PushSubscription, long>(ReferenceEqualityComparer.Instance);
        int delivered = 0, notDelivered = 0;
        await foreach (var result in client.SendManyAsync(Targets(), message, cancellationToken))
        {
            ids.TryRemove(result.Subscription, out var id);

            // Not cancelled by a stop: a message the push service accepted is recorded if at all possible.
            await broadcasts.RecordAsync(broadcast.Id, id, result, CancellationToken.None);
            if (result.IsDelivered)
            {
                delivered++;
            }
            else
            {
                notDelivered++;
            }
        }

        await broadcasts.MarkFinishedAsync(broadcast.Id, error: null, cancellationToken);
        LogFinished(logger, broadcast.Id, delivered, notDelivered);

        IEnumerable<PushSubscription> Targets()
        {
            foreach (var (id, subscription) in broadcasts.ReadUndelivered(broadcast))
            {
                ids[subscription] = id;
                yield return subscription;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Broadcast {BroadcastId}: sending to the subscriptions not delivered to yet")]
    private static partial void LogSending(ILogger logger, string broadcastId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Broadcast {BroadcastId}: finished; this run delivered {Delivered}, not delivered {NotDelivered}")]
    private static partial void LogFinished(ILogger logger, string broadcastId, int delivered, int notDelivered);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending broadcasts failed; trying again in 5 seconds")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
