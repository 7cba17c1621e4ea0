using System;

namespace Pushwright.Testing;

/// <summary>The VAPID authorization of a message, as the fake push service verified it (RFC 8292).</summary>
public sealed class VapidClaims
{
    internal VapidClaims(string scheme, string token, string publicKey, string audience, DateTimeOffset expiresAt, string subject)
    {
        Scheme = scheme;
        Token = token;
        PublicKey = publicKey;
        Audience = audience;
        ExpiresAt = expiresAt;
        Subject = subject;
    }

    /// <summary>Gets the authorization scheme as sent: <c>vapid</c> (RFC 8292, <c>Authorization: vapid t=…, k=…</c>) or <c>WebPush</c> (the draft form, with <c>Crypto-Key: p256ecdsa=…</c>).</summary>
    public string Scheme { get; }

    /// <summary>Gets the JWT as sent.</summary>
    public string Token { get; }

    /// <summary>Gets the application server's public key as sent (base64url).</summary>
    public string PublicKey { get; }

    /// <summary>Gets the <c>aud</c> claim: the push service's origin.</summary>
    public string Audience { get; }

    /// <summary>Gets the <c>exp</c> claim.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>Gets the <c>sub</c> claim: the sender's <c>mailto:</c> or <c>https:</c> contact.</summary>
    public string Subject { get; }

    /// <summary>Returns the claims without the token, which is a credential.</summary>
    /// <returns>A string for test output.</returns>
    public override string ToString() => $"VapidClaims {{ Scheme = {Scheme}, Audience = {Audience}, ExpiresAt = {ExpiresAt:O}, Subject = {Subject} }}";
}
