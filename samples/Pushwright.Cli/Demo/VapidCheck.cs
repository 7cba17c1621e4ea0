using System;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Pushwright.Cli.Demo;

/// <summary>
/// What a push service checks in a VAPID header (RFC 8292 Section 4): the key is the one the
/// subscription was made with, the ES256 signature verifies, <c>aud</c> is the endpoint's origin,
/// <c>exp</c> is in the future and at most 24 hours ahead, and <c>sub</c> is a contact URI.
/// </summary>
internal static class VapidCheck
{
    /// <summary>Returns null when the header is good, else the reason to refuse it and the status to answer (401 or 403).</summary>
    public static (int Status, string Reason)? Verify(string? authorization, string? cryptoKey, ReadOnlySpan<byte> expectedKey, string audience, DateTimeOffset now)
    {
        // 1. Find the token and key: "vapid t=<jwt>, k=<key>" (RFC 8292), or the draft form
        //    "WebPush <jwt>" with "Crypto-Key: p256ecdsa=<key>" that aesgcm senders use.
        string? token;
        string? key;
        if (authorization is null)
        {
            return (401, "no Authorization header");
        }
        else if (authorization.StartsWith("vapid ", StringComparison.OrdinalIgnoreCase))
        {
            token = Parameter(authorization["vapid ".Length..], ',', "t");
            key = Parameter(authorization["vapid ".Length..], ',', "k");
        }
        else if (authorization.StartsWith("WebPush ", StringComparison.OrdinalIgnoreCase))
        {
            token = authorization["WebPush ".Length..].Trim();
            key = cryptoKey is null ? null : Parameter(cryptoKey, ';', "p256ecdsa");
        }
        else
        {
            return (401, "the Authorization header is neither 'vapid t=…, k=…' nor 'WebPush <jwt>'");
        }

        if (token is null || key is null)
        {
            return (401, "the VAPID token or key is missing");
        }

        // 2. The key must be the applicationServerKey the browser subscribed with.
        if (!TryDecode(key, out var keyBytes) || !keyBytes.AsSpan().SequenceEqual(expectedKey))
        {
            return (403, "the VAPID key is not the subscription's applicationServerKey");
        }

        // 3. The ES256 signature over "header.payload" must verify with that key.
        var parts = token.Split('.');
        if (parts.Length != 3 || !TryDecode(parts[0], out var header) || !TryDecode(parts[1], out var payload) || !TryDecode(parts[2], out var signature))
        {
            return (401, "the VAPID token is not a JWT");
        }

        using (var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = keyBytes[1..33], Y = keyBytes[33..65] },
        }))
        {
            if (signature.Length != 64 || !ecdsa.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature, HashAlgorithmName.SHA256))
            {
                return (401, "the VAPID token's ES256 signature does not verify");
            }
        }

        // 4. The claims.
        try
        {
            using var headerJson = JsonDocument.Parse(header);
            using var claims = JsonDocument.Parse(payload);
            if (!headerJson.RootElement.TryGetProperty("alg", out var alg) || alg.GetString() != "ES256")
            {
                return (401, "the VAPID token's alg is not ES256");
            }

            var root = claims.RootElement;
            if (!root.TryGetProperty("aud", out var aud) || aud.GetString() != audience)
            {
                return (401, $"the VAPID token's aud is not '{audience}'");
            }

            if (!root.TryGetProperty("exp", out var exp) || !exp.TryGetInt64(out var expires)
                || expires <= now.ToUnixTimeSeconds() || expires > now.AddHours(24).ToUnixTimeSeconds())
            {
                return (401, "the VAPID token's exp is not within the next 24 hours");
            }

            if (!root.TryGetProperty("sub", out var sub) || sub.GetString() is not { } subject
                || !(subject.StartsWith("mailto:", StringComparison.Ordinal) || subject.StartsWith("https:", StringComparison.Ordinal)))
            {
                return (401, "the VAPID token's sub is not a mailto: or https: URI");
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return (401, "the VAPID token's header or claims are not valid JSON");
        }

        return null;
    }

    private static string? Parameter(string value, char separator, string name)
    {
        foreach (var part in value.Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith(name + "=", StringComparison.Ordinal))
            {
                return part[(name.Length + 1)..].Trim('"');
            }
        }

        return null;
    }

    private static bool TryDecode(string text, out byte[] bytes)
    {
        // Some senders pad base64url; RFC 7515 JWTs never are.
        text = text.TrimEnd('=');
        bytes = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        if (Base64Url.TryDecodeFromChars(text, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }
}
