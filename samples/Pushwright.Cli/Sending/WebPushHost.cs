using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pushwright.Cli.CommandOptions;

namespace Pushwright.Cli.Sending;

/// <summary>
/// The generic host a sending command runs on: <c>AddWebPush()</c> exactly as an application
/// registers it (the client's safe handler, Polly retries and timeouts, logging by host only), with
/// the command line's settings, a proxy if asked, and <c>--verbose</c>'s per-attempt lines.
/// </summary>
internal static class WebPushHost
{
    /// <summary>Builds and starts the host; its options are validated on start, like an application's.</summary>
    public static async Task<IHost> StartAsync(VapidDetails vapid, TransportSettings transport, int? maxConcurrency, StatusConsole console, CancellationToken cancellationToken)
    {
        // The empty builder reads no appsettings.json, environment or arguments: the command line is the only configuration.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();

        // Logs go to stderr, one line each. Without --verbose only errors show: the command reports
        // every outcome itself. (AddWebPush() keeps Polly quiet and logs retries at Debug itself.)
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new StatusConsoleLoggerProvider(console));
        builder.Logging.SetMinimumLevel(transport.Verbose ? LogLevel.Information : LogLevel.Error);

        var http = builder.Services.AddWebPush(options =>
        {
            options.Subject = vapid.Subject;
            options.PublicKey = vapid.Keys.PublicKeyBase64Url;
            options.PrivateKey = vapid.Keys.ExportPrivateKeyBase64Url();
            if (maxConcurrency is { } concurrency)
            {
                options.MaxConcurrency = concurrency;
            }

            transport.ApplyTo(options);
        });

        if (transport.Proxy is { } proxy)
        {
            // WebPushClient.CreateHttpHandler returns a SocketsHttpHandler that uses no proxy on
            // purpose; the operator asked for one. Its connect-time address check now sees the
            // proxy's address, not the push service's.
            http.ConfigurePrimaryHttpMessageHandler((handler, _) =>
            {
                var sockets = (SocketsHttpHandler)handler;
                sockets.UseProxy = true;
                sockets.Proxy = proxy;
            });
        }

        if (transport.Verbose)
        {
            // Added last, so it sits inside the retries and shows every attempt.
            http.AddHttpMessageHandler(provider => new VerboseHandler(console, provider.GetRequiredService<TimeProvider>()));
        }

        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    /// <summary>The command owns Ctrl+C (Program.cs), so the host does not listen for signals.</summary>
    private sealed class CommandLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
