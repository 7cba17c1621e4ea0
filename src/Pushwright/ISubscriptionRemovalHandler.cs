using System.Threading;
using System.Threading.Tasks;

namespace Pushwright;

/// <summary>
/// Removes a subscription from the application's store when the push service says it is gone
/// (404 or 410) or when its expiration time has passed.
/// </summary>
/// <remarks>
/// Give handlers to <see cref="WebPushClientOptions.RemovalHandlers"/>, or register them in DI
/// (<c>services.AddSingleton&lt;ISubscriptionRemovalHandler, MyHandler&gt;()</c>) when you use
/// <c>AddWebPush()</c>. Each gone subscription is reported exactly once per send, to every handler
/// and to the <see cref="WebPushClient.SubscriptionRemoved"/> event.
/// </remarks>
public interface ISubscriptionRemovalHandler
{
    /// <summary>Called once for a subscription that is gone.</summary>
    /// <param name="result">The result; <see cref="PushResult.Subscription"/> is the subscription to remove.</param>
    /// <param name="cancellationToken">The send's cancellation token.</param>
    /// <returns>A task that completes when the subscription is removed.</returns>
    Task OnSubscriptionRemovedAsync(PushResult result, CancellationToken cancellationToken);
}
