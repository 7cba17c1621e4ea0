// The checks every key that enters the library passes, each describing what is wrong instead of
// throwing, so that Try forms and validators share them with the throwing constructors.
using System;
using Pushwright.Cryptography;

namespace Pushwright.Internal;

internal static class KeyChecks
{
    /// <summary>Checks that <paramref name="key"/> is a 65-byte uncompressed point on P-256.</summary>
    public static bool TryCheckPublicKey(ReadOnlySpan<byte> key, string paramName, string what, out ArgumentProblem problem)
    {
        problem = P256.CheckPublicKey(key) switch
        {
            P256.PointCheck.WrongLength => Error.PublicKeyLength(paramName, what, key.Length),
            P256.PointCheck.NotUncompressed => Error.PublicKeyNotUncompressed(paramName, what, key[0]),
            P256.PointCheck.NotOnCurve => Error.PublicKeyNotOnCurve(paramName, what),
            _ => default,
        };
        return problem.Message is null;
    }

    /// <summary>Checks that <paramref name="key"/> is a 32-byte P-256 scalar in [1, n - 1].</summary>
    public static bool TryCheckPrivateKey(ReadOnlySpan<byte> key, string paramName, out ArgumentProblem problem)
    {
        problem = key.Length != WebPushConstants.PrivateKeySize ? Error.PrivateKeyLength(paramName, key.Length)
            : !P256.IsValidPrivateKey(key) ? Error.PrivateKeyOutOfRange(paramName)
            : default;
        return problem.Message is null;
    }

    /// <summary>Checks that <paramref name="secret"/> is a 16-byte auth secret (RFC 8291 Section 3.2).</summary>
    public static bool TryCheckAuthSecret(ReadOnlySpan<byte> secret, string paramName, out ArgumentProblem problem)
    {
        problem = secret.Length != WebPushConstants.AuthSecretSize ? Error.AuthSecretLength(paramName, secret.Length) : default;
        return problem.Message is null;
    }

    /// <summary>
    /// Computes the public key of a checked <paramref name="privateKey"/> and, when
    /// <paramref name="publicKey"/> is given, checks that it is a valid point and that very key.
    /// </summary>
    public static bool TryDerivePublicKey(ReadOnlySpan<byte> privateKey, byte[]? publicKey, string publicKeyName, string what, byte[] derived, out ArgumentProblem problem)
    {
        CryptoBackend.Default.DeriveP256PublicKey(privateKey, derived);
        if (publicKey is null)
        {
            problem = default;
            return true;
        }

        if (!TryCheckPublicKey(publicKey, publicKeyName, what, out problem))
        {
            return false;
        }

        problem = publicKey.AsSpan().SequenceEqual(derived) ? default : Error.KeyPairMismatch(publicKeyName);
        return problem.Message is null;
    }
}
