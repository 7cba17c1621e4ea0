using System.Linq;
using System.Text.Json;
using FluentAssertions;
using Pushwright.Cryptography;
using Pushwright.Encryption;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.Tests.Rfc;

/// <summary>
/// Web Push messages with every intermediate value: RFC 8291 Section 5 and Appendix A,
/// draft-ietf-webpush-encryption-04 Section 5 and Appendix A (aesgcm), and the generated
/// messages (empty, UTF-8, JSON, padded, maximum size). Each is encrypted byte for byte with the
/// vector's ephemeral key and salt, and decrypted with the vector's user agent keys, on every
/// backend of the asset available here.
/// </summary>
public sealed class WebPushVectorTests
{
    public static TheoryData<string, string, string> Messages => Backends.Each(MessagesOnce);

    private static TheoryData<string, string> MessagesOnce
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var file in new[] { "rfc8291.json", "aesgcm-draft.json", "generated.json" })
            {
                foreach (var v in Vectors.All(file).Where(v => v.Text("keying") == "webpush-ecdh"))
                {
                    data.Add(file, v.Text("name"));
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Ecdh_Vector_GivesSharedSecretBothWays(string backend, string file, string name)
    {
        var v = Vectors.Named(file, name);
        var fromSender = new byte[32];
        var fromReceiver = new byte[32];
        using var sender = Backends.Named(backend).ImportP256Key(v.Bytes("asPrivateKey"), v.Bytes("asPublicKey"));
        using var receiver = Backends.Named(backend).ImportP256Key(v.Bytes("uaPrivateKey"), v.Bytes("uaPublicKey"));

        sender.TryDeriveSharedSecret(v.Bytes("uaPublicKey"), fromSender).Should().BeTrue();
        receiver.TryDeriveSharedSecret(v.Bytes("asPublicKey"), fromReceiver).Should().BeTrue();

        fromSender.Should().Equal(v.Bytes("ecdhSecret"));
        fromReceiver.Should().Equal(v.Bytes("ecdhSecret"));
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void KeySchedule_Vector_GivesEveryIntermediate(string backend, string file, string name)
    {
        var v = Vectors.Named(file, name);
        var ikm = new byte[32];
        var cek = new byte[16];
        var nonce = new byte[12];
        byte[] context = [];

        if (v.Text("encoding") == "aes128gcm")
        {
            WebPushKeySchedule.DeriveAes128GcmIkm(Backends.Named(backend), v.Bytes("ecdhSecret"), v.Bytes("authSecret"), v.Bytes("uaPublicKey"), v.Bytes("asPublicKey"), ikm);
            ContentKeys.Derive(Backends.Named(backend), ikm, v.Bytes("salt"), ContentKeys.Aes128GcmInfo, context, cek, nonce);
            v.Bytes("keyInfo").Should().Equal([.. WebPushKeySchedule.KeyInfoPrefix.ToArray(), .. v.Bytes("uaPublicKey"), .. v.Bytes("asPublicKey")]);
            v.Bytes("cekInfo").Should().Equal(ContentKeys.Aes128GcmInfo.ToArray());
        }
        else
        {
            context = new byte[WebPushKeySchedule.AesGcmContextSize];
            WebPushKeySchedule.DeriveAesGcmIkm(Backends.Named(backend), v.Bytes("ecdhSecret"), v.Bytes("authSecret"), ikm);
            WebPushKeySchedule.WriteAesGcmContext(v.Bytes("uaPublicKey"), v.Bytes("asPublicKey"), context);
            ContentKeys.Derive(Backends.Named(backend), ikm, v.Bytes("salt"), ContentKeys.AesGcmInfo, context, cek, nonce);
            v.Bytes("cekInfo").Should().Equal([.. ContentKeys.AesGcmInfo.ToArray(), .. context]);
            if (v.Has("context"))
            {
                context.Should().Equal(v.Bytes("context"));
            }
        }

        ikm.Should().Equal(v.Bytes("ikm"));
        cek.Should().Equal(v.Bytes("cek"));
        nonce.Should().Equal(v.Bytes("nonce"));
        v.Bytes("nonceInfo").Should().Equal([.. ContentKeys.NonceInfo.ToArray(), .. context]);
        if (v.Has("prk"))
        {
            var prk = new byte[32];
            Hkdf.Extract(Backends.Named(backend), v.Bytes("salt"), ikm, prk);
            prk.Should().Equal(v.Bytes("prk"));
        }
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Encrypt_VectorKeyAndSalt_GivesBodyByteForByte(string backend, string file, string name)
    {
        var v = Vectors.Named(file, name);
        var encoding = EncodingOf(v);
        using var ephemeral = Backends.Named(backend).ImportP256Key(v.Bytes("asPrivateKey"), v.Bytes("asPublicKey"));
        var keys = new PushSubscriptionKeys(v.Bytes("uaPublicKey"), v.Bytes("authSecret"));

        var payload = WebPushEncryption.EncryptCore(Backends.Named(backend), keys, v.Bytes("plaintext"), encoding, PadOf(v), ephemeral, v.Bytes("salt"));

        payload.ContentEncoding.Should().Be(encoding);
        payload.Body.ToArray().Should().Equal(v.Bytes("body"));
        if (encoding == ContentEncoding.Aes128Gcm)
        {
            payload.Body.Slice(0, 86).ToArray().Should().Equal(v.Bytes("header"));
            payload.EncryptionHeader.Should().BeNull();
            payload.CryptoKeyHeader.Should().BeNull();
        }
        else
        {
            payload.EncryptionHeader.Should().Be("salt=" + v.Text("salt"));
            payload.CryptoKeyHeader.Should().Be("dh=" + v.Text("asPublicKey"));
        }
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Decrypt_VectorBody_GivesPlaintext(string backend, string file, string name)
    {
        var v = Vectors.Named(file, name);
        var encoding = EncodingOf(v);
        var receiver = new UserAgentKeys(v.Bytes("uaPrivateKey"), v.Bytes("uaPublicKey"), v.Bytes("authSecret"));
        var payload = encoding == ContentEncoding.Aes128Gcm
            ? new EncryptedPayload(encoding, v.Bytes("body"))
            : new EncryptedPayload(encoding, v.Bytes("body"), HeaderOf(v, "Encryption"), HeaderOf(v, "Crypto-Key"));

        var error = WebPushEncryption.DecryptCore(Backends.Named(backend), receiver, payload, out var plaintext);

        error.Should().Be(DecryptionError.None);
        plaintext.Should().Equal(v.Bytes("plaintext"));
    }

    private static ContentEncoding EncodingOf(JsonElement v) =>
        v.Text("encoding") == "aes128gcm" ? ContentEncoding.Aes128Gcm : ContentEncoding.AesGcm;

    private static int PadOf(JsonElement v) => v.Has("pad") ? v.Int("pad") : 0;

    /// <summary>The header value exactly as the vector's request shows it (quoted, for the draft's example).</summary>
    private static string HeaderOf(JsonElement v, string header) =>
        v.GetProperty("httpHeaders").GetProperty(header).GetString()!;
}
