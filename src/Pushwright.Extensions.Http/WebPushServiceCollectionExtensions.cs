using System;
using System.Linq;
using System.Net.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pushwright;
using Pushwright.Extensions.Http.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers <see cref="WebPushClient"/> as a typed <see cref="HttpClient"/> with validated options,
/// resilience, logging and removal handlers; and named clients, one per identity, behind
/// <see cref="IWebPushClientFactory"/>.
/// </summary>
public static class WebPushServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> that the unnamed <see cref="WebPushClient"/> uses; a named client's is this name, a colon and its own name.</summary>
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
        return AddWebPushCore(services, Options.Options.DefaultName);
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
        return AddWebPushCore(services, Options.Options.DefaultName);
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
        return AddWebPushCore(services, Options.Options.DefaultName);
    }

    /// <summary>
    /// Registers a named Web Push client, for example one per tenant, with its own options, VAPID
    /// keys and HTTP pipeline; get it from <see cref="IWebPushClientFactory.CreateClient(string)"/>.
    /// Its options are validated at start-up like the unnamed client's.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The client's name.</param>
    /// <param name="configure">Sets the options of this name.</param>
    /// <returns>The builder of this client's <see cref="HttpClient"/>, to add handlers.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IHttpClientBuilder AddWebPush(this IServiceCollection services, string name, Action<WebPushOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configure);
        services.Configure(name, configure);
        return AddWebPushCore(services, name);
    }

    /// <summary>Registers a named Web Push client whose options bind from <paramref name="configuration"/>, such as <c>configuration.GetSection("WebPush:Tenants:acme")</c>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The client's name.</param>
    /// <param name="configuration">The section holding this client's settings.</param>
    /// <returns>The builder of this client's <see cref="HttpClient"/>, to add handlers.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IHttpClientBuilder AddWebPush(this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WebPushOptions>(name).Bind(configuration);
        return AddWebPushCore(services, name);
    }

    private static IHttpClientBuilder AddWebPushCore(IServiceCollection services, string name)
    {
        var registry = services.LastOrDefault(d => d.ServiceType == typeof(WebPushRegistry))?.ImplementationInstance as WebPushRegistry;
        if (registry is null)
        {
            registry = new WebPushRegistry();
            services.AddSingleton(registry);
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebPushOptions>, WebPushOptionsValidator>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebPushOptions>, WebPushOptionsCustomValidator>());
            services.TryAddSingleton(TimeProvider.System);
            services.TryAddSingleton<WebPushClientFactory>();
            services.TryAddSingleton<IWebPushClientFactory>(provider => provider.GetRequiredService<WebPushClientFactory>());
        }

        var httpClientName = WebPushRegistry.HttpClientNameOf(name);
        if (!registry.Add(name))
        {
            // Idempotent: this name's client, handlers and pipeline are already registered.
            return services.AddHttpClient(httpClientName);
        }

        // The container's clock drives the client and the tokens, unless the options set one.
        services.AddOptions<WebPushOptions>(name)
            .PostConfigure<TimeProvider>((options, clock) =>
            {
                if (ReferenceEquals(options.TimeProvider, TimeProvider.System))
                {
                    options.TimeProvider = clock;
                }
            })
            .ValidateOnStart();

        var builder = services
            .AddHttpClient(httpClientName)
            // The client's own safe transport (no redirects, the address policy), the one
            // WebPushClient.CreateHttpHandler builds: transport safety lives in one place.
            .ConfigurePrimaryHttpMessageHandler(provider => WebPushClient.CreateHttpHandler(provider.GetRequiredService<IOptionsMonitor<WebPushOptions>>().Get(name)))
            .ConfigureHttpClient((provider, client) =>
            {
                // Polly's timeouts govern; HttpClient's own only backs them up.
                var resilience = provider.GetRequiredService<IOptionsMonitor<WebPushOptions>>().Get(name).Resilience;
                client.Timeout = resilience.Enabled ? resilience.TotalTimeout + TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(100);
            })
            .RemoveAllLoggers()
            .RedactLoggedHeaders(["Authorization", "Crypto-Key"])
            .AddHttpMessageHandler(provider => new PushLoggingHandler(WebPushClientFactory.LoggerOf(provider)))
            .AddHttpMessageHandler(() => new TimeoutTranslationHandler());
        builder.AddResilienceHandler(HttpClientName, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptionsMonitor<WebPushOptions>>().Get(name);
            WebPushResilience.Configure(pipeline, options.Resilience, options.TimeProvider, WebPushClientFactory.LoggerOf(context.ServiceProvider));
        });

        if (name == Options.Options.DefaultName)
        {
            // The unnamed client is also injected directly, as a typed client.
            builder.AddTypedClient((httpClient, provider) =>
                provider.GetRequiredService<WebPushClientFactory>().Create(name, httpClient, provider));
        }

        return builder;
    }
}
