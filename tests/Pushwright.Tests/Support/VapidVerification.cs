using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Pushwright.Testing.Internal;

namespace Pushwright.Tests.Support;

/// <summary>
/// Runs VAPID headers through the verifier of Pushwright.Testing, the repository's only one, and
/// names the check that failed (scheme, token, publicKey, keysDistinct, signature, alg, aud, exp,
/// sub), the names tests/node/interop.mjs uses. That verifier is itself checked against
/// Microsoft.IdentityModel and node's web-push (tests/Pushwright.Testing.Tests, Interop/).
/// </summary>
internal static class VapidVerification
{
    /// <summary>The failing check, or none. The key in the headers stands in for the subscription's applicationServerKey.</summary>
    public static IReadOnlyList<string> Failures(string authorization, string? cryptoKey, string audience, DateTimeOffset now)
    {
        var failure = VapidVerifier.Verify(authorization, cryptoKey, audience, KeyOf(authorization, cryptoKey), now, out _);
        return failure is null ? [] : [failure.Check ?? failure.Message];
    }

    /// <summary>Reads the claims of a token without verifying it.</summary>
    public static JsonElement ClaimsOf(string token) =>
        JsonDocument.Parse(Encoding.UTF8.GetString(Vectors.Decode(token.Split('.')[1]))).RootElement;

    private static byte[] KeyOf(string authorization, string? cryptoKey)
    {
        string? key = null;
        foreach (var part in (authorization.StartsWith("vapid ", StringComparison.Ordinal) ? authorization.Substring(6) : cryptoKey ?? string.Empty).Split(',', ';'))
        {
            var pair = part.Trim();
            if (pair.StartsWith("k=", StringComparison.Ordinal) || pair.StartsWith("p256ecdsa=", StringComparison.Ordinal))
            {
                key = pair.Substring(pair.IndexOf('=') + 1);
            }
        }

        return key is null ? [] : Vectors.Decode(key);
    }
}
