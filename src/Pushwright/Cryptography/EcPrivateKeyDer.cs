// P-256 private keys in the two PEM forms OpenSSL writes (RFC 7468 text, DER inside):
//
//   "PRIVATE KEY"     PKCS#8 PrivateKeyInfo (RFC 5208)     openssl genpkey -algorithm EC ...
//     SEQUENCE { INTEGER 0, SEQUENCE { OID id-ecPublicKey, OID namedCurve }, OCTET STRING { ECPrivateKey },
//                [0] attributes OPTIONAL }
//   "EC PRIVATE KEY"  SEC 1 ECPrivateKey (RFC 5915)       openssl ecparam -name prime256v1 -genkey
//     SEQUENCE { INTEGER 1, OCTET STRING d, [0] { OID namedCurve } OPTIONAL, [1] { BIT STRING Q } OPTIONAL }
//
// openssl ecparam also writes an "EC PARAMETERS" block (ECParameters, RFC 5480) first; its curve
// must be P-256 too, and it names the curve of an EC PRIVATE KEY that leaves out [0].
//
// The DER is read and written with System.Formats.Asn1 on both assets, so both parse (and refuse)
// exactly alike. The PEM framing is a few lines of our own: net8.0's PemEncoding has no
// netstandard2.0 twin, and this framer also skips the "EC PARAMETERS" block and reports what it
// found instead of a private key.
using System;
using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Formats.Asn1;
using System.Text;

namespace Pushwright.Cryptography;

internal static class EcPrivateKeyDer
{
    /// <summary>id-ecPublicKey.</summary>
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";

    /// <summary>prime256v1 / secp256r1 / P-256.</summary>
    private const string P256Oid = "1.2.840.10045.3.1.7";

    private static readonly Asn1Tag s_context0 = new(TagClass.ContextSpecific, 0);
    private static readonly Asn1Tag s_context1 = new(TagClass.ContextSpecific, 1);

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
    /// <paramref name="detail"/> names the curve or algorithm for the error message. Never throws
    /// for bad input.
    /// </summary>
    public static Failure TryReadPem(string pem, [NotNullWhen(true)] out byte[]? privateKey, out byte[]? publicKey, out string? detail)
    {
        var key = default(Key);
        var failure = ReadPem(pem, ref key);
        privateKey = failure == Failure.None ? key.PrivateKey : null;
        publicKey = failure == Failure.None ? key.PublicKey : null;
        detail = key.Detail;
        return failure;
    }

