using System;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Pushwright.IntegrationTests.Browser;

/// <summary>
/// The push endpoint's VAPID check, as Mozilla's autoendpoint does it (RFC 8292, and the draft
/// <c>WebPush</c>/<c>Bearer</c> scheme with <c>Crypto-Key: p256ecdsa</c>): the key must be the
/// subscription's <c>applicationServerKey</c> (else 403), and the ES256 token must verify with
/// <c>aud</c> = the endpoint's origin, <c>exp</c> in the next 24 hours and a <c>mailto:</c> or
/// <c>https:</c> <c>sub</c> (else 401).
/// </summary>
internal static class EndpointVapidCheck
{
    private static readonly TimeSpan s_maxLifetime = TimeSpan.FromHours(24);

    /// <summary>Checks the request's VAPID headers.</summary>
    /// <returns><see langword="null"/> and the scheme when valid; otherwise the status and why.</returns>
    public static (int Status, string Error)? Check(HttpRequest request, byte[]? applicationServerKey, string origin, out string? scheme)
    {
        scheme = null;
        string authorization = request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            return applicationServerKey is null ? null : (401, "Missing Authorization (VAPID) header for a restricted subscription");
        }

        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            return (401, "Malformed Authorization header");
        }

        scheme = authorization[..space].ToLowerInvariant();
        var data = authorization[(space + 1)..].Replace(" ", string.Empty, StringComparison.Ordinal);
        string? token;
        string? key;
        switch (scheme)
        {
            case "vapid":
                token = Parameter(data, "t", ',');
                key = Parameter(data, "k", ',');
                break;
            case "webpush" or "bearer":
                token = data;
                key = Parameter(request.Headers["Crypto-Key"].ToString(), "p256ecdsa", ',', ';');
                break;
            default:
                return (401, $"Unknown Authorization scheme '{scheme}'");
        }

        if (string.IsNullOrEmpty(token) || string.IsNullOrEmpty(key))
        {
            return (401, $"The {scheme} scheme needs a token and a key");
        }

        byte[] keyBytes;
        try
        {
            keyBytes = Base64Url.DecodeFromChars(key.TrimEnd('='));
        }
        catch (FormatException)
        {
            return (401, "The VAPID key is not base64url");
        }

        if (keyBytes.Length != 65 || keyBytes[0] != 0x04)
        {
            return (401, $"The VAPID key must be a 65-byte uncompressed P-256 point; got {keyBytes.Length} bytes");
        }

        if (applicationServerKey is not null && !CryptographicOperations.FixedTimeEquals(keyBytes, applicationServerKey))
        {
            return (403, "The VAPID public key is not the applicationServerKey of this subscription");
        }

        return CheckToken(token, keyBytes, origin);
    }

    private static (int Status, string Error)? CheckToken(string token, byte[] key, string origin)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return (401, "The VAPID token is not a JWS compact serialization");
        }

        byte[] signature;
        JsonElement header;
        JsonElement claims;
        try
        {
            // Clone: the elements outlive their documents.
            using (var document = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])))
            {
                header = document.RootElement.Clone();
            }

            using (var document = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])))
            {
                claims = document.RootElement.Clone();
            }

            signature = Base64Url.DecodeFromChars(parts[2]);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return (401, "The VAPID token's parts are not base64url JSON");
        }

        if (!header.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != "ES256")
        {
            return (401, "The VAPID token's alg must be ES256");
        }

        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = key[1..33], Y = key[33..] },
        });
        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        if (signature.Length != 64 || !ecdsa.VerifyData(signed, signature, HashAlgorithmName.SHA256))
        {
            return (401, "The VAPID signature does not verify with the given key");
        }

        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        if (!claims.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number || !exp.TryGetInt64(out var expires))
        {
            return (401, "The VAPID exp claim must be a number");
        }

        if (expires <= now || expires > now + (long)s_maxLifetime.TotalSeconds)
        {
            return (401, $"The VAPID exp must be in the next 24 hours; it is {expires - now} s from now");
        }

        var audience = claims.TryGetProperty("aud", out var aud) && aud.ValueKind == JsonValueKind.String ? aud.GetString() : null;
        if (!string.Equals(audience?.TrimEnd('/'), origin, StringComparison.Ordinal))
        {
            return (401, $"The VAPID aud '{audience}' is not the push service origin {origin}");
        }

        var subject = claims.TryGetProperty("sub", out var sub) && sub.ValueKind == JsonValueKind.String ? sub.GetString() : null;
        if (subject is null || !(subject.StartsWith("mailto:", StringComparison.Ordinal) || subject.StartsWith("https:", StringComparison.Ordinal)))
        {
            return (401, $"The VAPID sub must be a mailto: or https: URI; got '{subject}'");
        }

        return null;
    }

    // "t=abc,k=def" or "dh=abc;p256ecdsa=def": the value of one parameter, quotes removed.
    private static string? Parameter(string header, string name, params char[] separators)
    {
        foreach (var part in header.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && part[..equals].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return part[(equals + 1)..].Trim().Trim('"');
            }
        }

        return null;
    }
}
