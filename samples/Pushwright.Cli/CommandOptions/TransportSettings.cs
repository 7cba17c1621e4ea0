using System;
using System.Net;

namespace Pushwright.Cli.CommandOptions;

/// <summary>The transport settings read from the command line; <see langword="null"/> keeps the library's default.</summary>
internal sealed record TransportSettings(
    bool AllowHttp,
    bool AllowPrivateNetwork,
    TimeSpan? Timeout,
    int? Retries,
    WebProxy? Proxy,
    bool Verbose)
{
    /// <summary>Applies the settings to the options of <c>AddWebPush()</c>.</summary>
    public void ApplyTo(WebPushOptions options)
    {
        options.AllowHttpEndpoints = AllowHttp;
        options.AllowPrivateNetworkEndpoints = AllowPrivateNetwork;
        var resilience = options.Resilience;
        if (Retries is { } retries)
        {
            resilience.MaxRetryAttempts = retries;
        }

        if (Timeout is { } total)
        {
            // The whole send, retries included. One attempt and an honoured Retry-After must fit inside it.
            resilience.TotalTimeout = total;
            if (resilience.AttemptTimeout > total)
            {
                resilience.AttemptTimeout = total;
            }

            if (resilience.MaxRetryAfter >= total)
            {
                resilience.MaxRetryAfter = total / 2;
            }
        }
    }
}
