// Sends a message to a subscription and reports what happened as a PushResult. It only
// orchestrates the steps along the wire, each of which is its own type in Sending/:
//   EndpointPolicy -> PushRequestFactory -> PushTransport -> PushResponseReader -> RemovalNotifier
// and SendManyPump runs them for many subscriptions with bounded concurrency.
using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Pushwright.Internal;
using Pushwright.Sending;

namespace Pushwright;

/// <summary>
/// Sends Web Push messages. Create one per application (or let <c>AddWebPush()</c> inject it) and
/// share it: it is immutable and thread-safe.
/// </summary>
/// <remarks>
/// Every push-service reply and every transport failure comes back as a <see cref="PushResult"/>;
/// only invalid arguments and cancellation throw. Subscriptions that are gone (404, 410, or past
/// their expiration time) are reported once to <see cref="WebPushClientOptions.RemovalHandlers"/>
/// and to <see cref="SubscriptionRemoved"/>. Retries are not done here; <c>AddWebPush()</c> adds
/// them with Polly.
/// </remarks>
public sealed partial class WebPushClient
{
    private readonly PushTransport _transport;
    private readonly EndpointPolicy _endpointPolicy;
    private readonly RemovalNotifier _removalNotifier;
    private readonly int _maxConcurrency;
    private readonly int? _maxPlaintextLength;
    private readonly TimeProvider _timeProvider;

    /// <summary>Occurs once for each subscription that is gone (404, 410, or past its expiration time), after the removal handlers ran.</summary>
    public event EventHandler<SubscriptionRemovedEventArgs>? SubscriptionRemoved;

    /// <summary>Gets the VAPID contact and keys.</summary>
    public VapidDetails VapidDetails { get; }

    /// <summary>
    /// Builds the request for one message to one subscription, encrypted and signed, for callers
    /// with their own HTTP pipeline. The caller sends and disposes it.
    /// </summary>
    /// <param name="subscription">The subscription.</param>
    /// <param name="message">The message.</param>
    /// <returns>A POST to the subscription's endpoint.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The endpoint is refused (not https, or not in <see cref="WebPushClientOptions.AllowedHosts"/> or the <see cref="WebPushClientOptions.RestrictToKnownPushServices">known push services</see>), or the payload is too large.</exception>
    public HttpRequestMessage CreateRequest(PushSubscription subscription, PushMessage message) =>
        CreateRequest(subscription, message, VapidDetails);

    /// <summary>Builds the request like <see cref="CreateRequest(PushSubscription, PushMessage)"/>, signed with another identity.</summary>
    /// <param name="subscription">The subscription.</param>
    /// <param name="message">The message.</param>
    /// <param name="vapidDetails">The VAPID identity to sign with instead of <see cref="VapidDetails"/>; the subscription must have been created with its public key.</param>
    /// <returns>A POST to the subscription's endpoint.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The endpoint is refused (not https, or not in <see cref="WebPushClientOptions.AllowedHosts"/> or the <see cref="WebPushClientOptions.RestrictToKnownPushServices">known push services</see>), or the payload is too large.</exception>
    public HttpRequestMessage CreateRequest(PushSubscription subscription, PushMessage message, VapidDetails vapidDetails)
    {
        Guard.NotNull(subscription);
        CheckMessage(Guard.NotNull(message));
        Guard.NotNull(vapidDetails);
        if (_endpointPolicy.Check(subscription.Endpoint) is { } refusal)
        {
            throw Error.EndpointRefused(nameof(subscription), refusal);
        }

        var request = PushRequestFactory.Create(subscription, message, vapidDetails);
        _transport.SetVersion(request);
        return request;
    }

    /// <summary>Sends one message to one subscription.</summary>
    /// <param name="subscription">The subscription.</param>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the send; a cancelled send throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The outcome. A gone subscription has also been reported to the removal handlers.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The payload is too large for the content coding.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="WebPushException">A removal handler (or an event subscriber) threw; all of them ran, and <see cref="WebPushException.Result"/> holds the result.</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Only the CancellationToken is optional, last, as in the BCL; the overloads differ by a required VapidDetails.")]
    public Task<PushResult> SendAsync(PushSubscription subscription, PushMessage message, CancellationToken cancellationToken = default) =>
        SendAsync(subscription, message, VapidDetails, cancellationToken);

    /// <summary>Sends one message to one subscription, signed with another VAPID identity (for example one per tenant).</summary>
    /// <param name="subscription">The subscription.</param>
    /// <param name="message">The message.</param>
    /// <param name="vapidDetails">The VAPID identity to sign with instead of <see cref="VapidDetails"/>; the subscription must have been created with its public key. Its token cache is its own.</param>
    /// <param name="cancellationToken">Cancels the send; a cancelled send throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The outcome. A gone subscription has also been reported to the removal handlers.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The payload is too large for the content coding.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="WebPushException">A removal handler (or an event subscriber) threw; all of them ran, and <see cref="WebPushException.Result"/> holds the result.</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Only the CancellationToken is optional, last, as in the BCL; the overloads differ by a required VapidDetails.")]
    public async Task<PushResult> SendAsync(PushSubscription subscription, PushMessage message, VapidDetails vapidDetails, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(subscription);
        CheckMessage(Guard.NotNull(message));
        Guard.NotNull(vapidDetails);
        var result = await SendCoreAsync(subscription, message, vapidDetails, cancellationToken).ConfigureAwait(false);
        if (result.IsSubscriptionGone && await NotifyRemovedAsync(result, cancellationToken).ConfigureAwait(false) is { } failures)
        {
            throw Error.RemovalHandlersFailed(result, failures);
        }

        return result;
    }

