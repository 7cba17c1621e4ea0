// The VAPID check of a push message (RFC 8292), done as a push service does it, and the only VAPID
// verifier in this repository:
//   Authorization: vapid t=<JWT>, k=<key>            RFC 8292 Section 3
//   Authorization: WebPush <JWT> (or Bearer <JWT>)   the draft form aesgcm senders use, with the
//   Crypto-Key: p256ecdsa=<key>                      key in Crypto-Key (draft-ietf-webpush-vapid-01)
// The key must be the subscription's applicationServerKey (else 403, RFC 8292 Section 4.2); the
// JWT (RFC 7519) must be three base64url segments, its header's alg ES256, its signature valid for
// that key, aud the origin the message was sent to, exp in the future and at most 24 hours ahead
// of the service's clock (RFC 8292 Section 2), and sub a mailto: or https: URI (Section 2.1).
using System;
using System.Text;
using System.Text.Json;

namespace Pushwright.Testing.Internal;

internal static class VapidVerifier
{
    /// <summary>The longest a token may live: exp at most this far ahead (RFC 8292 Section 2).</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(24);

    /// <summary>Verifies a request's VAPID headers; returns the claims, or why they were refused.</summary>
    /// <param name="authorization">The Authorization header, if any.</param>
    /// <param name="cryptoKey">The Crypto-Key header, if any (the draft form puts the key there).</param>
    /// <param name="origin">The origin the request was sent to, "scheme://host[:port]": what aud must be.</param>
    /// <param name="applicationServerKey">The key the subscription was created with.</param>
    /// <param name="now">The service's time.</param>
    /// <param name="claims">The verified claims.</param>
    /// <returns>Null when valid; otherwise the refusal.</returns>
    public static PushFailure? Verify(string? authorization, string? cryptoKey, string origin, ReadOnlySpan<byte> applicationServerKey, DateTimeOffset now, out VapidClaims? claims)
    {
        claims = null;
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return PushFailure.Of(FailureKind.MissingAuthorization, "Missing Authorization header: this subscription was created with an applicationServerKey, so VAPID is required", "scheme");
        }

        var header = authorization!.Trim();
        var space = header.IndexOf(' ');
        if (space < 0)
        {
            return Invalid("scheme", "Missing VAPID token");
        }

        var scheme = header.Substring(0, space);
        var data = header.Substring(space + 1).Replace(" ", string.Empty);
        string? token;
        string? key;
        if (scheme.Equals("vapid", StringComparison.OrdinalIgnoreCase))
        {
            token = HeaderParameter.Find(data, "t");
            key = HeaderParameter.Find(data, "k");
        }
        else if (scheme.Equals("WebPush", StringComparison.OrdinalIgnoreCase) || scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            token = data;
            key = cryptoKey is null ? null : HeaderParameter.Find(cryptoKey, "p256ecdsa");
            if (key is not null && key == HeaderParameter.Find(cryptoKey!, "dh"))
            {
                // The sender signed with the key it encrypted with: the two must be different key pairs.
                return Invalid("keysDistinct", "Invalid VAPID public key: Crypto-Key's p256ecdsa is the message's dh key");
            }
        }
        else
        {
            return Invalid("scheme", $"Unknown auth scheme '{scheme}': expected 'vapid t=..., k=...' or 'WebPush <JWT>' with Crypto-Key: p256ecdsa=");
        }

        if (string.IsNullOrEmpty(token))
        {
            return Invalid("token", "Missing VAPID token");
        }

        if (string.IsNullOrEmpty(key))
        {
            return Invalid("publicKey", scheme.Equals("vapid", StringComparison.OrdinalIgnoreCase) ? "Missing VAPID public key (k=)" : "Missing VAPID public key (p256ecdsa= in Crypto-Key)");
        }

        if (!Base64UrlDecoder.TryDecode(key, out var keyBytes) || keyBytes.Length != Es256.PublicKeyLength || keyBytes[0] != 0x04)
        {
            return Invalid("publicKey", "Invalid VAPID public key: not a base64url 65-byte uncompressed P-256 point");
        }

        if (!keyBytes.AsSpan().SequenceEqual(applicationServerKey))
        {
            return PushFailure.Of(FailureKind.KeyMismatch, "VAPID public key mismatch: not the applicationServerKey this subscription was created with", "key");
        }

