using System;
using System.Diagnostics.CodeAnalysis;
using System.Linq;
using System.Numerics;
using System.Security.Cryptography;

namespace Pushwright.Tests.Fuzz;

/// <summary>
/// Independent answers to "is this input valid?", so the fuzz tests check that the library accepts
/// exactly what it should, not only that it throws the right type. Points and public keys come from
/// the BCL (OpenSSL on the test machines), never from the library under test.
/// </summary>
internal static class Reference
{
    /// <summary>The P-256 group order n (FIPS 186-4 D.1.2.3).</summary>
    private static readonly BigInteger s_order = BigInteger.Parse("115792089210356248762697446949407573529996955224135760342422259061068512044369", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Decodes what the library documents as accepted: base64url or base64 (each character read
    /// alone, so the alphabets may mix), '=' padding only when it makes the length a multiple of
    /// four, and zero unused bits (RFC 4648 Section 3.5). Nothing else: no whitespace, no other characters.
    /// </summary>
    public static bool TryBase64(string text, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        var data = text.TrimEnd('=');
        var padding = text.Length - data.Length;
        if (data.Length == 0 || padding > 2 || (padding > 0 && text.Length % 4 != 0) || data.Length % 4 == 1)
        {
            return false;
        }

        if (!data.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '+' or '/'))
        {
            return false;
        }

        var standard = data.Replace('-', '+').Replace('_', '/');
        var decoded = Convert.FromBase64String(standard.PadRight(standard.Length + ((4 - (standard.Length % 4)) % 4), '='));
        if (Convert.ToBase64String(decoded).TrimEnd('=') != standard)
        {
            return false; // non-zero unused bits: another text encodes these bytes
        }

        bytes = decoded;
        return true;
    }

    /// <summary>True when <paramref name="point"/> is a 65-byte uncompressed P-256 point the BCL imports as a public key.</summary>
    public static bool IsP256Point(ReadOnlySpan<byte> point)
    {
        if (point.Length != 65 || point[0] != 0x04)
        {
            return false;
        }

        try
        {
            using var key = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = point.Slice(1, 32).ToArray(), Y = point.Slice(33, 32).ToArray() },
            });
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>A valid private scalar drawn from <paramref name="random"/>, so a pinned seed repeats the keys too.</summary>
    public static byte[] Scalar(Random random)
    {
        var scalar = new byte[32];
        do
        {
            random.NextBytes(scalar);
        }
        while (!IsP256Scalar(scalar));

        return scalar;
    }

    /// <summary>True when <paramref name="scalar"/> is 32 bytes, big-endian, in [1, n - 1].</summary>
    public static bool IsP256Scalar(ReadOnlySpan<byte> scalar)
    {
        if (scalar.Length != 32)
        {
            return false;
        }

        var d = new BigInteger(scalar, isUnsigned: true, isBigEndian: true);
        return d >= BigInteger.One && d < s_order;
    }

    /// <summary>The 65-byte public key of a valid scalar, computed by the BCL.</summary>
    public static byte[] PublicKeyOf(byte[] scalar)
    {
        using var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = scalar });
        var q = key.ExportParameters(includePrivateParameters: false).Q;
        return [0x04, .. q.X!, .. q.Y!];
    }

    /// <summary>True when <paramref name="text"/> holds any <paramref name="window"/>-character piece of <paramref name="secret"/>.</summary>
    public static bool QuotesAnyPiece(string text, string secret, int window = 10)
    {
        for (var i = 0; i + window <= secret.Length; i++)
        {
            if (text.AsSpan().IndexOf(secret.AsSpan(i, window), StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
