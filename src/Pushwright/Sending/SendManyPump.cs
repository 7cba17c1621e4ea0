// One message to many subscriptions with bounded concurrency, streamed back as results complete.
//
//   enumerating loop --(a slot)--> send on the thread pool --> result channel --> the caller
//
// At most maxConcurrency sends are in flight, and the result channel holds at most as many
// results, so a slow reader slows the senders instead of letting results pile up. Sends start
// on the thread pool because encryption runs before a send's first await, and inline it would put
// every message's P-256 work on the enumerating loop's thread. A gone subscription is reported to
// the removal handlers once per batch (by endpoint) before its result is yielded.
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Pushwright.Internal;

namespace Pushwright.Sending;

internal sealed class SendManyPump
{
    private readonly int _maxConcurrency;
    private readonly Func<PushSubscription, CancellationToken, Task<PushResult>> _sendOne;
    private readonly Func<PushResult, CancellationToken, Task<List<Exception>?>> _notifyRemoved;
    private readonly Channel<PushResult> _results;
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal);
    private Exception? _failure;
    private (PushResult Result, List<Exception> Failures)? _handlerFailure;

    private SendManyPump(
        int maxConcurrency,
        Func<PushSubscription, CancellationToken, Task<PushResult>> sendOne,
        Func<PushResult, CancellationToken, Task<List<Exception>?>> notifyRemoved)
    {
        _maxConcurrency = maxConcurrency;
        _sendOne = sendOne;
        _notifyRemoved = notifyRemoved;
        _results = Channel.CreateBounded<PushResult>(new BoundedChannelOptions(maxConcurrency) { SingleReader = true });
    }

    /// <summary>Sends to every subscription and yields one result each, in completion order.</summary>
    public static async IAsyncEnumerable<PushResult> RunAsync(
        IEnumerable<PushSubscription> subscriptions,
        int maxConcurrency,
        Func<PushSubscription, CancellationToken, Task<PushResult>> sendOne,
        Func<PushResult, CancellationToken, Task<List<Exception>?>> notifyRemoved,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pump = new SendManyPump(maxConcurrency, sendOne, notifyRemoved);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // The batch's span is the parent of its sends: the producer starts under it.
        var activity = PushTracing.StartSendMany();
        var total = 0;
        var byOutcome = new Dictionary<PushOutcome, int>();
        var producer = Task.Run(() => pump.ProduceAsync(subscriptions, stop.Token), CancellationToken.None);
        try
        {
            var reader = pump._results.Reader;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out var result))
                {
                    total++;
                    byOutcome[result.Outcome] = byOutcome.TryGetValue(result.Outcome, out var count) ? count + 1 : 1;
                    yield return result;
                }
            }

            await producer.ConfigureAwait(false);

            // Every result was yielded; a removal handler's failure ends the enumeration now.
            if (pump.FirstHandlerFailure() is { } handlerFailure)
            {
                throw Error.RemovalHandlersFailed(handlerFailure.Result, handlerFailure.Failures);
            }
        }
        finally
        {
            PushTracing.CompleteSendMany(activity, total, byOutcome);
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

    private async Task ProduceAsync(IEnumerable<PushSubscription> subscriptions, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(_maxConcurrency, _maxConcurrency);
        try
        {
            foreach (var subscription in subscriptions)
            {
                Guard.NotNull(subscription, nameof(subscriptions));
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);

                // A slot freed by a send that was just cancelled can reach a waiter first: start nothing after a stop.
                if (cancellationToken.IsCancellationRequested)
                {
                    slots.Release();
                    cancellationToken.ThrowIfCancellationRequested();
                }

                _ = Task.Run(() => SendOneAsync(subscription, slots, cancellationToken), CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            RecordFailure(ex);
        }
        finally
        {
            // Every send already started finishes (and writes its result) before the channel
            // completes and the semaphore is disposed: taking back every slot waits for them. No
            // sent message loses its result, and no removal handler runs after the enumeration ends.
            for (var i = 0; i < _maxConcurrency; i++)
            {
                await slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            }

            _results.Writer.TryComplete(Volatile.Read(ref _failure));
        }
    }

    private async Task SendOneAsync(PushSubscription subscription, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _sendOne(subscription, cancellationToken).ConfigureAwait(false);
            List<Exception>? handlerFailures = null;
            if (result.IsSubscriptionGone && FirstRemoval(subscription))
            {
                handlerFailures = await _notifyRemoved(result, cancellationToken).ConfigureAwait(false);
            }

            // The result is yielded even when a removal handler failed; the failure then ends the enumeration.
            await _results.Writer.WriteAsync(result, cancellationToken).ConfigureAwait(false);
            if (handlerFailures is not null)
            {
                lock (_removed)
                {
                    _handlerFailure ??= (result, handlerFailures);
                }
            }
        }
        catch (Exception ex)
        {
            RecordFailure(ex);
        }
        finally
        {
            slots.Release();
        }
    }

    private bool FirstRemoval(PushSubscription subscription)
    {
        lock (_removed)
        {
            return _removed.Add(subscription.Endpoint.AbsoluteUri);
        }
    }

    private (PushResult Result, List<Exception> Failures)? FirstHandlerFailure()
    {
        lock (_removed)
        {
            return _handlerFailure;
        }
    }

    /// <summary>Keeps the first exception a send threw; it ends the enumeration once the sends in flight have finished.</summary>
    private void RecordFailure(Exception exception) => Interlocked.CompareExchange(ref _failure, exception, null);
}