        var parts = token!.Split('.');
        if (parts.Length != 3
            || !Base64UrlDecoder.TryDecode(parts[0], out var headerJson)
            || !Base64UrlDecoder.TryDecode(parts[1], out var claimsJson))
        {
            return Invalid("token", "Invalid VAPID token: not three base64url segments (a JWS compact serialization)");
        }

        // An empty or undecodable signature (alg "none" leaves it empty) fails as a signature.
        if (!Base64UrlDecoder.TryDecode(parts[2], out var signature) || !Es256.Verify(keyBytes, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature))
        {
            return Invalid("signature", "Invalid VAPID signature: the token is not signed with the key in the request");
        }

        return CheckClaims(headerJson, claimsJson, origin, now, out var verified) is { } failure
            ? failure
            : Valid(scheme, token, key!, verified, out claims);
    }

    private static PushFailure? Valid(string scheme, string token, string key, (string Audience, DateTimeOffset ExpiresAt, string Subject) verified, out VapidClaims claims)
    {
        claims = new VapidClaims(scheme, token, key, verified.Audience, verified.ExpiresAt, verified.Subject);
        return null;
    }

    private static PushFailure? CheckClaims(byte[] headerJson, byte[] claimsJson, string origin, DateTimeOffset now, out (string Audience, DateTimeOffset ExpiresAt, string Subject) verified)
    {
        verified = default;
        JsonDocument headerDocument;
        JsonDocument claimsDocument;
        try
        {
            headerDocument = JsonDocument.Parse(headerJson);
        }
        catch (JsonException)
        {
            // System.Text.Json has no non-throwing parse; malformed JSON is the caller's input, not our bug.
            return Invalid("token", "Invalid VAPID token: its header is not JSON");
        }

        using (headerDocument)
        {
            try
            {
                claimsDocument = JsonDocument.Parse(claimsJson);
            }
            catch (JsonException)
            {
                return Invalid("token", "Invalid VAPID token: its claims are not JSON");
            }

            using (claimsDocument)
            {
                var header = headerDocument.RootElement;
                if (header.ValueKind != JsonValueKind.Object || !header.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || !alg.ValueEquals("ES256"))
                {
                    return Invalid("alg", "Invalid VAPID token: alg must be ES256");
                }

                var claims = claimsDocument.RootElement;
                if (claims.ValueKind != JsonValueKind.Object)
                {
                    return Invalid("token", "Invalid VAPID token: the claims are not a JSON object");
                }

                if (!claims.TryGetProperty("aud", out var aud) || aud.ValueKind != JsonValueKind.String || !aud.ValueEquals(origin))
                {
                    return Invalid("aud", $"Invalid VAPID audience: aud must be the push service's origin, {origin}");
                }

                if (!claims.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number || !exp.TryGetInt64(out var expSeconds))
                {
                    return Invalid("exp", "Invalid VAPID expiry: exp must be a whole number of seconds");
                }

                var nowSeconds = now.ToUnixTimeSeconds();
                if (expSeconds <= nowSeconds)
                {
                    return Invalid("exp", "Invalid VAPID expiry: the token has expired");
                }

                if (expSeconds > nowSeconds + (long)MaxLifetime.TotalSeconds)
                {
                    return Invalid("exp", $"The VAPID token expiration is too long: exp is {expSeconds - nowSeconds} s ahead, more than 24 hours");
                }

                if (!claims.TryGetProperty("sub", out var sub) || sub.ValueKind != JsonValueKind.String
                    || !(StartsWith(sub, "mailto:") || StartsWith(sub, "https:")))
                {
                    return Invalid("sub", "Invalid VAPID subject: sub must be a mailto: or https: URI");
                }

                verified = (origin, DateTimeOffset.FromUnixTimeSeconds(expSeconds), sub.GetRawText().Trim('"'));
                return null;
            }
        }
    }

    /// <summary>Compares the start of a JSON string by its raw UTF-8, so that a malformed escape cannot throw.</summary>
    private static bool StartsWith(JsonElement value, string prefix)
    {
        var raw = value.GetRawText();
        return raw.Length > prefix.Length && string.CompareOrdinal(raw, 1, prefix, 0, prefix.Length) == 0;
    }

    private static PushFailure Invalid(string check, string message) => PushFailure.Of(FailureKind.InvalidAuthorization, message, check);
}
