#if NET8_0_OR_GREATER
using System.Net;
#endif
using System.Net.Http;

namespace Pushwright.Sending;

/// <summary>
/// The one place where the transport's safety lives: the handler behind
/// <see cref="WebPushClient.CreateHttpHandler"/>, the client's own <see cref="HttpClient"/>, and
/// <c>AddWebPush()</c>'s primary handler. It follows no redirect, never uses a proxy (a proxy would
/// choose the address itself), keeps no cookies, and applies the address policy
/// (<see cref="AddressPolicy"/>) unless <see cref="WebPushClientOptions.AllowPrivateNetworkEndpoints"/> is set.
/// </summary>
internal static class SafeHttpHandlerFactory
{
    /// <summary>Builds the handler.</summary>
    public static HttpMessageHandler Create(WebPushClientOptions? options)
    {
        var allowPrivateNetworkEndpoints = options?.AllowPrivateNetworkEndpoints ?? false;
#if NET8_0_OR_GREATER
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = TransportDefaults.ConnectTimeout,
            PooledConnectionLifetime = TransportDefaults.PooledConnectionLifetime,
            EnableMultipleHttp2Connections = true,
            ConnectCallback = new PublicAddressConnector(allowPrivateNetworkEndpoints).ConnectAsync,
        };
#else
        // No connect callback, connect timeout or connection lifetime here: HttpClient.Timeout bounds the send.
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseProxy = false, UseCookies = false };
        return allowPrivateNetworkEndpoints ? handler : new PreSendAddressCheckHandler(handler);
#endif
    }

    /// <summary>Builds the <see cref="HttpClient"/> a <see cref="WebPushClient"/> owns: the handler, HTTP/2 preferred, and the response timeout.</summary>
    public static HttpClient CreateHttpClient(WebPushClientOptions? options)
    {
        var client = new HttpClient(Create(options), disposeHandler: true) { Timeout = TransportDefaults.ResponseTimeout };
#if NET8_0_OR_GREATER
        client.DefaultRequestVersion = HttpVersion.Version20;
        client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
#endif
        return client;
    }
}