    /// <summary>Writes an unencrypted PKCS#8 "PRIVATE KEY" PEM with the public key inside, as OpenSSL does.</summary>
    public static string WritePkcs8Pem(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> publicKey)
    {
        // OpenSSL's layout: the curve named once, in the algorithm; the public key in [1] of the inner key.
        var writer = new AsnWriter(AsnEncodingRules.DER);
        byte[]? der = null;
        try
        {
            using (writer.PushSequence())
            {
                writer.WriteInteger(0);
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier(EcPublicKeyOid);
                    writer.WriteObjectIdentifier(P256Oid);
                }

                using (writer.PushOctetString())
                using (writer.PushSequence())
                {
                    writer.WriteInteger(1);
                    writer.WriteOctetString(privateKey);
                    using (writer.PushSequence(s_context1))
                    {
                        writer.WriteBitString(publicKey);
                    }
                }
            }

            der = new byte[writer.GetEncodedLength()];
            writer.Encode(der);
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
            // Reset clears the writer's buffer, which holds the scalar.
            writer.Reset();
            if (der is not null)
            {
                CryptoMemory.Zero(der);
            }
        }
    }

    private static Failure ReadPem(string pem, ref Key key)
    {
        var sawPublic = false;
        var position = 0;
        while (TryNextBlock(pem, ref position, out var label, out var bodyStart, out var bodyEnd))
        {
            var kind = label switch
            {
                "PRIVATE KEY" => Block.Pkcs8,
                "EC PRIVATE KEY" => Block.Sec1,
                "EC PARAMETERS" => Block.EcParameters,
                "ENCRYPTED PRIVATE KEY" => Block.Encrypted,
                "PUBLIC KEY" => Block.Public,
                _ => Block.Other,
            };
            switch (kind)
            {
                case Block.Encrypted:
                    return Failure.Encrypted;
                case Block.Public:
                    sawPublic = true;
                    continue;
                case Block.Other:
                    continue;
            }

            if (bodyEnd < 0)
            {
                return Failure.Malformed;
            }

            var buffer = new byte[bodyEnd - bodyStart];
            try
            {
                if (!TryDecodeBase64(pem, bodyStart, bodyEnd, buffer, out var length))
                {
                    return Failure.Malformed;
                }

                var failure = ReadDer(kind, buffer.AsMemory(0, length), ref key);
                if (failure != Failure.None || kind != Block.EcParameters)
                {
                    return failure;
                }
            }
            finally
            {
                CryptoMemory.Zero(buffer);
            }
        }

        return sawPublic ? Failure.PublicOnly : Failure.NoPem;
    }

    /// <summary>
    /// Reads one DER block. This is the only place an exception is caught: System.Formats.Asn1
    /// signals malformed DER (a wrong tag, a bad or indefinite length, a truncation, an integer
    /// that is not minimal) only by throwing <see cref="AsnContentException"/>; its Try* readers
    /// return false for a value that does not fit, not for malformed input. The readers below check
    /// everything else (versions, curves, sizes) as values.
    /// </summary>
    private static Failure ReadDer(Block kind, ReadOnlyMemory<byte> der, ref Key key)
    {
        try
        {
            return kind switch
            {
                Block.Pkcs8 => ReadPkcs8(der, ref key),
                Block.Sec1 => ReadSec1(der, key.CurveNamed, ref key),
                _ => ReadEcParameters(der, ref key),
            };
        }
        catch (AsnContentException)
        {
            return Failure.Malformed;
        }
    }

    private static Failure ReadEcParameters(ReadOnlyMemory<byte> der, ref Key key)
    {
        var reader = new AsnReader(der, AsnEncodingRules.DER);
        var failure = ReadCurve(reader, ref key);
        reader.ThrowIfNotEmpty();
        if (failure == Failure.None)
        {
            key.CurveNamed = true;
        }

        return failure;
    }

    private static Failure ReadPkcs8(ReadOnlyMemory<byte> der, ref Key key)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        var info = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        if (!info.TryReadInt32(out var version) || version != 0)
        {
            return Failure.Malformed;
        }

        var algorithm = info.ReadSequence();
        var algorithmOid = algorithm.ReadObjectIdentifier();
        if (algorithmOid != EcPublicKeyOid)
        {
            key.Detail = Describe(algorithmOid);
            return Failure.NotEc;
        }

        var failure = ReadCurve(algorithm, ref key);
        if (failure != Failure.None)
        {
            return failure;
        }

        algorithm.ThrowIfNotEmpty();
        if (!info.TryReadPrimitiveOctetString(out var inner))
        {
            return Failure.Malformed;
        }

        if (info.HasData && info.PeekTag().HasSameClassAndValue(s_context0))
        {
            _ = info.ReadEncodedValue();
        }

        info.ThrowIfNotEmpty();
        return ReadSec1(inner, curveNamed: true, ref key);
    }

    private static Failure ReadSec1(ReadOnlyMemory<byte> der, bool curveNamed, ref Key key)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        var sequence = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        if (!sequence.TryReadInt32(out var version) || version != 1 || !sequence.TryReadPrimitiveOctetString(out var scalar))
        {
            return Failure.Malformed;
        }

        if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(s_context0))
        {
            var parameters = sequence.ReadSequence(s_context0);
            var failure = ReadCurve(parameters, ref key);
            if (failure != Failure.None)
            {
                return failure;
            }

            parameters.ThrowIfNotEmpty();
            curveNamed = true;
        }

        if (!curveNamed)
        {
            // Without a curve we cannot know the key is P-256.
            key.Detail = "no curve named";
            return Failure.OtherCurve;
        }

        // Checked after the curve, so a P-384 key is reported as P-384 rather than as malformed.
        if (scalar.Length is 0 or > 32)
        {
            return Failure.Malformed;
        }

        byte[]? point = null;
        if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(s_context1))
        {
            var wrapper = sequence.ReadSequence(s_context1);
            if (!wrapper.TryReadPrimitiveBitString(out var unusedBits, out var bits) || unusedBits != 0 || bits.Length != 65)
            {
                return Failure.Malformed;
            }

            wrapper.ThrowIfNotEmpty();
            point = bits.ToArray();
        }

        sequence.ThrowIfNotEmpty();

        // Encoders that drop leading zero bytes of d are left-padded back to 32 bytes.
        key.PrivateKey = new byte[32];
        scalar.Span.CopyTo(key.PrivateKey.AsSpan(32 - scalar.Length));
        key.PublicKey = point;
        return Failure.None;
    }

    /// <summary>ECParameters (RFC 5480): only a namedCurve of P-256 is accepted.</summary>
    private static Failure ReadCurve(AsnReader reader, ref Key key)
    {
        if (!reader.HasData || reader.PeekTag().HasSameClassAndValue(Asn1Tag.Null))
        {
            key.Detail = "no curve named";
            return Failure.OtherCurve;
        }

        if (!reader.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier))
        {
            key.Detail = "explicit curve parameters";
            return Failure.OtherCurve;
        }

        var curve = reader.ReadObjectIdentifier();
        if (curve != P256Oid)
        {
            key.Detail = Describe(curve);
            return Failure.OtherCurve;
        }

        return Failure.None;
    }

    /// <summary>
    /// Finds the next "-----BEGIN label-----" and its "-----END label-----"; <paramref name="bodyEnd"/>
    /// is -1 when the block is not closed.
    /// </summary>
    private static bool TryNextBlock(string pem, ref int position, out string label, out int bodyStart, out int bodyEnd)
    {
        const string Begin = "-----BEGIN ";
        const string Dashes = "-----";
        label = string.Empty;
        bodyStart = bodyEnd = -1;
        var start = pem.IndexOf(Begin, position, StringComparison.Ordinal);
        var labelEnd = start < 0 ? -1 : pem.IndexOf(Dashes, start + Begin.Length, StringComparison.Ordinal);
        if (labelEnd < 0)
        {
            return false;
        }

        label = pem.Substring(start + Begin.Length, labelEnd - start - Begin.Length);
        var end = "-----END " + label + Dashes;
        bodyStart = labelEnd + Dashes.Length;
        bodyEnd = pem.IndexOf(end, bodyStart, StringComparison.Ordinal);
        position = bodyEnd < 0 ? pem.Length : bodyEnd + end.Length;
        return true;
    }

    /// <summary>Decodes the base64 between <paramref name="start"/> and <paramref name="end"/>, ignoring white space, into <paramref name="buffer"/>.</summary>
    private static bool TryDecodeBase64(string pem, int start, int end, byte[] buffer, out int length)
    {
        length = 0;
        var count = 0;
        for (var i = start; i < end; i++)
        {
            var c = pem[i];
            if (char.IsWhiteSpace(c))
            {
                continue;
            }

            if (c > 0x7f)
            {
                return false;
            }

            buffer[count++] = (byte)c;
        }

        return Base64.DecodeFromUtf8InPlace(buffer.AsSpan(0, count), out length) == OperationStatus.Done;
    }

    private static string Describe(string oid)
    {
        var name = oid switch
        {
            "1.3.132.0.34" => "secp384r1 (P-384)",
            "1.3.132.0.35" => "secp521r1 (P-521)",
            "1.3.132.0.10" => "secp256k1",
            "1.2.840.10045.3.1.1" => "prime192v1 (P-192)",
            "1.3.132.0.33" => "secp224r1 (P-224)",
            "1.3.36.3.3.2.8.1.1.7" => "brainpoolP256r1",
            "1.2.840.113549.1.1.1" => "RSA",
            "1.2.840.10040.4.1" => "DSA",
            "1.3.101.112" => "Ed25519",
            "1.3.101.113" => "Ed448",
            "1.3.101.110" => "X25519",
            "1.3.101.111" => "X448",
            _ => null,
        };
        return name is null ? "OID " + oid : name + ", OID " + oid;
    }

    /// <summary>The kinds of PEM block the reader tells apart.</summary>
    private enum Block
    {
        Other,
        Pkcs8,
        Sec1,
        EcParameters,
        Encrypted,
        Public,
    }

    /// <summary>What the blocks read so far have yielded.</summary>
    private struct Key
    {
        public byte[]? PrivateKey;
        public byte[]? PublicKey;
        public string? Detail;

        /// <summary>An "EC PARAMETERS" block named P-256.</summary>
        public bool CurveNamed;
    }
}
