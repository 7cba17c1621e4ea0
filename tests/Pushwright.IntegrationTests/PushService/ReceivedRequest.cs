using System;
using System.Collections.Generic;
using System.Text;

namespace Pushwright.IntegrationTests.PushService;

/// <summary>One request as the <see cref="LoopbackPushService"/> received it, valid or not.</summary>
public sealed class ReceivedRequest
{
    internal ReceivedRequest(
        string method,
        string path,
        string? subscriptionId,
        string protocol,
        IReadOnlyDictionary<string, string> headers,
        byte[] body,
        DateTimeOffset receivedAt)
    {
        Method = method;
        Path = path;
        SubscriptionId = subscriptionId;
        Protocol = protocol;
        Headers = headers;
        Body = body;
        ReceivedAt = receivedAt;
    }

    /// <summary>Gets the order of arrival, from 1.</summary>
    public int Sequence { get; internal set; }

    /// <summary>Gets the HTTP method.</summary>
    public string Method { get; }

    /// <summary>Gets the request path.</summary>
    public string Path { get; }

    /// <summary>Gets the subscription id from a <c>/push/{id}</c> path, or <see langword="null"/>.</summary>
    public string? SubscriptionId { get; }

    /// <summary>Gets the HTTP version as Kestrel names it: <c>HTTP/1.1</c> or <c>HTTP/2</c>.</summary>
    public string Protocol { get; }

    /// <summary>Gets the request headers (content headers included), names compared case-insensitively, repeated values joined with ", ".</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>Gets the raw request body (empty when there was none).</summary>
    public byte[] Body { get; }

    /// <summary>Gets when the request arrived, by the service's clock.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>Gets the verified VAPID claims, or <see langword="null"/> when the VAPID header was missing or refused.</summary>
    public VapidClaims? Vapid { get; internal set; }

    /// <summary>Gets the decrypted payload, or <see langword="null"/> for a data-free message or one that did not decrypt.</summary>
    public byte[]? Plaintext { get; internal set; }

    /// <summary>Gets the decrypted payload as UTF-8 text, or <see langword="null"/>.</summary>
    public string? PlaintextText => Plaintext is null ? null : Encoding.UTF8.GetString(Plaintext);

    /// <summary>Gets why the service refused the request by itself (VAPID, TTL, decryption...), or <see langword="null"/> when it was valid.</summary>
    public string? Rejection { get; internal set; }

    /// <summary>Gets the reply the service gave: a description such as "201 Created" or "dropped connection".</summary>
    public string? Reply { get; internal set; }

    /// <summary>Gets the value of a request header, or <see langword="null"/>.</summary>
    /// <param name="name">The header name.</param>
    /// <returns>The value, or <see langword="null"/> when the header was not sent.</returns>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <inheritdoc/>
    public override string ToString() => $"#{Sequence} {Method} {Protocol} {Path} ({Body.Length} bytes) -> {Rejection ?? Reply ?? "(pending)"}";
}
