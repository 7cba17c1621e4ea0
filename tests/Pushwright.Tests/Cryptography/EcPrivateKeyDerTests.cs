using System;
using System.Formats.Asn1;
using System.Security.Cryptography;
using FluentAssertions;
using Pushwright.Cryptography;
using Pushwright.Tests.Support;
using Xunit;
using Failure = Pushwright.Cryptography.EcPrivateKeyDer.Failure;

namespace Pushwright.Tests.Cryptography;

/// <summary>
/// The PEM/DER reader and writer under VapidKeys.ImportPem and ExportPem: every refusal is a
/// <see cref="Failure"/> value, never an exception, and the writer's output is pinned byte for byte.
/// </summary>
public sealed class EcPrivateKeyDerTests
{
    private const string EcPublicKey = "1.2.840.10045.2.1";
    private const string P256 = "1.2.840.10045.3.1.7";
    private const string P384 = "1.3.132.0.34";

    // The vapid.json key "gen-vapid-aes128gcm-fcm" as ExportPem wrote it before DER went through
    // System.Formats.Asn1, which is also byte for byte what `openssl pkey` writes for this key.
    private const string ExpectedPem =
        "-----BEGIN PRIVATE KEY-----\n" +
        "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgPlbrqN7koHd9sweZ\n" +
        "eFq4pvwylDKrozGeAsTg0GwnQkehRANCAARZnuVhID7BiYRyGm9/vcEbVfnXZ1YI\n" +
        "5n6LxB7uE9nUlAuGt07IOT7DbtBvxMSQh7fJOrTpzVlVP9AoCNX+Wkm7\n" +
        "-----END PRIVATE KEY-----\n";

    private static readonly byte[] s_privateKey = Vectors.Decode(Vectors.Named("vapid.json", "gen-vapid-aes128gcm-fcm").Text("privateKey"));
    private static readonly byte[] s_publicKey = Vectors.Decode(Vectors.Named("vapid.json", "gen-vapid-aes128gcm-fcm").Text("publicKey"));

    [Fact]
    public void WritePkcs8Pem_VectorKey_IsByteIdenticalToThePinnedPem()
    {
        EcPrivateKeyDer.WritePkcs8Pem(s_privateKey, s_publicKey).Should().Be(ExpectedPem);
        VapidKeys.FromBase64Url(Vectors.Encode(s_publicKey), Vectors.Encode(s_privateKey)).ExportPem().Should().Be(ExpectedPem);
    }

    [Fact]
    public void TryReadPem_PinnedPem_GivesBothKeys()
    {
        Read(ExpectedPem, out var privateKey, out var publicKey, out _).Should().Be(Failure.None);

        privateKey.Should().Equal(s_privateKey);
        publicKey.Should().Equal(s_publicKey);
    }

    [Fact]
    public void TryReadPem_Sec1WithoutCurveOrPublicKeyAfterEcParameters_TakesTheCurveFromTheParameters()
    {
        var pem = Pem("EC PARAMETERS", Oid(P256)) + Pem("EC PRIVATE KEY", Sec1(curve: null, publicKey: false));

        Read(pem, out var privateKey, out var publicKey, out _).Should().Be(Failure.None);

        privateKey.Should().Equal(s_privateKey);
        publicKey.Should().BeNull("the key carries no [1] public key; VapidKeys computes it");
    }

    [Fact]
    public void TryReadPem_Sec1WithCurveWithoutPublicKey_GivesThePrivateKey()
    {
        Read(Pem("EC PRIVATE KEY", Sec1(curve: P256, publicKey: false)), out var privateKey, out var publicKey, out _).Should().Be(Failure.None);

        privateKey.Should().Equal(s_privateKey);
        publicKey.Should().BeNull();
    }

    [Fact]
    public void TryReadPem_Sec1WithoutAnyCurve_RefusesNamingNoCurve()
    {
        Read(Pem("EC PRIVATE KEY", Sec1(curve: null, publicKey: true)), out _, out _, out var detail).Should().Be(Failure.OtherCurve);

        detail.Should().Be("no curve named");
    }

    [Fact]
    public void TryReadPem_EcParametersOfAnotherCurve_RefusesNamingIt()
    {
        var pem = Pem("EC PARAMETERS", Oid(P384)) + Pem("EC PRIVATE KEY", Sec1(curve: P256, publicKey: true));

        Read(pem, out _, out _, out var detail).Should().Be(Failure.OtherCurve);

        detail.Should().Be("secp384r1 (P-384), OID 1.3.132.0.34");
    }

