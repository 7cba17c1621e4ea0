using System;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using Pushwright.Testing;
using Pushwright.Testing.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Points the Web Push clients of a service collection at a <see cref="FakePushService"/>, so that a test runs the application's own <c>AddWebPush()</c> setup end to end.</summary>
public static class FakePushServiceCollectionExtensions
{
    /// <summary>
    /// Sends every Web Push client registered with <c>AddWebPush()</c>, the unnamed one and each
    /// named one, through <paramref name="service"/> instead of the network, whether this is
    /// called before or after <c>AddWebPush()</c>. Everything else the application configured
    /// (options, removal handlers, resilience, logging, handlers it added) stays in place.
    /// Registers <paramref name="service"/> as a singleton, too.
    /// </summary>
    /// <param name="services">The application's services.</param>
    /// <param name="service">The fake push service.</param>
    /// <returns><paramref name="services"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IServiceCollection AddFakePushService(this IServiceCollection services, FakePushService service)
    {
        Guard.NotNull(services);
        Guard.NotNull(service);
        services.TryAddSingleton(service);
        services.AddHttpClient();
        services.AddSingleton<IPostConfigureOptions<HttpClientFactoryOptions>>(new UseFakePrimaryHandler(service));
        return services;
    }

    /// <summary>
    /// Runs after every Configure of every named HttpClient, so its primary handler wins over the
    /// safe handler AddWebPush configures. The names are AddWebPush's: "Pushwright" for the unnamed
    /// client, "Pushwright:" and the name for a named one (WebPushServiceCollectionExtensions.HttpClientName).
    /// </summary>
    private sealed class UseFakePrimaryHandler : IPostConfigureOptions<HttpClientFactoryOptions>
    {
        internal const string HttpClientName = "Pushwright";

        private readonly FakePushService _service;

        public UseFakePrimaryHandler(FakePushService service) => _service = service;

        public void PostConfigure(string? name, HttpClientFactoryOptions options)
        {
            if (name is null || !(name == HttpClientName || name.StartsWith(HttpClientName + ":", StringComparison.Ordinal)))
            {
                return;
            }

            options.HttpMessageHandlerBuilderActions.Add(builder => builder.PrimaryHandler = _service);
        }
    }
}
