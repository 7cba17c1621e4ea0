// P-256 private keys in the two PEM forms OpenSSL writes (RFC 7468 text, DER inside):
//
//   "PRIVATE KEY"     PKCS#8 PrivateKeyInfo (RFC 5208)     openssl genpkey -algorithm EC ...
//     SEQUENCE { INTEGER 0, SEQUENCE { OID id-ecPublicKey, OID namedCurve }, OCTET STRING { ECPrivateKey } }
//   "EC PRIVATE KEY"  SEC 1 ECPrivateKey (RFC 5915)       openssl ecparam -name prime256v1 -genkey
//     SEQUENCE { INTEGER 1, OCTET STRING d, [0] { OID namedCurve } OPTIONAL, [1] { BIT STRING Q } OPTIONAL }
//
// openssl ecparam also writes an "EC PARAMETERS" block first; it is skipped. The reader is a
// small strict DER walker of our own, so both shipped assets parse (and refuse) exactly alike.
using System;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Pushwright.Cryptography;

internal static class EcPrivateKeyDer
{
    /// <summary>id-ecPublicKey, 1.2.840.10045.2.1.</summary>
    private static ReadOnlySpan<byte> EcPublicKeyOid => [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];

    /// <summary>prime256v1 / secp256r1 / P-256, 1.2.840.10045.3.1.7.</summary>
    private static ReadOnlySpan<byte> P256Oid => [0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];

    /// <summary>Why a PEM could not be imported.</summary>
    internal enum Failure
    {
        None,
        NoPem,
        Encrypted,
        PublicOnly,
        Malformed,
        NotEc,
        OtherCurve,
    }

    /// <summary>
    /// Reads the first private key block. On success <paramref name="privateKey"/> is the 32-byte
    /// scalar and <paramref name="publicKey"/> the 65-byte point if the key carries one.
    /// <paramref name="detail"/> names the curve or algorithm OID for the error message.
    /// </summary>
    public static Failure TryReadPem(string pem, [NotNullWhen(true)] out byte[]? privateKey, out byte[]? publicKey, out string? detail)
    {
        privateKey = null;
        publicKey = null;
        detail = null;
        var sawPublic = false;
        var position = 0;
        while (TryNextBlock(pem, ref position, out var label, out var base64))
        {
            switch (label)
            {
                case "EC PARAMETERS":
                    continue;
                case "PUBLIC KEY":
                    sawPublic = true;
                    continue;
                case "ENCRYPTED PRIVATE KEY":
                    return Failure.Encrypted;
                case "PRIVATE KEY":
                case "EC PRIVATE KEY":
                    byte[] der;
                    try
                    {
                        der = Convert.FromBase64String(base64);
                    }
                    catch (FormatException)
                    {
                        return Failure.Malformed;
                    }

                    try
                    {
                        return label == "PRIVATE KEY"
                            ? ReadPkcs8(der, out privateKey, out publicKey, out detail)
                            : ReadSec1(der, default, out privateKey, out publicKey, out detail);
                    }
                    finally
                    {
                        CryptoMemory.Zero(der);
                    }

                default:
                    continue;
            }
        }

        return sawPublic ? Failure.PublicOnly : Failure.NoPem;
    }

    /// <summary>Writes an unencrypted PKCS#8 "PRIVATE KEY" PEM with the public key inside, as OpenSSL does.</summary>
    public static string WritePkcs8Pem(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> publicKey)
    {
        // The DER is fixed-size for P-256: 138 bytes.
        var der = new byte[138];
        try
        {
            ReadOnlySpan<byte> prefix =
            [
                0x30, 0x81, 0x87, 0x02, 0x01, 0x00, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01,
                0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x04, 0x6d, 0x30, 0x6b, 0x02, 0x01, 0x01,
                0x04, 0x20,
            ];
            prefix.CopyTo(der);
            privateKey.CopyTo(der.AsSpan(prefix.Length));
            ReadOnlySpan<byte> publicPrefix = [0xa1, 0x44, 0x03, 0x42, 0x00];
            publicPrefix.CopyTo(der.AsSpan(prefix.Length + 32));
            publicKey.CopyTo(der.AsSpan(prefix.Length + 32 + publicPrefix.Length));

            var base64 = Convert.ToBase64String(der);
            var builder = new StringBuilder("-----BEGIN PRIVATE KEY-----\n");
            for (var i = 0; i < base64.Length; i += 64)
            {
                builder.Append(base64, i, Math.Min(64, base64.Length - i)).Append('\n');
            }

            return builder.Append("-----END PRIVATE KEY-----\n").ToString();
        }
        finally
        {
            CryptoMemory.Zero(der);
        }
    }

