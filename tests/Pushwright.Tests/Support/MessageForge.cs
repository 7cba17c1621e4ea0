using System.Globalization;
using FluentAssertions;
using Pushwright.Cryptography;
using Pushwright.Encryption;

namespace Pushwright.Tests.Support;

/// <summary>
/// Encrypts Web Push messages with any record size and a given ephemeral key and salt; the public
/// API always writes one record of at most 4096 bytes. For messages of several records, which
/// other senders may send.
/// </summary>
internal static class MessageForge
{
    /// <summary>A message to <paramref name="receiver"/>: the body and, for aesgcm, the Encryption and Crypto-Key values.</summary>
    public static (byte[] Body, string? Encryption, string? CryptoKey) Encrypt(
        UserAgentKeys receiver, ContentEncoding encoding, int recordSize, byte[] plaintext, int padding, byte[] ephemeralPrivateKey, byte[] senderKey, byte[] salt)
    {
        var backend = CryptoBackend.Default;
        var userAgentKey = receiver.PublicKey.Span;
        var secret = new byte[32];
        var ikm = new byte[32];
        using (var key = backend.ImportP256Key(ephemeralPrivateKey, senderKey))
        {
            key.TryDeriveSharedSecret(userAgentKey, secret).Should().BeTrue();
        }

        if (encoding == ContentEncoding.Aes128Gcm)
        {
            WebPushKeySchedule.DeriveAes128GcmIkm(backend, secret, receiver.AuthSecret.Span, userAgentKey, senderKey, ikm);
            var body = new byte[Aes128GcmRecords.GetEncryptedLength(plaintext.Length, recordSize, senderKey.Length, padding)];
            Aes128GcmRecords.Encrypt(backend, ikm, salt, recordSize, senderKey, plaintext, padding, body);
            return (body, null, null);
        }

        var context = new byte[WebPushKeySchedule.AesGcmContextSize];
        WebPushKeySchedule.DeriveAesGcmIkm(backend, secret, receiver.AuthSecret.Span, ikm);
        WebPushKeySchedule.WriteAesGcmContext(userAgentKey, senderKey, context);
        var aesGcmBody = new byte[AesGcmRecords.GetEncryptedLength(plaintext.Length, recordSize, padding)];
        AesGcmRecords.Encrypt(backend, ikm, salt, context, recordSize, plaintext, padding, aesGcmBody);
        var encryption = "salt=" + Vectors.Encode(salt) + (recordSize == 4096 ? string.Empty : ";rs=" + recordSize.ToString(CultureInfo.InvariantCulture));
        return (aesGcmBody, encryption, "dh=" + Vectors.Encode(senderKey));
    }
}
