using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Pushwright.Sample.Web;

/// <summary>
/// Deletes a subscription when the push service says it is gone (404 or 410) or it has expired.
/// Registered in DI, <c>AddWebPush()</c> hands it to every <see cref="WebPushClient"/>, so no
/// endpoint has to remember to clean up.
/// </summary>
internal sealed partial class DeleteGoneSubscriptions(SubscriptionStore store, ILogger<DeleteGoneSubscriptions> logger) : ISubscriptionRemovalHandler
{
    public async Task OnSubscriptionRemovedAsync(PushResult result, CancellationToken cancellationToken)
    {
        // The send's token: a cancelled notify may leave a gone row behind, which the next send removes.
        var deleted = await store.DeleteAsync(result.Subscription, cancellationToken);
        LogDeleted(logger, result.Subscription.Endpoint.Host, (int?)result.StatusCode, deleted);
    }

    // The endpoint is a credential: log its host only.
    [LoggerMessage(Level = LogLevel.Information, Message = "Subscription on {Host} is gone (HTTP {StatusCode}); deleted from the database: {Deleted}")]
    private static partial void LogDeleted(ILogger logger, string host, int? statusCode, bool deleted);
}
