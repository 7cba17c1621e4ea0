// The only step that does I/O: sends a built request on the caller's HttpClient and hands back
// the reply's headers, or the transport failure. HTTP/2 is asked for when the HttpClient lets the
// request choose; a request that the HttpClient sent somewhere else (a followed redirect) is
// reported as such.
using System;
using System.Diagnostics.CodeAnalysis;
#if NET8_0_OR_GREATER
using System.Net;
#endif
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Pushwright.Sending;

internal sealed class PushTransport
{
    private readonly HttpClient _httpClient;

    public PushTransport(HttpClient httpClient) => _httpClient = httpClient;

    /// <summary>Gets the HttpClient the requests go through.</summary>
    public HttpClient HttpClient => _httpClient;

    /// <summary>
    /// Sends <paramref name="request"/> and returns the response once its headers have arrived;
    /// the caller disposes it. Transport failures throw, as HttpClient throws them.
    /// </summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        SetVersion(request);
        return _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>Asks for HTTP/2 (falling back to HTTP/1.1) unless the HttpClient pins a version exactly.</summary>
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Reads the HttpClient on net8.0; netstandard2.0 has no version policy.")]
    public void SetVersion(HttpRequestMessage request)
    {
#if NET8_0_OR_GREATER
        // HTTP/2 when the push service offers it, unless the caller pinned a version exactly.
        if (_httpClient.DefaultVersionPolicy == HttpVersionPolicy.RequestVersionExact)
        {
            request.Version = _httpClient.DefaultRequestVersion;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }
        else
        {
            request.Version = HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
        }
#endif
    }

    /// <summary>True when the HttpClient followed a redirect, so the reply is not the push service's.</summary>
    public static bool WasRedirected(HttpResponseMessage response, Uri endpoint) =>
        response.RequestMessage?.RequestUri is { } sentTo && sentTo != endpoint;

    /// <summary>True for the failures that mean "no reply (in time)".</summary>
    public static bool IsTransportFailure(Exception exception) =>
        exception is HttpRequestException or OperationCanceledException or System.IO.IOException or TimeoutException;
}
