// Verifies a request's VAPID authorization (RFC 8292) independently of the library under test:
// parsing by hand, the signature and claims by Microsoft.IdentityModel's JsonWebTokenHandler.
using System;
using System.Buffers.Text;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Pushwright.IntegrationTests.PushService;

internal static class VapidVerifier
{
    private static readonly JsonWebTokenHandler s_handler = new();

    /// <summary>Checks the Authorization (and for the legacy form Crypto-Key) header against the key the subscription was created with.</summary>
    /// <returns>The claims, or the refusal (401 for a bad token, 403 for a key other than the subscription's).</returns>
    public static async Task<VapidCheck> VerifyAsync(string? authorization, string? cryptoKey, string origin, byte[] applicationServerKey, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return VapidCheck.Refused(401, "Missing Authorization header");
        }

        string scheme;
        string? token = null;
        string? key = null;
        var space = authorization.IndexOf(' ', StringComparison.Ordinal);
        var schemeName = space < 0 ? authorization : authorization[..space];
        var rest = space < 0 ? string.Empty : authorization[(space + 1)..];
        if (schemeName.Equals("vapid", StringComparison.OrdinalIgnoreCase))
        {
            scheme = "vapid";
            foreach (var part in rest.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (part.StartsWith("t=", StringComparison.Ordinal))
                {
                    token = part[2..];
                }
                else if (part.StartsWith("k=", StringComparison.Ordinal))
                {
                    key = part[2..];
                }
            }
        }
        else if (schemeName.Equals("WebPush", StringComparison.OrdinalIgnoreCase))
        {
            scheme = "WebPush";
            token = rest.Trim();
            key = CryptoKeyParameter(cryptoKey, "p256ecdsa");
        }
        else
        {
            return VapidCheck.Refused(401, $"Unknown authorization scheme '{schemeName}'");
        }

        if (string.IsNullOrEmpty(token))
        {
            return VapidCheck.Refused(401, "Missing VAPID token");
        }

        if (string.IsNullOrEmpty(key))
        {
            return VapidCheck.Refused(401, scheme == "vapid" ? "Missing k= in the Authorization header" : "Missing p256ecdsa= in the Crypto-Key header");
        }

        byte[] keyBytes;
        try
        {
            keyBytes = Base64Url.DecodeFromChars(key);
        }
        catch (FormatException)
        {
            return VapidCheck.Refused(401, "The VAPID public key is not base64url");
        }

        if (keyBytes.Length != 65 || keyBytes[0] != 0x04)
        {
            return VapidCheck.Refused(401, $"The VAPID public key must be a 65-byte uncompressed P-256 point; got {keyBytes.Length} bytes");
        }

        if (!keyBytes.AsSpan().SequenceEqual(applicationServerKey))
        {
            return VapidCheck.Refused(403, "VAPID public key mismatch: not the applicationServerKey of the subscription");
        }

        ECDsa ecdsa;
        try
        {
            ecdsa = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = keyBytes[1..33], Y = keyBytes[33..65] },
            });
        }
        catch (CryptographicException)
        {
            return VapidCheck.Refused(401, "The VAPID public key is not a point on P-256");
        }

        using (ecdsa)
        {
            // IdentityModel caches signature providers by key thumbprint; a cached provider may hold
            // an ECDsa already disposed here, so every verification gets fresh ones.
            var securityKey = new ECDsaSecurityKey(ecdsa) { CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false } };
            var parameters = new TokenValidationParameters
            {
                IssuerSigningKey = securityKey,
                ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
                ValidateIssuer = false,
                ValidateAudience = true,
                ValidAudience = origin,
                // exp is checked below against the service's clock, which tests may move.
                ValidateLifetime = false,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
            };
            var result = await s_handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
            if (!result.IsValid)
            {
                return VapidCheck.Refused(401, "Invalid VAPID token: " + (result.Exception?.GetType().Name ?? "unknown") + ": " + FirstLine(result.Exception?.Message));
            }

            var jwt = (JsonWebToken)result.SecurityToken;
            if (jwt.Alg != SecurityAlgorithms.EcdsaSha256)
            {
                return VapidCheck.Refused(401, $"VAPID alg must be ES256; got {jwt.Alg}");
            }

            if (!jwt.TryGetPayloadValue<long>("exp", out var exp))
            {
                return VapidCheck.Refused(401, "VAPID exp is missing or not a number");
            }

            var expiresAt = DateTimeOffset.FromUnixTimeSeconds(exp);
            if (expiresAt <= now)
            {
                return VapidCheck.Refused(401, $"VAPID token expired at {expiresAt:O} (now {now:O})");
            }

            if (expiresAt > now + TimeSpan.FromHours(24))
            {
                return VapidCheck.Refused(401, $"VAPID exp {expiresAt:O} is more than 24 hours ahead of {now:O}");
            }

            if (!jwt.TryGetPayloadValue<string>("sub", out var subject)
                || !(subject.StartsWith("mailto:", StringComparison.Ordinal) || subject.StartsWith("https:", StringComparison.Ordinal)))
            {
                return VapidCheck.Refused(401, "VAPID sub must be a mailto: or https: URL");
            }

            return VapidCheck.Valid(new VapidClaims(scheme, token, key, jwt.Alg, jwt.Audiences.FirstOrDefault() ?? string.Empty, expiresAt, subject));
        }
    }

    /// <summary>Finds a parameter in a Crypto-Key header: <c>dh=...;p256ecdsa=...</c> (entries may also be separated by commas).</summary>
    public static string? CryptoKeyParameter(string? header, string name)
    {
        if (header is null)
        {
            return null;
        }

        foreach (var part in header.Split([';', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith(name + "=", StringComparison.OrdinalIgnoreCase))
            {
                return part[(name.Length + 1)..].Trim('"');
            }
        }

        return null;
    }

    private static string FirstLine(string? text) => text is null ? string.Empty : text.Split('\n')[0].Trim();
}
