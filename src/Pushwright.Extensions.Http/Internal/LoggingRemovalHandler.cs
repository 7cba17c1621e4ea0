using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Pushwright.Extensions.Http.Internal;

/// <summary>Logs each gone subscription by host, next to the application's own removal handlers.</summary>
internal sealed class LoggingRemovalHandler : ISubscriptionRemovalHandler
{
    private readonly ILogger _logger;

    public LoggingRemovalHandler(ILogger logger) => _logger = logger;

    public Task OnSubscriptionRemovedAsync(PushResult result, CancellationToken cancellationToken)
    {
        Log.SubscriptionGone(_logger, result.Subscription.Endpoint.Host, result.Outcome);
        return Task.CompletedTask;
    }
}
