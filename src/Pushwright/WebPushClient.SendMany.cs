using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Pushwright.Internal;

namespace Pushwright;

/// <content>Sending one message to many subscriptions with bounded concurrency.</content>
public sealed partial class WebPushClient
{
    /// <summary>
    /// Sends one message to many subscriptions, at most <see cref="WebPushClientOptions.MaxConcurrency"/>
    /// at a time, and streams one result per subscription as each completes (not in input order).
    /// </summary>
    /// <param name="subscriptions">The subscriptions; enumerated lazily, once.</param>
    /// <param name="message">The message. Each subscription gets its own encryption; the VAPID token is shared.</param>
    /// <param name="cancellationToken">Stops sending; the enumeration then throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>
    /// One result per subscription. Gone subscriptions have been reported to the removal handlers
    /// before their result is yielded. If a removal handler throws, every handler still runs, the
    /// result is still yielded, and the enumeration then ends with a <see cref="WebPushException"/>
    /// after the sends already started have finished.
    /// </returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The payload is too large for the content coding.</exception>
    public IAsyncEnumerable<PushResult> SendManyAsync(IEnumerable<PushSubscription> subscriptions, PushMessage message, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(subscriptions);
        Guard.NotNull(message);
        CheckPayloadSize(message);
        return SendManyCoreAsync(subscriptions, message, cancellationToken);
    }

    private async IAsyncEnumerable<PushResult> SendManyCoreAsync(
        IEnumerable<PushSubscription> subscriptions,
        PushMessage message,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Results wait in a channel no larger than the concurrency, so a slow reader slows the
        // senders instead of letting results pile up.
        var results = Channel.CreateBounded<PushResult>(new BoundedChannelOptions(_maxConcurrency) { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var removed = new HashSet<string>(StringComparer.Ordinal);
        var producer = Task.Run(() => ProduceAsync(subscriptions, message, results.Writer, removed, stop.Token), CancellationToken.None);
        try
        {
            while (await results.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (results.Reader.TryRead(out var result))
                {
                    yield return result;
                }
            }

            await producer.ConfigureAwait(false);
        }
        finally
        {
            // The reader stopped early (break, exception or cancellation): stop the senders too.
            stop.Cancel();
            try
            {
                await producer.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Expected after stop.Cancel().
            }
        }
    }

    private async Task ProduceAsync(
        IEnumerable<PushSubscription> subscriptions,
        PushMessage message,
        ChannelWriter<PushResult> writer,
        HashSet<string> removed,
        CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(_maxConcurrency, _maxConcurrency);
        var running = new List<Task>();
        Exception? failure = null;
        try
        {
            foreach (var subscription in subscriptions)
            {
                Guard.NotNull(subscription, nameof(subscriptions));
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);

                // On the thread pool: encryption runs before the first await, and inline it would
                // put every message's P-256 work on this one loop's thread.
                running.Add(Task.Run(() => SendOneAsync(subscription), CancellationToken.None));
                if (running.Count >= 4 * _maxConcurrency)
                {
                    running.RemoveAll(t => t.IsCompleted && !t.IsFaulted && !t.IsCanceled);
                }
            }
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finally
        {
            // Every send already started finishes (and writes its result) before the channel
            // completes and the semaphore is disposed: no sent message loses its result, and no
            // removal handler runs after the enumeration has ended.
            try
            {
                await Task.WhenAll(running).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                failure ??= ex;
            }

            writer.TryComplete(failure);
        }
        async Task SendOneAsync(PushSubscription subscription)
        {
            try
            {
                var result = await SendCoreAsync(subscription, message, cancellationToken).ConfigureAwait(false);
                Exception? handlerFailure = null;
                if (result.IsSubscriptionGone)
                {
                    bool first;
                    lock (removed)
                    {
                        first = removed.Add(subscription.Endpoint.AbsoluteUri);
                    }

                    if (first)
                    {
                        handlerFailure = await NotifyRemovedAsync(result, cancellationToken).ConfigureAwait(false);
                    }
                }

                // The result is yielded even when a removal handler failed; the failure then ends the enumeration.
                await writer.WriteAsync(result, cancellationToken).ConfigureAwait(false);
                if (handlerFailure is not null)
                {
                    throw handlerFailure;
                }
            }
            finally
            {
                slots.Release();
            }
        }
    }
}
