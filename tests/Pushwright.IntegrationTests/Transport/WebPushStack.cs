using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Pushwright.IntegrationTests.PushService;
using Pushwright.Testing;

namespace Pushwright.IntegrationTests.Transport;

/// <summary>Builds the AddWebPush() stack the way an application would, pointed at the loopback push service.</summary>
internal static class WebPushStack
{
    public const int MaxRetryAttempts = 3;

    /// <summary>
    /// The attempt timeout of the timeout tests. The other tests use a generous one: healthy replies
    /// take milliseconds, but on a small CI machine a cold start can stall an attempt for most of a
    /// second, and a short attempt timeout then resends (at-least-once delivery: correct, but not
    /// what those tests count).
    /// </summary>
    public static readonly TimeSpan ShortAttemptTimeout = TimeSpan.FromMilliseconds(400);

    private static readonly TimeSpan s_generousAttemptTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A service provider with AddWebPush() for the fixture's VAPID keys: http and loopback endpoints allowed,
    /// 3 retries with a 10 ms backoff and no jitter, Retry-After honoured up to 2 s, HTTP/1.1 or
    /// HTTP/2 exactly.
    /// </summary>
    public static ServiceProvider BuildProvider(
        LoopbackPushServiceFixture fixture,
        bool http2,
        Action<WebPushOptions>? configure = null,
        ISubscriptionRemovalHandler? removalHandler = null,
        bool logging = false)
    {
        var services = new ServiceCollection();
        if (logging)
        {
            services.AddFakeLogging();
        }

        if (removalHandler is not null)
        {
            services.AddSingleton(removalHandler);
        }

        services
            .AddWebPush(o =>
            {
                o.Subject = "mailto:stack-tests@example.com";
                o.PublicKey = fixture.VapidKeys.PublicKeyBase64Url;
                o.PrivateKey = fixture.VapidKeys.ExportPrivateKeyBase64Url();
                o.AllowHttpEndpoints = true;
                o.AllowPrivateNetworkEndpoints = true;
                o.Resilience.MaxRetryAttempts = MaxRetryAttempts;
                o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(10);
                o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(50);
                o.Resilience.UseJitter = false;
                o.Resilience.MaxRetryAfter = TimeSpan.FromSeconds(2);
                o.Resilience.AttemptTimeout = s_generousAttemptTimeout;
                o.Resilience.TotalTimeout = TimeSpan.FromSeconds(10);
                configure?.Invoke(o);
            })
            .ConfigureHttpClient(c =>
            {
                c.DefaultRequestVersion = http2 ? HttpVersion.Version20 : HttpVersion.Version11;
                c.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
            });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    /// <summary>Waits until the service finished every request for the subscription (abandoned ones end when the client disconnects).</summary>
    public static async Task<IReadOnlyList<ReceivedPush>> WaitUntilAnsweredAsync(FakePushService service, PushSubscription subscription)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var requests = service.RequestsTo(subscription);
            if (requests.All(r => r.StatusCode is not null || r.Reply.StartsWith("the sender gave up", StringComparison.Ordinal)) || watch.Elapsed > TimeSpan.FromSeconds(5))
            {
                return requests;
            }

            await Task.Delay(10);
        }
    }
}
