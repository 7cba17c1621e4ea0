// Tells the application that a subscription is gone: every removal handler, then the client's
// event, each exactly once per call, even when one of them throws.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Pushwright.Sending;

internal sealed class RemovalNotifier
{
    private readonly ISubscriptionRemovalHandler[] _handlers;

    public RemovalNotifier(IEnumerable<ISubscriptionRemovalHandler> handlers) =>
        _handlers = handlers.Where(h => h is not null).ToArray();

    /// <summary>
    /// Tells every removal handler and then <paramref name="raiseEvent"/>, even when one of them
    /// throws; returns what they threw, or null when all succeeded.
    /// </summary>
    public async Task<List<Exception>?> NotifyAsync(PushResult result, Action<PushResult> raiseEvent, CancellationToken cancellationToken)
    {
        List<Exception>? failures = null;
        foreach (var handler in _handlers)
        {
            try
            {
                await handler.OnSubscriptionRemovedAsync(result, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                (failures ??= []).Add(ex);
            }
        }

        try
        {
            raiseEvent(result);
        }
        catch (Exception ex)
        {
            (failures ??= []).Add(ex);
        }

        return failures;
    }
}
