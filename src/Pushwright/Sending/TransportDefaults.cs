using System;

namespace Pushwright.Sending;

/// <summary>The transport settings of the handler and client that <see cref="SafeHttpHandlerFactory"/> builds, each written once.</summary>
internal static class TransportDefaults
{
    /// <summary>How long resolving the host and opening the TCP connection (and on net8.0 the TLS handshake) may take.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long one send may take in all, connecting included: <see cref="System.Net.Http.HttpClient.Timeout"/>.</summary>
    public static readonly TimeSpan ResponseTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long a pooled connection is reused, so a push service's DNS changes are picked up.</summary>
    public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(5);
}
