using System;
using System.Linq;
using System.Net.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pushwright;
using Pushwright.Extensions.Http.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="WebPushClient"/> as a typed <see cref="HttpClient"/> with validated options, resilience, logging and removal handlers.</summary>
public static class WebPushServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> that <see cref="WebPushClient"/> uses.</summary>
    public const string HttpClientName = "Pushwright";

    /// <summary>
    /// Registers <see cref="WebPushClient"/> with <see cref="WebPushOptions"/> configured elsewhere
    /// (for example <c>services.Configure&lt;WebPushOptions&gt;(...)</c>). Calling it again adds nothing.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>, to add handlers.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IHttpClientBuilder AddWebPush(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return AddWebPushCore(services);
    }

    /// <summary>Registers <see cref="WebPushClient"/> and configures its options in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>, to add handlers.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IHttpClientBuilder AddWebPush(this IServiceCollection services, Action<WebPushOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(configure);
        return AddWebPushCore(services);
    }

    /// <summary>Registers <see cref="WebPushClient"/> and binds its options from a configuration section, such as <c>configuration.GetSection("WebPush")</c>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section holding <c>Subject</c>, <c>PublicKey</c>, <c>PrivateKey</c> and the optional settings.</param>
    /// <returns>The builder of the client's <see cref="HttpClient"/>, to add handlers.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IHttpClientBuilder AddWebPush(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WebPushOptions>().Bind(configuration);
        return AddWebPushCore(services);
    }

    private static IHttpClientBuilder AddWebPushCore(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(WebPushMarker)))
        {
            // Idempotent: the client, its handlers and its pipeline are already registered.
            return services.AddHttpClient(HttpClientName);
        }

        services.AddSingleton<WebPushMarker>();
        services.AddOptions<WebPushOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebPushOptions>, WebPushOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebPushOptions>, WebPushOptionsCustomValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(CreateVapidDetails);

        var builder = services
            .AddHttpClient(HttpClientName)
            .AddTypedClient(CreateClient)
            .ConfigurePrimaryHttpMessageHandler(CreatePrimaryHandler)
            .ConfigureHttpClient((provider, client) =>
            {
                // Polly's timeouts govern; HttpClient's own only backs them up.
                var resilience = provider.GetRequiredService<IOptions<WebPushOptions>>().Value.Resilience;
                client.Timeout = resilience.Enabled ? resilience.TotalTimeout + TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(100);
            })
            .RemoveAllLoggers()
            .RedactLoggedHeaders(["Authorization", "Crypto-Key"])
            .AddHttpMessageHandler(provider => new PushLoggingHandler(LoggerOf(provider)))
            .AddHttpMessageHandler(() => new TimeoutTranslationHandler());
        builder.AddResilienceHandler("Pushwright", static (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<WebPushOptions>>().Value;
            WebPushResilience.Configure(pipeline, options.Resilience, context.ServiceProvider.GetRequiredService<TimeProvider>());
        });
        return builder;
    }

    /// <summary>The client's own safe transport (no redirects, address policy), the one <see cref="WebPushClient.CreateHttpHandler"/> builds.</summary>
    private static HttpMessageHandler CreatePrimaryHandler(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<WebPushOptions>>().Value;
        return WebPushClient.CreateHttpHandler(new WebPushClientOptions { AllowPrivateNetworkEndpoints = options.AllowPrivateNetworkEndpoints });
    }

    private static VapidDetails CreateVapidDetails(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<WebPushOptions>>().Value;
        var details = new VapidDetails(
            options.Subject,
            VapidKeys.FromBase64Url(options.PublicKey, options.PrivateKey),
            options.TokenLifetime,
            provider.GetRequiredService<TimeProvider>());
        if (details.SubjectWarning is not null)
        {
            Log.SubjectWarning(LoggerOf(provider), details.SubjectWarning);
        }

        return details;
    }

    private static WebPushClient CreateClient(HttpClient httpClient, IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<WebPushOptions>>().Value;
        var clientOptions = new WebPushClientOptions
        {
            AllowHttpEndpoints = options.AllowHttpEndpoints,
            AllowPrivateNetworkEndpoints = options.AllowPrivateNetworkEndpoints,
            RestrictToKnownPushServices = options.RestrictToKnownPushServices,
            MaxConcurrency = options.MaxConcurrency,
            TimeProvider = provider.GetRequiredService<TimeProvider>(),
        };
        foreach (var host in options.AllowedHosts ?? [])
        {
            clientOptions.AllowedHosts.Add(host);
        }

        clientOptions.RemovalHandlers.Add(new LoggingRemovalHandler(LoggerOf(provider)));
        foreach (var handler in provider.GetServices<ISubscriptionRemovalHandler>())
        {
            clientOptions.RemovalHandlers.Add(handler);
        }

        return new WebPushClient(httpClient, provider.GetRequiredService<VapidDetails>(), clientOptions);
    }

    private static ILogger LoggerOf(IServiceProvider provider) =>
        provider.GetService<ILoggerFactory>()?.CreateLogger("Pushwright") ?? NullLogger.Instance;

    /// <summary>Marks that <c>AddWebPush</c> already ran.</summary>
    private sealed class WebPushMarker
    {
    }
}
