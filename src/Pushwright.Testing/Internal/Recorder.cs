using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Pushwright.Testing.Internal;

/// <summary>Every request in order of arrival, and the tests waiting for a delivery.</summary>
internal sealed class Recorder
{
    private readonly object _lock = new();
    private readonly List<ReceivedPush> _requests = [];
    private readonly List<(Func<ReceivedPush, bool> Match, TaskCompletionSource<ReceivedPush> Done)> _waiters = [];
    private int _inFlight;
    private int _maxInFlight;

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public IReadOnlyList<ReceivedPush> Snapshot()
    {
        lock (_lock)
        {
            return _requests.ToArray();
        }
    }

    public ReceivedPush Add(Func<int, ReceivedPush> create)
    {
        lock (_lock)
        {
            var request = create(_requests.Count + 1);
            _requests.Add(request);
            return request;
        }
    }

    /// <summary>Tells the waiters that <paramref name="request"/> was delivered.</summary>
    public void Delivered(ReceivedPush request)
    {
        List<TaskCompletionSource<ReceivedPush>> done;
        lock (_lock)
        {
            done = _waiters.Where(w => w.Match(request)).Select(w => w.Done).ToList();
            _waiters.RemoveAll(w => done.Contains(w.Done));
        }

        foreach (var waiter in done)
        {
            waiter.TrySetResult(request);
        }
    }

    public async Task<ReceivedPush> WaitForDeliveryAsync(Func<ReceivedPush, bool> match, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<ReceivedPush>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            var delivered = _requests.FirstOrDefault(r => r.IsDelivered && match(r));
            if (delivered is not null)
            {
                return delivered;
            }

            _waiters.Add((match, done));
        }

        using (cancellationToken.Register(() =>
        {
            lock (_lock)
            {
                _waiters.RemoveAll(w => w.Done == done);
            }

            done.TrySetCanceled(cancellationToken);
        }))
        {
            return await done.Task.ConfigureAwait(false);
        }
    }

    public void Enter()
    {
        var now = Interlocked.Increment(ref _inFlight);
        var max = Volatile.Read(ref _maxInFlight);
        while (now > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxInFlight, now, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    public void Leave() => Interlocked.Decrement(ref _inFlight);
}
