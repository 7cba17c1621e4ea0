using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Pushwright.Tests.Support;

/// <summary>
/// Checks VAPID request headers the way a push service does, with the ES256 signature and the
/// audience verified by Microsoft.IdentityModel (an implementation independent of ours). The
/// check names are those of the shared verify-vapid tool: scheme, token, alg, publicKey,
/// signature, aud, exp, sub, keysDistinct.
/// </summary>
internal static class VapidVerifier
{
    public sealed record Result(IReadOnlyList<string> Failed, string? Token, JsonElement? Claims)
    {
        public bool IsValid => Failed.Count == 0;
    }

    public static string? LastSignatureError { get; private set; }

    public static Result Verify(string authorization, string? cryptoKey, string audience, DateTimeOffset now)
    {
        var failed = new List<string>();
        string? token = null;
        string? key = null;
        if (authorization.StartsWith("vapid ", StringComparison.Ordinal))
        {
            foreach (var part in authorization.Substring(6).Split(','))
            {
                var p = part.Trim();
                if (p.StartsWith("t=", StringComparison.Ordinal))
                {
                    token = p.Substring(2);
                }
                else if (p.StartsWith("k=", StringComparison.Ordinal))
                {
                    key = p.Substring(2);
                }
            }
        }
        else if (authorization.StartsWith("WebPush ", StringComparison.Ordinal))
        {
            token = authorization.Substring(8).Trim();
            key = Param(cryptoKey, "p256ecdsa");
            var dh = Param(cryptoKey, "dh");
            if (dh is not null && dh == key)
            {
                failed.Add("keysDistinct");
            }
        }
        else
        {
            failed.Add("scheme");
            return new Result(failed, null, null);
        }

        var parts = token?.Split('.') ?? [];
        if (parts.Length != 3)
        {
            failed.Add("token");
            return new Result(failed, token, null);
        }

        JsonElement header;
        JsonElement claims;
        try
        {
            header = JsonDocument.Parse(Vectors.Decode(parts[0])).RootElement;
            claims = JsonDocument.Parse(Vectors.Decode(parts[1])).RootElement;
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            failed.Add("token");
            return new Result(failed, token, null);
        }

        if (!header.TryGetProperty("alg", out var alg) || alg.GetString() != "ES256")
        {
            failed.Add("alg");
        }

        ECDsa? publicKey = null;
        try
        {
            var point = key is null ? null : Vectors.Decode(key);
            if (point is { Length: 65 } && point[0] == 4)
            {
                publicKey = ECDsa.Create(new ECParameters
                {
                    Curve = ECCurve.NamedCurves.nistP256,
                    Q = new ECPoint { X = point[1..33], Y = point[33..65] },
                });
            }
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException)
        {
            publicKey = null;
        }

        if (publicKey is null)
        {
            failed.Add("publicKey");
            failed.Add("signature");
        }
        else
        {
            using (publicKey)
            {
                var validation = new JsonWebTokenHandler().ValidateTokenAsync(token!, new TokenValidationParameters
                {
                    // No provider cache: IdentityModel caches by key thumbprint, and a cached
                    // provider would hold an ECDsa this method has already disposed.
                    IssuerSigningKey = new ECDsaSecurityKey(publicKey) { CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false } },
                    ValidAlgorithms = ["ES256"],
                    ValidateIssuer = false,
                    ValidateAudience = false,
                    ValidateLifetime = false,
                    RequireExpirationTime = false,
                    RequireSignedTokens = true,
                }).GetAwaiter().GetResult();
                if (!validation.IsValid)
                {
                    LastSignatureError = validation.Exception?.Message;
                    failed.Add("signature");
                }
            }
        }

        if (!claims.TryGetProperty("aud", out var aud) || aud.ValueKind != JsonValueKind.String || aud.GetString() != audience)
        {
            failed.Add("aud");
        }

        var nowSeconds = now.ToUnixTimeSeconds();
        if (!claims.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number
            || !exp.TryGetInt64(out var expSeconds) || expSeconds <= nowSeconds || expSeconds > nowSeconds + (24 * 3600))
        {
            failed.Add("exp");
        }

        if (!claims.TryGetProperty("sub", out var sub) || sub.ValueKind != JsonValueKind.String
            || !(sub.GetString()!.StartsWith("mailto:", StringComparison.Ordinal) || sub.GetString()!.StartsWith("https:", StringComparison.Ordinal)))
        {
            failed.Add("sub");
        }

        return new Result(failed, token, claims);
    }

    /// <summary>Reads one claim of a token without verifying it.</summary>
    public static JsonElement ClaimsOf(string token) =>
        JsonDocument.Parse(Encoding.UTF8.GetString(Vectors.Decode(token.Split('.')[1]))).RootElement;

    private static string? Param(string? headerValue, string name)
    {
        if (headerValue is null)
        {
            return null;
        }

        foreach (var part in headerValue.Split(';', ','))
        {
            var kv = part.Split('=', 2);
            if (kv.Length == 2 && kv[0].Trim() == name)
            {
                return kv[1].Trim().Trim('"');
            }
        }

        return null;
    }
}
