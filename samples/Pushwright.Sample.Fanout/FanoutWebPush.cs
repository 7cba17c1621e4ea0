using System;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Pushwright.Sample.Fanout;

/// <summary>The sender: <c>AddWebPush()</c>, configured from the <c>WebPush</c> section (<c>FANOUT_WEBPUSH__*</c>).</summary>
internal static class FanoutWebPush
{
    /// <summary>
    /// Builds the services of a worker: a <see cref="WebPushClient"/> with the library's retries
    /// (a few quick ones for 5xx, 429 with a short Retry-After, and network errors) and timeouts.
    /// Slower retries are the fanout's own: a batch goes back through the retry queue.
    /// </summary>
    public static ServiceProvider CreateServices(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddWebPush(options => Configure(options, configuration));
        return services.BuildServiceProvider();
    }

    private static void Configure(WebPushOptions options, IConfiguration configuration)
    {
        // VAPID keys and subject, MaxConcurrency, Resilience: everything of the WebPush section.
        configuration.GetSection("WebPush").Bind(options);

        // The one place where the endpoint rules are relaxed, and only when AllowLoopbackPushServices
        // is set (FANOUT_ALLOWLOOPBACKPUSHSERVICES=true): for tests whose push services run on
        // http://127.0.0.1. Real push services are https on public addresses, and a worker refuses
        // anything else: plain http, and (the client's default address policy) loopback and private
        // addresses.
        if (configuration.GetValue<bool>("AllowLoopbackPushServices"))
        {
            options.AllowHttpEndpoints = true;
            options.AllowPrivateNetworkEndpoints = true;
        }
    }

    /// <summary>The topic of a broadcast: its id in base64url, 22 characters (RFC 8030 allows up to 32).</summary>
    /// <remarks>
    /// A push service keeps only the newest message per topic for a device that is offline, so a
    /// duplicate sent after a worker crash replaces the first one instead of showing twice.
    /// </remarks>
    public static string TopicOf(Guid broadcastId) => System.Buffers.Text.Base64Url.EncodeToString(broadcastId.ToByteArray());
}
