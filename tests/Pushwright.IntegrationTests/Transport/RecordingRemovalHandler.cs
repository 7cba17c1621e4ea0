using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Pushwright.IntegrationTests.Transport;

/// <summary>Records every removal notification.</summary>
public sealed class RecordingRemovalHandler : ISubscriptionRemovalHandler
{
    private readonly ConcurrentQueue<PushResult> _results = new();

    /// <summary>Gets the notifications received, in order.</summary>
    public IReadOnlyCollection<PushResult> Results => _results.ToArray();

    /// <inheritdoc/>
    public Task OnSubscriptionRemovedAsync(PushResult result, CancellationToken cancellationToken)
    {
        _results.Enqueue(result);
        return Task.CompletedTask;
    }
}