    [Fact]
    public void TryReadPem_Pkcs8WithExplicitCurve_RefusesSayingSo()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(0);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(EcPublicKey);
                using (writer.PushSequence())
                {
                    writer.WriteInteger(1);
                }
            }

            writer.WriteOctetString(Sec1(curve: null, publicKey: false));
        }

        Read(Pem("PRIVATE KEY", writer.Encode()), out _, out _, out var detail).Should().Be(Failure.OtherCurve);

        detail.Should().Be("explicit curve parameters");
    }

    [Fact]
    public void TryReadPem_Ed25519Pkcs8_RefusesNamingTheAlgorithm()
    {
        // RFC 8410 Section 7: PrivateKeyInfo { 0, { id-Ed25519 }, OCTET STRING { OCTET STRING k } }.
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(0);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier("1.3.101.112");
            }

            using (writer.PushOctetString())
            {
                writer.WriteOctetString(new byte[32]);
            }
        }

        Read(Pem("PRIVATE KEY", writer.Encode()), out _, out _, out var detail).Should().Be(Failure.NotEc);

        detail.Should().Be("Ed25519, OID 1.3.101.112");
    }

    [Fact]
    public void TryReadPem_EveryTruncationOfTheDer_IsMalformed()
    {
        var der = Der(ExpectedPem);
        for (var length = 0; length < der.Length; length++)
        {
            var pem = Pem("PRIVATE KEY", der.AsSpan(0, length).ToArray());

            Read(pem, out _, out _, out _).Should().Be(Failure.Malformed, "{0} of {1} bytes", length, der.Length);
            VapidKeys.TryImportPem(pem, out var keys).Should().BeFalse();
            keys.Should().BeNull();
        }
    }

    public static TheoryData<string, byte[]> MalformedDer
    {
        get
        {
            var der = Der(ExpectedPem);
            byte[] With(int index, byte value)
            {
                var copy = (byte[])der.Clone();
                copy[index] = value;
                return copy;
            }

            return new TheoryData<string, byte[]>
            {
                { "trailing byte after the PrivateKeyInfo", [.. der, 0x00] },
                { "a second PrivateKeyInfo after the first", [.. der, .. der] },
                { "SET instead of SEQUENCE", With(0, 0x31) },
                { "OCTET STRING instead of the version INTEGER", With(3, 0x04) },
                { "version 1", With(5, 0x01) },
                { "BIT STRING instead of the private key OCTET STRING", With(27, 0x03) },
                { "SEC 1 version 2", With(33, 0x02) },
                { "SEC 1 public key with unused bits", With(72, 0x01) },
                { "long-form length where the short form fits (not DER)", [0x30, 0x82, 0x00, 0x87, .. der.AsSpan(3).ToArray()] },
                { "indefinite length (BER, not DER)", [0x30, 0x80, .. der.AsSpan(3).ToArray(), 0x00, 0x00] },
                { "trailing element inside the SEC 1 key", Pkcs8(Sec1(curve: null, publicKey: true, trailingNull: true)) },
            };
        }
    }

    [Theory]
    [MemberData(nameof(MalformedDer))]
    public void TryReadPem_MalformedDer_IsMalformedAndImportPemThrowsArgumentException(string what, byte[] der)
    {
        var pem = Pem("PRIVATE KEY", der);

        Read(pem, out var privateKey, out _, out _).Should().Be(Failure.Malformed, what);
        privateKey.Should().BeNull();
        var act = () => VapidKeys.ImportPem(pem);
        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "pem" && e.Message.Contains("malformed"), what);
        VapidKeys.TryImportPem(pem, out _).Should().BeFalse(what);
    }

    [Fact]
    public void TryReadPem_EveryByteOfTheDerChanged_NeverThrows()
    {
        // Whatever a corrupted key holds, the reader answers with a value and ImportPem throws
        // nothing but ArgumentException (a changed scalar may still be a valid key of its own).
        var der = Der(ExpectedPem);
        foreach (var change in new Func<byte, byte>[] { b => 0x00, b => 0xff, b => (byte)(b ^ 0x80), b => (byte)(b + 1) })
        {
            for (var i = 0; i < der.Length; i++)
            {
                var copy = (byte[])der.Clone();
                copy[i] = change(copy[i]);
                var pem = Pem("PRIVATE KEY", copy);

                var read = () => Read(pem, out _, out _, out _);
                var import = () => VapidKeys.TryImportPem(pem, out _);

                read.Should().NotThrow("byte {0}", i);
                import.Should().NotThrow("byte {0}", i);
            }
        }
    }

    [Theory]
    [InlineData("-----BEGIN PRIVATE KEY-----\nMIGH\u00e9AgEA\n-----END PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nMIGHAgEA=MBMG\n-----END PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nMIGHAgE\n-----END PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n")]
    public void TryReadPem_BadBase64OrUnclosedBlock_IsMalformed(string pem)
    {
        Read(pem, out _, out _, out _).Should().Be(Failure.Malformed);
    }

    [Fact]
    public void TryReadPem_OtherBlocksAroundTheKey_AreSkipped()
    {
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var pem = "a comment\n" + other.ExportSubjectPublicKeyInfoPem() + "\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n" + ExpectedPem;

        Read(pem, out var privateKey, out _, out _).Should().Be(Failure.None);

        privateKey.Should().Equal(s_privateKey);
    }

    private static Failure Read(string pem, out byte[]? privateKey, out byte[]? publicKey, out string? detail) =>
        EcPrivateKeyDer.TryReadPem(pem, out privateKey, out publicKey, out detail);

    private static string Pem(string label, byte[] der) => PemEncoding.WriteString(label, der) + "\n";

    private static byte[] Der(string pem) => Convert.FromBase64String(pem.Replace("-----BEGIN PRIVATE KEY-----", string.Empty, StringComparison.Ordinal).Replace("-----END PRIVATE KEY-----", string.Empty, StringComparison.Ordinal));

    private static byte[] Oid(string oid)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        writer.WriteObjectIdentifier(oid);
        return writer.Encode();
    }

    /// <summary>A PKCS#8 PrivateKeyInfo for P-256 around <paramref name="sec1"/>.</summary>
    private static byte[] Pkcs8(byte[] sec1)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(0);
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(EcPublicKey);
                writer.WriteObjectIdentifier(P256);
            }

            writer.WriteOctetString(sec1);
        }

        return writer.Encode();
    }

    /// <summary>A SEC 1 ECPrivateKey of the vector key, with or without [0] and [1].</summary>
    private static byte[] Sec1(string? curve, bool publicKey, bool trailingNull = false)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(1);
            writer.WriteOctetString(s_privateKey);
            if (curve is not null)
            {
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0)))
                {
                    writer.WriteObjectIdentifier(curve);
                }
            }

            if (publicKey)
            {
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1)))
                {
                    writer.WriteBitString(s_publicKey);
                }
            }

            if (trailingNull)
            {
                writer.WriteNull();
            }
        }

        return writer.Encode();
    }
}
