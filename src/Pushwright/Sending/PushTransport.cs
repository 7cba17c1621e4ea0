// The step that does I/O: sends a built request on the HttpClient, within the send's deadline,
// and hands the reply to PushResponseReader. Every way an exchange can end is a PushResult:
//   - a reply: whatever its status (the reader decides);
//   - a redirect that a caller's HttpClient followed: Refused, as push services never redirect;
//   - the address policy's refusal (which only an exception can carry out of the handler): Refused;
//   - no reply, no reply in time (SendTimeout, HttpClient.Timeout, a resilience timeout), or any
//     transport failure, the raw SocketException that HttpClient's pool can surface included:
//     NetworkError.
// Only the caller's cancellation, and a disposed client (a programming error), end an exchange
// with an exception. HTTP/2 is asked for when the
// HttpClient lets the request choose.
using System;
using System.Diagnostics.CodeAnalysis;
#if NET8_0_OR_GREATER
using System.Net;
#endif
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Pushwright.Internal;

namespace Pushwright.Sending;

internal sealed class PushTransport
{
    private readonly HttpClient _httpClient;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _sendTimeout;

    public PushTransport(HttpClient httpClient, TimeProvider timeProvider, TimeSpan sendTimeout)
    {
        _httpClient = httpClient;
        _timeProvider = timeProvider;
        _sendTimeout = sendTimeout;
    }

    /// <summary>Gets the HttpClient the requests go through.</summary>
    public HttpClient HttpClient => _httpClient;

    /// <summary>Sends <paramref name="request"/> and reads the reply, within the send timeout.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<PushResult> ExchangeAsync(PushSubscription subscription, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        SetVersion(request);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var timer = _timeProvider.CreateTimer(static state => ((CancellationTokenSource)state!).Cancel(), deadline, _sendTimeout, Timeout.InfiniteTimeSpan);
        try
        {
            using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            return response.RequestMessage?.RequestUri is { } sentTo && sentTo != subscription.Endpoint
                ? new PushResult(subscription, PushOutcome.Refused, response.StatusCode, refusal: new PushRefusal(RefusalReason.Redirect, Error.RedirectFollowedMessage(subscription.Endpoint.Host)))
                : await PushResponseReader.ReadAsync(subscription, response, _timeProvider, deadline.Token, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Report the caller's token, not the linked one the deadline made.
            cancellationToken.ThrowIfCancellationRequested();
            throw;
        }
#pragma warning disable CA1031 // Every transport failure is a result, whatever type HttpClient's handlers throw.
        catch (Exception ex) when (ex is not ObjectDisposedException)
#pragma warning restore CA1031
        {
            return EndpointRefusedException.Find(ex) is { } refused
                ? new PushResult(subscription, PushOutcome.Refused, refusal: new PushRefusal(RefusalReason.PrivateNetworkAddress, refused.Message))
                : new PushResult(subscription, PushOutcome.NetworkError, exception: ex);
        }
    }

    /// <summary>Asks for HTTP/2 (falling back to HTTP/1.1) unless the HttpClient pins a version exactly.</summary>
    [SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Reads the HttpClient on net8.0; netstandard2.0 has no version policy.")]
    public void SetVersion(HttpRequestMessage request)
    {
#if NET8_0_OR_GREATER
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
}
