// NIST P-256 (secp256r1) facts the wire format needs, independent of any backend.
//
//   curve:    y^2 = x^3 - 3x + b over GF(p)
//   point:    65 bytes, 0x04 || X(32) || Y(32), big-endian (SEC 1 Section 2.3.3, uncompressed)
//   scalar:   32 bytes, big-endian, 1 <= d <= n - 1
//
// P-256 has cofactor h = 1: every point on the curve other than the point at infinity
// generates the whole prime-order group. So for a peer's public key, "0x04, both coordinates
// below p, and on the curve" is the complete validation (SEC 1 Section 3.2.2.1 step 4, the
// order check, is implied when h = 1). The point at infinity has no 65-byte uncompressed
// encoding, so it cannot pass the 0x04 test. Backends validate again on use.
using System;
using System.Numerics;

namespace Pushwright.Cryptography;

internal static class P256
{
    // p = 2^256 - 2^224 + 2^192 + 2^96 - 1
    private static ReadOnlySpan<byte> PrimeBytes => new byte[]
    {
        0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    };

    private static ReadOnlySpan<byte> OrderBytes => new byte[]
    {
        0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
    };

    private static ReadOnlySpan<byte> BBytes => new byte[]
    {
        0x5a, 0xc6, 0x35, 0xd8, 0xaa, 0x3a, 0x93, 0xe7, 0xb3, 0xeb, 0xbd, 0x55, 0x76, 0x98, 0x86, 0xbc,
        0x65, 0x1d, 0x06, 0xb0, 0xcc, 0x53, 0xb0, 0xf6, 0x3b, 0xce, 0x3c, 0x3e, 0x27, 0xd2, 0x60, 0x4b,
    };

    private static readonly BigInteger s_p = FromBigEndian(PrimeBytes);
    private static readonly BigInteger s_b = FromBigEndian(BBytes);

    /// <summary>Why a public key was refused.</summary>
    internal enum PointCheck
    {
        Valid,
        WrongLength,
        NotUncompressed,
        NotOnCurve,
    }

    /// <summary>True when <paramref name="point"/> is a valid 65-byte uncompressed P-256 point.</summary>
    public static bool IsValidPublicKey(ReadOnlySpan<byte> point) => CheckPublicKey(point) == PointCheck.Valid;

    /// <summary>Checks length, the 0x04 prefix, coordinates below p, and the curve equation.</summary>
    public static PointCheck CheckPublicKey(ReadOnlySpan<byte> point)
    {
        if (point.Length != 65)
        {
            return PointCheck.WrongLength;
        }

        if (point[0] != 0x04)
        {
            return PointCheck.NotUncompressed;
        }

        var xBytes = point.Slice(1, 32);
        var yBytes = point.Slice(33, 32);
        if (!IsBelow(xBytes, PrimeBytes) || !IsBelow(yBytes, PrimeBytes))
        {
            return PointCheck.NotOnCurve;
        }

        var x = FromBigEndian(xBytes);
        var y = FromBigEndian(yBytes);
        var left = BigInteger.ModPow(y, 2, s_p);
        var right = (BigInteger.ModPow(x, 3, s_p) - (3 * x) + s_b) % s_p;
        if (right.Sign < 0)
        {
            right += s_p;
        }

        return left == right ? PointCheck.Valid : PointCheck.NotOnCurve;
    }

    /// <summary>True when the 32-byte big-endian <paramref name="scalar"/> is in [1, n - 1].</summary>
    public static bool IsValidPrivateKey(ReadOnlySpan<byte> scalar)
    {
        if (scalar.Length != 32 || !IsBelow(scalar, OrderBytes))
        {
            return false;
        }

        foreach (var b in scalar)
        {
            if (b != 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Big-endian unsigned comparison of two equal-length values: <paramref name="value"/> &lt; <paramref name="bound"/>.</summary>
    private static bool IsBelow(ReadOnlySpan<byte> value, ReadOnlySpan<byte> bound)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] != bound[i])
            {
                return value[i] < bound[i];
            }
        }

        return false;
    }

    private static BigInteger FromBigEndian(ReadOnlySpan<byte> bytes)
    {
#if NET8_0_OR_GREATER
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
#else
        var littleEndian = new byte[bytes.Length + 1];
        for (var i = 0; i < bytes.Length; i++)
        {
            littleEndian[i] = bytes[bytes.Length - 1 - i];
        }

        return new BigInteger(littleEndian);
#endif
    }
}