    private static Failure ReadPkcs8(byte[] der, out byte[]? privateKey, out byte[]? publicKey, out string? detail)
    {
        privateKey = null;
        publicKey = null;
        detail = null;
        var outer = new DerReader(der);
        if (!outer.TryRead(0x30, out var infoBytes) || !outer.IsEmpty)
        {
            return Failure.Malformed;
        }

        var info = new DerReader(infoBytes);
        if (!info.TryRead(0x02, out var version) || version.Length != 1 || version[0] != 0
            || !info.TryRead(0x30, out var algorithmBytes))
        {
            return Failure.Malformed;
        }

        var algorithm = new DerReader(algorithmBytes);
        if (!algorithm.TryRead(0x06, out var algorithmOid))
        {
            return Failure.Malformed;
        }

        if (!algorithmOid.SequenceEqual(EcPublicKeyOid))
        {
            detail = DescribeOid(algorithmOid);
            return Failure.NotEc;
        }

        if (!algorithm.TryRead(0x06, out var curveOid))
        {
            detail = "explicit curve parameters";
            return Failure.OtherCurve;
        }

        if (!curveOid.SequenceEqual(P256Oid))
        {
            detail = DescribeOid(curveOid);
            return Failure.OtherCurve;
        }

        if (!info.TryRead(0x04, out var inner))
        {
            return Failure.Malformed;
        }

        var sec1 = inner.ToArray();
        try
        {
            return ReadSec1(sec1, curveOid, out privateKey, out publicKey, out detail);
        }
        finally
        {
            CryptoMemory.Zero(sec1);
        }
    }

    private static Failure ReadSec1(byte[] der, ReadOnlySpan<byte> knownCurve, out byte[]? privateKey, out byte[]? publicKey, out string? detail)
    {
        privateKey = null;
        publicKey = null;
        detail = null;
        var outer = new DerReader(der);
        if (!outer.TryRead(0x30, out var keyBytes) || !outer.IsEmpty)
        {
            return Failure.Malformed;
        }

        var key = new DerReader(keyBytes);
        if (!key.TryRead(0x02, out var version) || version.Length != 1 || version[0] != 1
            || !key.TryRead(0x04, out var scalar))
        {
            return Failure.Malformed;
        }

        var hasCurve = !knownCurve.IsEmpty;
        if (key.TryRead(0xa0, out var parametersBytes))
        {
            if (!new DerReader(parametersBytes).TryRead(0x06, out var curveOid))
            {
                detail = "explicit curve parameters";
                return Failure.OtherCurve;
            }

            if (!curveOid.SequenceEqual(P256Oid))
            {
                detail = DescribeOid(curveOid);
                return Failure.OtherCurve;
            }

            hasCurve = true;
        }

        if (!hasCurve)
        {
            // Without a curve we cannot know the key is P-256.
            detail = "no curve named";
            return Failure.OtherCurve;
        }

        // Checked after the curve, so a P-384 key is reported as P-384 rather than as malformed.
        if (scalar.Length is 0 or > 32)
        {
            return Failure.Malformed;
        }

        byte[]? point = null;
        if (key.TryRead(0xa1, out var publicWrapper))
        {
            if (!new DerReader(publicWrapper).TryRead(0x03, out var bits) || bits.Length != 66 || bits[0] != 0)
            {
                return Failure.Malformed;
            }

            point = bits.Slice(1).ToArray();
        }

        // Encoders that drop leading zero bytes of d are left-padded back to 32 bytes.
        privateKey = new byte[32];
        scalar.CopyTo(privateKey.AsSpan(32 - scalar.Length));
        publicKey = point;
        return Failure.None;
    }

