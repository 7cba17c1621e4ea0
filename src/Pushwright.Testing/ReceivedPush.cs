using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;

namespace Pushwright.Testing;

/// <summary>
/// One request the fake push service received, valid or not: what was sent (endpoint, headers,
/// body), what the service made of it (VAPID claims, decrypted payload, why it refused it) and
/// what it answered. A message the service accepted is a delivery (<see cref="IsDelivered"/>).
/// </summary>
public sealed class ReceivedPush
{
    private volatile string _reply = "pending";
    private int _statusCode;

    internal ReceivedPush(
        int sequence,
        DateTimeOffset receivedAt,
        Uri endpoint,
        string method,
        Version httpVersion,
        IReadOnlyDictionary<string, string> headers,
        byte[] body)
    {
        Sequence = sequence;
        ReceivedAt = receivedAt;
        Endpoint = endpoint;
        Method = method;
        HttpVersion = httpVersion;
        Headers = headers;
        Body = body;
    }

    /// <summary>Gets the order of arrival, from 1.</summary>
    public int Sequence { get; }

    /// <summary>Gets when the request arrived, by the service's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>Gets the URL the request was sent to.</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets the subscription the endpoint belongs to, or <see langword="null"/> when it is not one of this service's.</summary>
    public PushSubscription? Subscription { get; internal set; }

    /// <summary>Gets the HTTP method.</summary>
    public string Method { get; }

    /// <summary>Gets the HTTP version the request came in with (the loopback service reports the protocol on the wire, 1.1 or 2).</summary>
    public Version HttpVersion { get; }

    /// <summary>Gets the request headers, content headers included; names compare case-insensitively, repeated values are joined with ", ".</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>Gets the body as received (empty when there was none).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Gets the <c>Content-Encoding</c> header, or <see langword="null"/>.</summary>
    public string? ContentEncoding => Header("Content-Encoding");

    /// <summary>Gets the verified VAPID claims, or <see langword="null"/> when the request was refused before or at the VAPID check.</summary>
    public VapidClaims? Vapid { get; internal set; }

    /// <summary>Gets the decrypted payload: empty for a message without a body, or one that was refused before it was decrypted.</summary>
    public ReadOnlyMemory<byte> Payload { get; internal set; }

    /// <summary>Gets <see cref="Payload"/> as UTF-8 text.</summary>
    public string Text => Encoding.UTF8.GetString(Payload.ToArray());

    /// <summary>Gets why the service refused the request by itself (TTL, VAPID, encryption...), or <see langword="null"/> when it was valid.</summary>
    public string? Rejection { get; internal set; }

    /// <summary>Gets the status the service answered, or <see langword="null"/> while it has not answered, or when a scripted fault replaced the answer.</summary>
    public int? StatusCode => Volatile.Read(ref _statusCode) is var status and > 0 ? status : null;

    /// <summary>Gets what the service did, for test output: for example <c>201 Created</c>, <c>410 Gone</c>, <c>connection reset</c>, <c>no answer until cancelled</c>.</summary>
    public string Reply => _reply;

    /// <summary>Gets a value indicating whether the service accepted the message: it answered with a 2xx status.</summary>
    public bool IsDelivered => StatusCode is >= 200 and < 300;

    /// <summary>Gets the value of a request header.</summary>
    /// <param name="name">The header name, in any case.</param>
    /// <returns>The value, or <see langword="null"/> when the header was not sent.</returns>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Returns a summary without the endpoint's path, which is a capability.</summary>
    /// <returns>A string for test output.</returns>
    public override string ToString() =>
        $"#{Sequence} {Method} HTTP/{HttpVersion} {Endpoint.Host} ({Body.Length} bytes) -> {Rejection ?? Reply}";

    internal void Answered(int statusCode, string reply)
    {
        _reply = reply;
        Volatile.Write(ref _statusCode, statusCode);
    }

    internal void Faulted(string reply) => _reply = reply;
}
