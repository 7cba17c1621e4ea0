using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Pushwright.Cli.Demo;

/// <summary>
/// Where an application keeps its subscriptions; a database table in real life. As an
/// <see cref="ISubscriptionRemovalHandler"/> it deletes the ones a push service reports gone (404 or 410).
/// </summary>
internal sealed class InMemorySubscriptionStore : ISubscriptionRemovalHandler
{
    private readonly Lock _lock = new();
    private readonly List<PushSubscription> _subscriptions = [];

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _subscriptions.Count;
            }
        }
    }

    public void Add(PushSubscription subscription)
    {
        lock (_lock)
        {
            _subscriptions.Add(subscription);
        }
    }

    public Task OnSubscriptionRemovedAsync(PushResult result, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _subscriptions.RemoveAll(s => s.Endpoint == result.Subscription.Endpoint);
        }

        return Task.CompletedTask;
    }
}