    private static bool TryNextBlock(string pem, ref int position, out string label, out string base64)
    {
        label = string.Empty;
        base64 = string.Empty;
        const string Begin = "-----BEGIN ";
        var start = pem.IndexOf(Begin, position, StringComparison.Ordinal);
        if (start < 0)
        {
            return false;
        }

        var labelEnd = pem.IndexOf("-----", start + Begin.Length, StringComparison.Ordinal);
        if (labelEnd < 0)
        {
            return false;
        }

        label = pem.Substring(start + Begin.Length, labelEnd - start - Begin.Length);
        var end = "-----END " + label + "-----";
        var bodyStart = labelEnd + 5;
        var bodyEnd = pem.IndexOf(end, bodyStart, StringComparison.Ordinal);
        if (bodyEnd < 0)
        {
            position = pem.Length;
            label = "malformed";
            return true;
        }

        var body = new StringBuilder(bodyEnd - bodyStart);
        foreach (var c in pem.AsSpan(bodyStart, bodyEnd - bodyStart))
        {
            if (!char.IsWhiteSpace(c))
            {
                body.Append(c);
            }
        }

        base64 = body.ToString();
        position = bodyEnd + end.Length;
        return true;
    }

    private static string DescribeOid(ReadOnlySpan<byte> oid)
    {
        var dotted = OidToString(oid);
        var name = dotted switch
        {
            "1.3.132.0.34" => "secp384r1 (P-384)",
            "1.3.132.0.35" => "secp521r1 (P-521)",
            "1.3.132.0.10" => "secp256k1",
            "1.2.840.10045.3.1.1" => "prime192v1 (P-192)",
            "1.3.132.0.33" => "secp224r1 (P-224)",
            "1.3.36.3.3.2.8.1.1.7" => "brainpoolP256r1",
            "1.2.840.113549.1.1.1" => "RSA",
            "1.3.101.112" => "Ed25519",
            "1.3.101.110" => "X25519",
            _ => null,
        };
        return name is null ? "OID " + dotted : name + ", OID " + dotted;
    }

    private static string OidToString(ReadOnlySpan<byte> oid)
    {
        if (oid.IsEmpty)
        {
            return "(empty)";
        }

        var builder = new StringBuilder();
        builder.Append(oid[0] / 40).Append('.').Append(oid[0] % 40);
        long value = 0;
        for (var i = 1; i < oid.Length; i++)
        {
            value = (value << 7) | (uint)(oid[i] & 0x7f);
            if ((oid[i] & 0x80) == 0)
            {
                builder.Append('.').Append(value);
                value = 0;
            }
        }

        return builder.ToString();
    }

    /// <summary>A strict reader of definite-length DER: tag, length, contents.</summary>
    private ref struct DerReader
    {
        private ReadOnlySpan<byte> _data;

        public DerReader(ReadOnlySpan<byte> data) => _data = data;

        public readonly bool IsEmpty => _data.IsEmpty;

        /// <summary>Reads the next element if it has <paramref name="tag"/>; false, consuming nothing, otherwise.</summary>
        public bool TryRead(byte tag, out ReadOnlySpan<byte> contents)
        {
            contents = default;
            if (_data.Length < 2 || _data[0] != tag)
            {
                return false;
            }

            int length = _data[1];
            var headerLength = 2;
            if (length >= 0x80)
            {
                var count = length & 0x7f;
                if (count is 0 or > 3 || _data.Length < 2 + count)
                {
                    return false;
                }

                length = 0;
                for (var i = 0; i < count; i++)
                {
                    length = (length << 8) | _data[2 + i];
                }

                headerLength += count;
            }

            if (_data.Length - headerLength < length)
            {
                return false;
            }

            contents = _data.Slice(headerLength, length);
            _data = _data.Slice(headerLength + length);
            return true;
        }
    }
}
