using System;
using System.Security.Cryptography;
using FluentAssertions;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.Tests.Vapid;

public sealed class VapidKeysTests
{
    [Fact]
    public void Generate_TwoPairs_AreDistinctValidPairs()
    {
        var a = VapidKeys.Generate();
        var b = VapidKeys.Generate();

        a.PublicKey.Length.Should().Be(65);
        a.PublicKeyBase64Url.Should().HaveLength(87).And.StartWith("B");
        a.PublicKeyBase64Url.Should().NotBe(b.PublicKeyBase64Url);
        Vectors.Decode(a.ExportPrivateKeyBase64Url()).Should().HaveCount(32);
    }

    [Fact]
    public void FromBase64Url_ExportedKeys_RoundTrip()
    {
        var a = VapidKeys.Generate();

        var b = VapidKeys.FromBase64Url(a.PublicKeyBase64Url, a.ExportPrivateKeyBase64Url());

        b.PublicKeyBase64Url.Should().Be(a.PublicKeyBase64Url);
        b.ExportPrivateKeyBase64Url().Should().Be(a.ExportPrivateKeyBase64Url());
    }

    [Fact]
    public void FromPrivateKeyBase64Url_ComputesThePublicKey()
    {
        var v = Vectors.Named("vapid.json", "gen-vapid-aes128gcm-fcm");

        var keys = VapidKeys.FromPrivateKeyBase64Url(v.Text("privateKey"));

        keys.PublicKeyBase64Url.Should().Be(v.Text("publicKey"));
    }

    [Fact]
    public void FromBase64Url_PublicKeyOfAnotherPair_ThrowsMismatch()
    {
        var a = VapidKeys.Generate();
        var b = VapidKeys.Generate();

        var act = () => VapidKeys.FromBase64Url(b.PublicKeyBase64Url, a.ExportPrivateKeyBase64Url());

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "publicKey" && e.Message.Contains("belongs to another key"));
    }

    [Theory]
    [InlineData("publicKey", "not base64!", null)]
    [InlineData("privateKey", null, "AAAA")]
    [InlineData("privateKey", null, "")]
    public void FromBase64Url_BadInput_ThrowsNamingTheParameter(string paramName, string? publicKey, string? privateKey)
    {
        var a = VapidKeys.Generate();

        var act = () => VapidKeys.FromBase64Url(publicKey ?? a.PublicKeyBase64Url, privateKey ?? a.ExportPrivateKeyBase64Url());

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be(paramName);
    }

    [Fact]
    public void ImportPem_OurExport_RoundTripsAndIsReadByTheBcl()
    {
        var a = VapidKeys.Generate();

        var pem = a.ExportPem();

        pem.Should().StartWith("-----BEGIN PRIVATE KEY-----\n").And.EndWith("-----END PRIVATE KEY-----\n");
        VapidKeys.ImportPem(pem).PublicKeyBase64Url.Should().Be(a.PublicKeyBase64Url);
        using var bcl = ECDsa.Create();
        bcl.ImportFromPem(pem);
        var q = bcl.ExportParameters(false).Q;
        Vectors.Encode([0x04, .. q.X!, .. q.Y!]).Should().Be(a.PublicKeyBase64Url);
    }

    [Fact]
    public void ImportPem_Pkcs8FromBcl_GivesSameKeys()
    {
        using var bcl = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var keys = VapidKeys.ImportPem(bcl.ExportPkcs8PrivateKeyPem());

        Vectors.Decode(keys.ExportPrivateKeyBase64Url()).Should().Equal(bcl.ExportParameters(true).D);
    }

    [Fact]
    public void ImportPem_Sec1WithEcParametersBlock_AsOpensslEcparamWritesIt()
    {
        using var bcl = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = "-----BEGIN EC PARAMETERS-----\n" + Convert.ToBase64String([0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07]) + "\n-----END EC PARAMETERS-----\n";

        var keys = VapidKeys.ImportPem(parameters + bcl.ExportECPrivateKeyPem());

        Vectors.Decode(keys.ExportPrivateKeyBase64Url()).Should().Equal(bcl.ExportParameters(true).D);
    }

    [Theory]
    [InlineData("nistP384", "secp384r1")]
    [InlineData("nistP521", "secp521r1")]
    public void ImportPem_OtherCurve_ThrowsNamingTheCurve(string curve, string expectedName)
    {
        using var bcl = ECDsa.Create(ECCurve.CreateFromFriendlyName(curve));

        var pkcs8 = () => VapidKeys.ImportPem(bcl.ExportPkcs8PrivateKeyPem());
        var sec1 = () => VapidKeys.ImportPem(bcl.ExportECPrivateKeyPem());

        pkcs8.Should().Throw<ArgumentException>().Where(e => e.ParamName == "pem" && e.Message.Contains("P-256") && e.Message.Contains(expectedName));
        sec1.Should().Throw<ArgumentException>().Where(e => e.ParamName == "pem" && e.Message.Contains(expectedName));
    }

    [Fact]
    public void ImportPem_RsaKey_ThrowsSayingRsa()
    {
        using var rsa = RSA.Create(2048);

        var act = () => VapidKeys.ImportPem(rsa.ExportPkcs8PrivateKeyPem());

        act.Should().Throw<ArgumentException>().Where(e => e.Message.Contains("RSA") && e.Message.Contains("P-256"));
    }

    [Fact]
    public void ImportPem_EncryptedKey_ThrowsSayingEncrypted()
    {
        using var bcl = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = bcl.ExportEncryptedPkcs8PrivateKeyPem("secret", new PbeParameters(PbeEncryptionAlgorithm.Aes128Cbc, HashAlgorithmName.SHA256, 1000));

        var act = () => VapidKeys.ImportPem(pem);

        act.Should().Throw<ArgumentException>().Where(e => e.Message.Contains("unencrypted"));
    }

    [Fact]
    public void ImportPem_PublicKeyOnly_ThrowsSayingPrivateNeeded()
    {
        using var bcl = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var act = () => VapidKeys.ImportPem(bcl.ExportSubjectPublicKeyInfoPem());

        act.Should().Throw<ArgumentException>().Where(e => e.Message.Contains("only a public key"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nMAMCAQA=\n-----END PRIVATE KEY-----\n")]
    [InlineData("-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49\n")]
    public void ImportPem_Malformed_ThrowsAndTryImportReturnsFalse(string pem)
    {
        var act = () => VapidKeys.ImportPem(pem);

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("pem");
        VapidKeys.TryImportPem(pem, out var keys).Should().BeFalse();
        keys.Should().BeNull();
    }

    [Fact]
    public void ImportPem_Null_ThrowsArgumentNull()
    {
        var act = () => VapidKeys.ImportPem(null!);

        act.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("pem");
    }

    [Fact]
    public void ToString_ShowsPublicKeyOnly()
    {
        var a = VapidKeys.Generate();

        a.ToString().Should().Contain(a.PublicKeyBase64Url).And.NotContain(a.ExportPrivateKeyBase64Url());
    }
}