    /// <summary>
    /// Sends one message to many subscriptions, at most <see cref="WebPushClientOptions.MaxConcurrency"/>
    /// at a time, and streams one result per subscription as each completes (not in input order).
    /// </summary>
    /// <remarks>
    /// Sending runs ahead of the reader by at most <see cref="WebPushClientOptions.MaxConcurrency"/>
    /// finished results. A process that records each result as it reads it and then crashes has
    /// therefore sent at most 2 × <see cref="WebPushClientOptions.MaxConcurrency"/> + 1 messages whose
    /// results it never recorded: the bound on what a resumed broadcast sends twice.
    /// </remarks>
    /// <param name="subscriptions">The subscriptions; enumerated lazily, once.</param>
    /// <param name="message">The message. Each subscription gets its own encryption; the VAPID token is shared.</param>
    /// <param name="cancellationToken">Stops sending; the enumeration then throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>
    /// One result per subscription. Gone subscriptions have been reported to the removal handlers
    /// before their result is yielded. If a removal handler throws, every handler still runs, the
    /// result is still yielded, and the enumeration then ends with a <see cref="WebPushException"/>
    /// after the sends already started have finished.
    /// </returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The payload is too large for the content coding.</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Only the CancellationToken is optional, last, as in the BCL; the overloads differ by a required VapidDetails.")]
    public IAsyncEnumerable<PushResult> SendManyAsync(IEnumerable<PushSubscription> subscriptions, PushMessage message, CancellationToken cancellationToken = default) =>
        SendManyAsync(subscriptions, message, VapidDetails, cancellationToken);

    /// <summary>Sends one message to many subscriptions like <see cref="SendManyAsync(IEnumerable{PushSubscription}, PushMessage, CancellationToken)"/>, signed with another VAPID identity.</summary>
    /// <param name="subscriptions">The subscriptions; enumerated lazily, once. Each must have been created with the public key of <paramref name="vapidDetails"/>.</param>
    /// <param name="message">The message. Each subscription gets its own encryption; the VAPID token is shared.</param>
    /// <param name="vapidDetails">The VAPID identity to sign with instead of <see cref="VapidDetails"/>.</param>
    /// <param name="cancellationToken">Stops sending; the enumeration then throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>One result per subscription, as for the overload without an identity.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The payload is too large for the content coding.</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Only the CancellationToken is optional, last, as in the BCL; the overloads differ by a required VapidDetails.")]
    public IAsyncEnumerable<PushResult> SendManyAsync(IEnumerable<PushSubscription> subscriptions, PushMessage message, VapidDetails vapidDetails, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(subscriptions);
        CheckMessage(Guard.NotNull(message));
        Guard.NotNull(vapidDetails);
        return SendManyPump.RunAsync(subscriptions, _maxConcurrency, (s, ct) => SendCoreAsync(s, message, vapidDetails, ct), NotifyRemovedAsync, cancellationToken);
    }

    /// <summary>The steps along the wire: check the endpoint, build the request, send, read the reply; metrics on the way out.</summary>
    private async Task<PushResult> SendCoreAsync(PushSubscription subscription, PushMessage message, VapidDetails vapidDetails, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = _timeProvider.GetTimestamp();
        using var activity = PushTracing.StartSend(subscription, message);
        bool? tokenCached = null;
        PushResult result;
        if (subscription.ExpirationTime is { } expires && expires <= _timeProvider.GetUtcNow())
        {
            // RFC 8030 leaves an expired subscription to the service; not sending avoids a useless request.
            result = new PushResult(subscription, PushOutcome.SubscriptionGone, refusal: new PushRefusal(RefusalReason.SubscriptionExpired, Error.SubscriptionExpiredMessage(subscription.Endpoint.Host)));
        }
        else if (_endpointPolicy.Check(subscription.Endpoint) is { } refusal)
        {
            result = new PushResult(subscription, PushOutcome.Refused, refusal: refusal);
        }
        else
        {
            using var request = PushRequestFactory.Create(subscription, message, vapidDetails, out var cached);
            tokenCached = cached;
            result = await _transport.ExchangeAsync(subscription, request, cancellationToken).ConfigureAwait(false);
        }

        PushTracing.Complete(activity, result, tokenCached);
        WebPushMetrics.Record(result.Outcome, _endpointPolicy.MetricHost(subscription.Endpoint), _timeProvider.GetElapsedTime(started).TotalSeconds);
        return result;
    }

    private Task<List<Exception>?> NotifyRemovedAsync(PushResult result, CancellationToken cancellationToken) =>
        _removalNotifier.NotifyAsync(result, r => SubscriptionRemoved?.Invoke(this, new SubscriptionRemovedEventArgs(r)), cancellationToken);

    /// <summary>The one check of a message at the public boundary: its payload fits its encoding with its padding.</summary>
    private void CheckMessage(PushMessage message)
    {
        if (!message.TryCheckSize(_maxPlaintextLength, out var problem))
        {
            throw problem.ToException();
        }
    }
}
