using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Pushwright.Testing.Internal;

namespace Pushwright.Testing;

/// <summary>
/// What the fake push service does with a valid message: a reply (a status, with the profile's
/// error body, headers and a body of your own, a delay, a body that stalls or is cut after the
/// headers) or a transport fault (a reset connection, any exception, no answer at all). Build one
/// with the static methods, refine it with the <c>With…</c> methods (each returns a new reply), and
/// give a sequence of them to <see cref="FakePushService.Reply(PushSubscription, FakeReply[])"/> or
/// <see cref="FakePushService.ReplyToAll(FakeReply[])"/>.
/// </summary>
public sealed class FakeReply
{
    private FakeReply(ReplyKind kind, int statusCode, Exception? exception)
    {
        Kind = kind;
        StatusCode = statusCode;
        Exception = exception;
        Headers = [];
    }

    private FakeReply(FakeReply other)
    {
        Kind = other.Kind;
        StatusCode = other.StatusCode;
        Exception = other.Exception;
        Delay = other.Delay;
        Headers = other.Headers;
        Body = other.Body;
        ContentType = other.ContentType;
        BodyFault = other.BodyFault;
        BodyFaultAfter = other.BodyFaultAfter;
        RetryAfterDate = other.RetryAfterDate;
    }

    internal enum ReplyKind
    {
        Respond,
        Reset,
        Throw,
        Hang,
    }

    internal enum BodyFaultKind
    {
        None,
        Stall,
        Cut,
    }

    internal ReplyKind Kind { get; }

    internal int StatusCode { get; }

    internal Exception? Exception { get; }

    internal TimeSpan Delay { get; private set; }

    internal IReadOnlyList<KeyValuePair<string, string>> Headers { get; private set; }

    internal byte[]? Body { get; private set; }

    internal string? ContentType { get; private set; }

    internal BodyFaultKind BodyFault { get; private set; }

    internal int BodyFaultAfter { get; private set; }

    /// <summary>Gets the distance from the service's "now" to the <c>Retry-After</c> date, when the header is a date.</summary>
    internal TimeSpan? RetryAfterDate { get; private set; }

    /// <summary>201 Created, with <c>Location</c> (the message's URL) and the <c>TTL</c> granted: what the service answers when nothing is scripted.</summary>
    /// <returns>The reply.</returns>
    public static FakeReply Created() => new(ReplyKind.Respond, 201, null);

    /// <summary>
    /// Any status. A 201 is <see cref="Created"/>; another 2xx has no body; an error status carries
    /// the body the service's profile gives it (Mozilla's errno JSON, Apple's <c>{"reason":…}</c>,
    /// FCM's text), so 410 is an unsubscribed endpoint, 429 a rate limit and 503 an outage.
    /// </summary>
    /// <param name="statusCode">A status from 200 to 599.</param>
    /// <returns>The reply.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not between 200 and 599.</exception>
    public static FakeReply Status(int statusCode) =>
        statusCode is >= 200 and <= 599 ? new(ReplyKind.Respond, statusCode, null) : throw Error.StatusCodeOutOfRange(nameof(statusCode), statusCode);

    /// <summary>A connection reset before any reply: the send fails with <see cref="System.Net.Http.HttpRequestException"/> (an <see cref="System.IO.IOException"/> inside), as from a real socket.</summary>
    /// <returns>The fault.</returns>
    public static FakeReply Reset() => new(ReplyKind.Reset, 0, null);

    /// <summary>Throws <paramref name="exception"/> from the handler instead of replying: for example a raw <see cref="System.Net.Sockets.SocketException"/>, which HttpClient has been seen to let through.</summary>
    /// <param name="exception">The exception to throw; the same instance every time this reply is used.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is <see langword="null"/>.</exception>
    public static FakeReply Throw(Exception exception) => new(ReplyKind.Throw, 0, Guard.NotNull(exception));

    /// <summary>Accepts the request and never answers: the send ends only when its cancellation token (or the HttpClient's timeout) fires.</summary>
    /// <returns>The fault.</returns>
    public static FakeReply Hang() => new(ReplyKind.Hang, 0, null);

    /// <summary>Waits <paramref name="delay"/> on the service's <see cref="TimeProvider"/> before replying (or faulting); the wait ends early when the send is cancelled.</summary>
    /// <param name="delay">How long to wait.</param>
    /// <returns>A new reply.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public FakeReply After(TimeSpan delay) =>
        delay >= TimeSpan.Zero ? new(this) { Delay = delay } : throw Error.NegativeDelay(nameof(delay), delay);

