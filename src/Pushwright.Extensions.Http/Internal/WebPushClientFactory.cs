using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Pushwright.Extensions.Http.Internal;

/// <summary>
/// Builds the client of each registered name from that name's options, its shared
/// <see cref="VapidDetails"/> (one token cache per identity) and its named HttpClient.
/// </summary>
internal sealed class WebPushClientFactory : IWebPushClientFactory
{
    private readonly IServiceProvider _provider;
    private readonly IOptionsMonitor<WebPushOptions> _options;
    private readonly WebPushRegistry _registry;
    private readonly ConcurrentDictionary<string, VapidDetails> _identities = new(StringComparer.Ordinal);

    public WebPushClientFactory(IServiceProvider provider, IOptionsMonitor<WebPushOptions> options, WebPushRegistry registry)
    {
        _provider = provider;
        _options = options;
        _registry = registry;
    }

    public WebPushClient CreateClient(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!_registry.Contains(name))
        {
            throw new InvalidOperationException($"No Web Push client is registered under the name '{name}'; call services.AddWebPush(\"{name}\", ...) first.");
        }

        var httpClient = _provider.GetRequiredService<IHttpClientFactory>().CreateClient(WebPushRegistry.HttpClientNameOf(name));
        return Create(name, httpClient, _provider);
    }

    /// <summary>Creates the client of <paramref name="name"/> on <paramref name="httpClient"/>; removal handlers come from <paramref name="services"/>.</summary>
    public WebPushClient Create(string name, HttpClient httpClient, IServiceProvider services)
    {
        var options = _options.Get(name);
        var logger = LoggerOf(services);
        var handlers = new List<ISubscriptionRemovalHandler> { new LoggingRemovalHandler(logger) };
        handlers.AddRange(services.GetServices<ISubscriptionRemovalHandler>());
        return new WebPushClient(httpClient, VapidDetailsOf(name, options, logger), options, handlers);
    }

    internal static ILogger LoggerOf(IServiceProvider provider) =>
        provider.GetService<ILoggerFactory>()?.CreateLogger("Pushwright") ?? NullLogger.Instance;

    private VapidDetails VapidDetailsOf(string name, WebPushOptions options, ILogger logger) =>
        _identities.GetOrAdd(name, _ =>
        {
            var details = new VapidDetails(options.Subject, VapidKeys.FromBase64Url(options.PublicKey, options.PrivateKey), options.TokenLifetime, options.TimeProvider);
            if (details.SubjectWarning is not null)
            {
                Log.SubjectWarning(logger, details.SubjectWarning);
            }

            return details;
        });
}
