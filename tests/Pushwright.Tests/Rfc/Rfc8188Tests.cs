using System;
using FluentAssertions;
using Pushwright.Cryptography;
using Pushwright.Encryption;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.Tests.Rfc;

/// <summary>RFC 8188 Sections 3.1 and 3.2 and Appendix A: the aes128gcm record layer with an explicit key, on every backend of the asset available here.</summary>
public sealed class Rfc8188Tests
{
    private const string File = "rfc8188.json";

    public static TheoryData<string, string> ExplicitKeyCases => Backends.Each(Vectors.Names(File, v => v.Text("keying") == "explicit-key"));

    public static TheoryData<string> BackendNames => Backends.Names;

    [Theory]
    [MemberData(nameof(ExplicitKeyCases))]
    public void Encrypt_Vector_GivesBodyByteForByte(string backend, string name)
    {
        var v = Vectors.Named(File, name);
        var body = v.Bytes("body");
        var salt = body.AsSpan(0, 16).ToArray();
        var keyId = v.Bytes("keyid");
        var plaintext = v.Bytes("plaintext");
        var destination = new byte[Aes128GcmRecords.GetEncryptedLength(plaintext.Length, v.Int("rs"), keyId.Length, v.Int("pad"))];

        Aes128GcmRecords.Encrypt(Backends.Named(backend), v.Bytes("key"), salt, v.Int("rs"), keyId, plaintext, v.Int("pad"), destination);

        destination.Should().Equal(body);
    }

    [Theory]
    [MemberData(nameof(ExplicitKeyCases))]
    public void Decrypt_Vector_GivesPlaintext(string backend, string name)
    {
        var v = Vectors.Named(File, name);

        var error = Aes128GcmRecords.Decrypt(Backends.Named(backend), v.Bytes("key"), v.Bytes("body"), out var plaintext);

        error.Should().Be(DecryptionError.None);
        plaintext.Should().Equal(v.Bytes("plaintext"));
    }

    [Theory]
    [MemberData(nameof(BackendNames))]
    public void Derive_Section31_GivesListedCekAndNonce(string backend)
    {
        var v = Vectors.Named(File, "rfc8188-3.1");
        var prk = new byte[32];
        var cek = new byte[16];
        var nonce = new byte[12];

        Hkdf.Extract(Backends.Named(backend), v.Bytes("salt"), v.Bytes("key"), prk);
        ContentKeys.Derive(Backends.Named(backend), v.Bytes("key"), v.Bytes("salt"), ContentKeys.Aes128GcmInfo, default, cek, nonce);

        prk.Should().Equal(v.Bytes("prk"));
        cek.Should().Equal(v.Bytes("cek"));
        nonce.Should().Equal(v.Bytes("nonce"));
    }

    [Theory]
    [MemberData(nameof(BackendNames))]
    public void Derive_Section32_GivesDerivedCekAndNonce(string backend)
    {
        var v = Vectors.Named(File, "rfc8188-3.2");
        var derived = v.GetProperty("derived");
        var cek = new byte[16];
        var nonce = new byte[12];

        ContentKeys.Derive(Backends.Named(backend), v.Bytes("key"), derived.Bytes("salt"), ContentKeys.Aes128GcmInfo, default, cek, nonce);

        cek.Should().Equal(derived.Bytes("cek"));
        nonce.Should().Equal(derived.Bytes("nonce"));
    }

    [Theory]
    [MemberData(nameof(BackendNames))]
    public void AesGcmSeal_AppendixAJwe_GivesJweCiphertextAndTag(string backend)
    {
        // Appendix A renders Section 3.1 as a JWE: same CEK, IV = NONCE, empty AAD.
        var jwe = Vectors.Named(File, "rfc8188-appendix-a-jwe");
        var section31 = Vectors.Named(File, "rfc8188-3.1");
        var padded = section31.Bytes("paddedPlaintext");
        var ciphertext = new byte[padded.Length];
        var tag = new byte[16];

        Backends.Named(backend).AesGcmSeal(section31.Bytes("cek"), jwe.Bytes("iv"), padded, ciphertext, tag);

        jwe.Bytes("iv").Should().Equal(section31.Bytes("nonce"));
        ciphertext.Should().Equal(jwe.Bytes("ciphertext"));
        tag.Should().Equal(jwe.Bytes("tag"));
    }
}