    /// <summary>Adds <c>Retry-After</c> in whole seconds (RFC 9110 Section 10.2.3), rounded up.</summary>
    /// <param name="delay">The wait the service asks for.</param>
    /// <returns>A new reply.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public FakeReply WithRetryAfter(TimeSpan delay) => delay >= TimeSpan.Zero
        ? WithHeader("Retry-After", ((long)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture))
        : throw Error.NegativeDelay(nameof(delay), delay);

    /// <summary>Adds <c>Retry-After</c> as an HTTP date: the service's time when it replies plus <paramref name="delay"/>, rounded up to the next whole second.</summary>
    /// <param name="delay">The wait the service asks for.</param>
    /// <returns>A new reply.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    public FakeReply WithRetryAfterDate(TimeSpan delay) =>
        delay >= TimeSpan.Zero ? new(this) { RetryAfterDate = delay } : throw Error.NegativeDelay(nameof(delay), delay);

    /// <summary>
    /// Adds a response header as is, without validation, replacing any the service would send under
    /// that name: for malformed <c>Location</c>, <c>TTL</c> or <c>Retry-After</c> values, or a
    /// service's own headers such as WNS's <c>X-WNS-Status</c>.
    /// </summary>
    /// <param name="name">The header name.</param>
    /// <param name="value">The raw value.</param>
    /// <returns>A new reply.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    public FakeReply WithHeader(string name, string value)
    {
        if (Guard.NotNull(name).Length == 0)
        {
            throw Error.EmptyHeaderName(nameof(name));
        }

        Guard.NotNull(value);
        var headers = new List<KeyValuePair<string, string>>(Headers.Count + 1);
        foreach (var header in Headers)
        {
            if (!header.Key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                headers.Add(header);
            }
        }

        headers.Add(new KeyValuePair<string, string>(name, value));
        return new FakeReply(this) { Headers = headers };
    }

    /// <summary>Replaces the body with these bytes: for example invalid UTF-8, or a 50 MB body.</summary>
    /// <param name="body">The body.</param>
    /// <param name="contentType">The <c>Content-Type</c>, or <see langword="null"/> for none.</param>
    /// <returns>A new reply.</returns>
    public FakeReply WithBody(ReadOnlySpan<byte> body, string? contentType) => new(this) { Body = body.ToArray(), ContentType = contentType };

    /// <summary>Replaces the body with this text, UTF-8 encoded: for example JSON with an unpaired surrogate escape such as <c>\ud800</c>.</summary>
    /// <param name="body">The body.</param>
    /// <param name="contentType">The <c>Content-Type</c>, for example <c>application/json</c>.</param>
    /// <returns>A new reply.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is <see langword="null"/>.</exception>
    public FakeReply WithBody(string body, string? contentType) => WithBody(Encoding.UTF8.GetBytes(Guard.NotNull(body)), contentType);

    /// <summary>Sends the headers (with the full <c>Content-Length</c>) and the first <paramref name="bytesBeforeStall"/> bytes of the body, then nothing more: a read of the rest waits until it is cancelled.</summary>
    /// <param name="bytesBeforeStall">How many bytes of the body arrive.</param>
    /// <returns>A new reply.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bytesBeforeStall"/> is negative.</exception>
    public FakeReply WithStalledBody(int bytesBeforeStall) => bytesBeforeStall >= 0
        ? new(this) { BodyFault = BodyFaultKind.Stall, BodyFaultAfter = bytesBeforeStall }
        : throw Error.NegativeByteCount(nameof(bytesBeforeStall), bytesBeforeStall);

    /// <summary>Sends the headers (with the full <c>Content-Length</c>) and the first <paramref name="bytesBeforeCut"/> bytes of the body, then the connection breaks: the next read throws <see cref="System.IO.IOException"/>.</summary>
    /// <param name="bytesBeforeCut">How many bytes of the body arrive.</param>
    /// <returns>A new reply.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bytesBeforeCut"/> is negative.</exception>
    public FakeReply WithCutBody(int bytesBeforeCut) => bytesBeforeCut >= 0
        ? new(this) { BodyFault = BodyFaultKind.Cut, BodyFaultAfter = bytesBeforeCut }
        : throw Error.NegativeByteCount(nameof(bytesBeforeCut), bytesBeforeCut);

    /// <summary>Describes the reply for test output.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var text = Kind switch
        {
            ReplyKind.Reset => "connection reset",
            ReplyKind.Throw => "throws " + Exception!.GetType().Name,
            ReplyKind.Hang => "no answer until cancelled",
            _ => StatusCode.ToString(CultureInfo.InvariantCulture),
        };
        if (BodyFault != BodyFaultKind.None)
        {
            text += BodyFault == BodyFaultKind.Stall ? $", body stalls after {BodyFaultAfter} bytes" : $", body cut after {BodyFaultAfter} bytes";
        }

        return Delay > TimeSpan.Zero ? $"after {Delay.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms: {text}" : text;
    }
}
