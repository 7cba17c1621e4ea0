using System;
using System.Collections.Generic;
using System.Net;
using System.Text;

namespace Pushwright;

/// <summary>
/// What happened to one message sent to one subscription. Push service replies and transport
/// failures are results, never exceptions; call <see cref="EnsureDelivered"/> to turn anything but
/// a delivery into a <see cref="WebPushException"/>.
/// </summary>
public sealed class PushResult
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> s_noHeaders = new Dictionary<string, IReadOnlyList<string>>();

    internal PushResult(
        PushSubscription subscription,
        PushOutcome outcome,
        HttpStatusCode? statusCode = null,
        Uri? messageLocation = null,
        TimeSpan? grantedTimeToLive = null,
        TimeSpan? retryAfter = null,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? responseHeaders = null,
        PushServiceError? error = null,
        Exception? exception = null,
        PushRefusal? refusal = null,
        string? hint = null)
    {
        Subscription = subscription;
        Outcome = outcome;
        StatusCode = statusCode;
        MessageLocation = messageLocation;
        GrantedTimeToLive = grantedTimeToLive;
        RetryAfter = retryAfter;
        ResponseHeaders = responseHeaders ?? s_noHeaders;
        Error = error;
        Exception = exception;
        Refusal = refusal;
        Hint = hint;
    }

    /// <summary>Gets the subscription the message was for.</summary>
    public PushSubscription Subscription { get; }

    /// <summary>Gets what happened.</summary>
    public PushOutcome Outcome { get; }

    /// <summary>Gets the push service's HTTP status, or <see langword="null"/> when there was no reply (or nothing was sent).</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>Gets the <c>Location</c> of a delivered message (its id at the push service), if given.</summary>
    public Uri? MessageLocation { get; }

    /// <summary>Gets the time to live the push service granted (its <c>TTL</c> reply header), which may be less than asked for.</summary>
    public TimeSpan? GrantedTimeToLive { get; }

    /// <summary>Gets how long to wait before sending again (<c>Retry-After</c>, as seconds or an HTTP date), if given.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Gets the reply's headers (content headers included), names compared case-insensitively.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ResponseHeaders { get; }

    /// <summary>Gets the push service's explanation of a failure, when its reply had a body. It only ever holds what a push service said.</summary>
    public PushServiceError? Error { get; }

    /// <summary>
    /// Gets why this process did not send (or did not use the reply): set for
    /// <see cref="PushOutcome.Refused"/>, and for a <see cref="PushOutcome.SubscriptionGone"/> whose
    /// subscription had expired (<see cref="RefusalReason.SubscriptionExpired"/>); otherwise <see langword="null"/>.
    /// </summary>
    public PushRefusal? Refusal { get; }

    /// <summary>
    /// Gets what to fix, when the library recognises the push service's refusal: a VAPID key the
    /// subscription was not created with, Apple's BadJwtToken (usually a bad subject), a body too
    /// large for a bridged endpoint; otherwise <see langword="null"/>. It is the library's reading of
    /// <see cref="Error"/>, not something the service said.
    /// </summary>
    public string? Hint { get; }

    /// <summary>Gets the transport failure behind a <see cref="PushOutcome.NetworkError"/>.</summary>
    public Exception? Exception { get; }

    /// <summary>Gets a value indicating whether the message was delivered.</summary>
    public bool IsDelivered => Outcome == PushOutcome.Delivered;

    /// <summary>Gets a value indicating whether the subscription is gone and should be removed.</summary>
    public bool IsSubscriptionGone => Outcome == PushOutcome.SubscriptionGone;

    /// <summary>Throws <see cref="WebPushException"/> unless the message was delivered.</summary>
    /// <returns>This result, for chaining.</returns>
    /// <exception cref="WebPushException">The outcome is not <see cref="PushOutcome.Delivered"/>.</exception>
    public PushResult EnsureDelivered() => IsDelivered ? this : throw new WebPushException(this);

    /// <summary>Returns the outcome, status, host and the service's explanation; never the full endpoint.</summary>
    /// <returns>A string for diagnostics.</returns>
    public override string ToString()
    {
        var builder = new StringBuilder("Push to ").Append(Subscription.Endpoint.Host).Append(": ").Append(Outcome);
        if (StatusCode is { } status)
        {
            builder.Append(" (").Append((int)status).Append(')');
        }

        if (Refusal is not null)
        {
            builder.Append(": ").Append(Refusal);
        }
        else if (Error is not null)
        {
            builder.Append(": ").Append(Error);
        }
        else if (Exception is not null)
        {
            builder.Append(": ").Append(Exception.GetType().Name).Append(": ").Append(Exception.Message);
        }

        if (Hint is not null)
        {
            builder.Append(". ").Append(Hint);
        }

        if (RetryAfter is { } retryAfter)
        {
            builder.Append("; retry after ").Append(retryAfter);
        }

        return builder.ToString();
    }
}
