// Web Push message encryption (RFC 8291) and the legacy aesgcm encoding
// (draft-ietf-webpush-encryption-04), for one subscription at a time.
//
// Sender:   a fresh ephemeral P-256 key pair and a fresh 16-byte salt per message, ECDH with
//           the subscription's p256dh, the key schedule in WebPushKeySchedule, one record.
// Receiver: the same in reverse with the user agent's private key and auth secret.
//
// Body limits (RFC 8030 Section 7.2 lets a push service refuse more than 4096 bytes):
//   aes128gcm  86-byte header + plaintext + padding + 0x02 delimiter + 16-byte tag <= 4096  -> 3993
//   aesgcm     2-byte padding length + padding + plaintext + 16-byte tag <= 4096            -> 4078
using System;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Pushwright.Cryptography;
using Pushwright.Internal;

namespace Pushwright.Encryption;

/// <summary>Encrypts push messages for a subscription, and decrypts them as the user agent would.</summary>
/// <remarks>
/// See RFC 8291 (aes128gcm), RFC 8188 (the record layer) and draft-ietf-webpush-encryption-04
/// (aesgcm). Every call uses a fresh ephemeral key and salt; nothing is cached or reused.
/// </remarks>
public static class WebPushEncryption
{
    /// <summary>The largest body a push service must accept, in bytes.</summary>
    public const int MaxBodyLength = WebPushConstants.MaxBodySize;

    private const int Aes128GcmOverhead = WebPushConstants.Aes128GcmHeaderSize + WebPushConstants.PublicKeySize + 1 + WebPushConstants.TagSize;
    private const int AesGcmOverhead = WebPushConstants.AesGcmPaddingPrefixSize + WebPushConstants.TagSize;

    /// <summary>Gets the largest plaintext that fits a 4096-byte body with <paramref name="paddingLength"/> bytes of padding.</summary>
    /// <param name="encoding">The content coding.</param>
    /// <param name="paddingLength">The padding to add, in bytes.</param>
    /// <returns>3993 minus the padding for aes128gcm, 4078 minus the padding for aesgcm; negative when the padding alone is too large.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="encoding"/> is not defined, or <paramref name="paddingLength"/> is negative.</exception>
    public static int GetMaxPlaintextLength(ContentEncoding encoding, int paddingLength = 0)
    {
        Guard.Defined(encoding);
        Guard.NotNegative(paddingLength);
        return MaxBodyLength - Overhead(encoding) - paddingLength;
    }

    /// <summary>Gets the length of the body that <see cref="Encrypt"/> produces.</summary>
    /// <param name="plaintextLength">The plaintext length, in bytes.</param>
    /// <param name="encoding">The content coding.</param>
    /// <param name="paddingLength">The padding to add, in bytes.</param>
    /// <returns>The body length in bytes.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative, or <paramref name="encoding"/> is not defined.</exception>
    public static int GetEncryptedLength(int plaintextLength, ContentEncoding encoding = ContentEncoding.Aes128Gcm, int paddingLength = 0)
    {
        Guard.NotNegative(plaintextLength);
        Guard.NotNegative(paddingLength);
        Guard.Defined(encoding);
        return checked(plaintextLength + paddingLength + Overhead(encoding));
    }

    /// <summary>Encrypts <paramref name="plaintext"/> for the subscription with <paramref name="subscriptionKeys"/>.</summary>
    /// <param name="subscriptionKeys">The subscription's <c>p256dh</c> and <c>auth</c>.</param>
    /// <param name="plaintext">The message; may be empty. At most <see cref="GetMaxPlaintextLength"/> bytes.</param>
    /// <param name="encoding">The content coding; <see cref="ContentEncoding.Aes128Gcm"/> unless the receiver needs aesgcm.</param>
    /// <param name="paddingLength">Zero bytes to add so that the body does not reveal the message length.</param>
    /// <returns>The body and, for aesgcm, the <c>Encryption</c> and <c>Crypto-Key</c> header values.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="subscriptionKeys"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="encoding"/> is not defined, or <paramref name="paddingLength"/> is negative.</exception>
    /// <exception cref="ArgumentException">The plaintext with the padding does not fit a 4096-byte body.</exception>
    public static EncryptedPayload Encrypt(
        PushSubscriptionKeys subscriptionKeys,
        ReadOnlySpan<byte> plaintext,
        ContentEncoding encoding = ContentEncoding.Aes128Gcm,
        int paddingLength = 0)
    {
        Guard.NotNull(subscriptionKeys);
        CheckSizes(plaintext.Length, encoding, paddingLength);
        return EncryptUnchecked(subscriptionKeys, plaintext, encoding, paddingLength);
    }

    /// <summary>Decrypts a push message as the user agent with <paramref name="userAgentKeys"/>.</summary>
    /// <param name="userAgentKeys">The receiver's key pair and authentication secret.</param>
    /// <param name="payload">The received body and, for aesgcm, header values.</param>
    /// <returns>The plaintext.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="WebPushDecryptionException">The message is malformed, truncated, or was not encrypted for these keys; <see cref="WebPushDecryptionException.Error"/> says which.</exception>
    public static byte[] Decrypt(UserAgentKeys userAgentKeys, EncryptedPayload payload)
    {
        var error = DecryptCore(CryptoBackend.Default, Guard.NotNull(userAgentKeys), Guard.NotNull(payload), out var plaintext);
        return error == DecryptionError.None ? plaintext! : throw Error.Decryption(error);
    }

    /// <summary>Decrypts a push message as the user agent, returning <see langword="false"/> instead of throwing when it cannot.</summary>
    /// <param name="userAgentKeys">The receiver's key pair and authentication secret.</param>
    /// <param name="payload">The received body and, for aesgcm, header values.</param>
    /// <param name="plaintext">The plaintext, or <see langword="null"/> when decryption failed.</param>
    /// <returns><see langword="true"/> when the message decrypted and verified.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static bool TryDecrypt(UserAgentKeys userAgentKeys, EncryptedPayload payload, [NotNullWhen(true)] out byte[]? plaintext) =>
        DecryptCore(CryptoBackend.Default, Guard.NotNull(userAgentKeys), Guard.NotNull(payload), out plaintext) == DecryptionError.None;

    /// <summary>Encrypts with a fresh ephemeral key and salt; the caller has checked the arguments and sizes at its public boundary.</summary>
    internal static EncryptedPayload EncryptUnchecked(PushSubscriptionKeys subscriptionKeys, ReadOnlySpan<byte> plaintext, ContentEncoding encoding, int paddingLength)
    {
        var backend = CryptoBackend.Default;
        Span<byte> salt = stackalloc byte[WebPushConstants.SaltSize];
        backend.FillRandom(salt);
        using var ephemeralKey = backend.GenerateP256Key();
        return EncryptCore(backend, subscriptionKeys, plaintext, encoding, paddingLength, ephemeralKey, salt);
    }

    /// <summary>Encrypts with a given ephemeral key and salt. Known-answer tests and benchmarks only: real messages need fresh ones.</summary>
    internal static EncryptedPayload EncryptCore(
        CryptoBackend backend,
        PushSubscriptionKeys subscriptionKeys,
        ReadOnlySpan<byte> plaintext,
        ContentEncoding encoding,
        int paddingLength,
        EcdhPrivateKey ephemeralKey,
        ReadOnlySpan<byte> salt)
    {
        Debug.Assert(encoding is ContentEncoding.Aes128Gcm or ContentEncoding.AesGcm, "The encoding was checked at the public boundary.");
        Debug.Assert(paddingLength >= 0 && plaintext.Length + paddingLength <= MaxBodyLength - Overhead(encoding), "The sizes were checked at the public boundary.");
        var userAgentPublicKey = subscriptionKeys.P256dh.Span;
        Span<byte> senderPublicKey = stackalloc byte[WebPushConstants.PublicKeySize];
        Span<byte> secret = stackalloc byte[WebPushConstants.SharedSecretSize];
        Span<byte> ikm = stackalloc byte[WebPushConstants.HashSize];
        try
        {
            ephemeralKey.ExportPublicKey(senderPublicKey);
            if (!ephemeralKey.TryDeriveSharedSecret(userAgentPublicKey, secret))
            {
                // PushSubscriptionKeys validated the point; a backend refusing it is a fault, not bad input.
                throw Error.BackendRefusedCheckedKey();
            }

            var body = new byte[plaintext.Length + paddingLength + Overhead(encoding)];
            if (encoding == ContentEncoding.Aes128Gcm)
            {
                WebPushKeySchedule.DeriveAes128GcmIkm(backend, secret, subscriptionKeys.AuthSecret, userAgentPublicKey, senderPublicKey, ikm);
                Aes128GcmRecords.Encrypt(backend, ikm, salt, WebPushConstants.DefaultRecordSize, senderPublicKey, plaintext, paddingLength, body);
                return EncryptedPayload.ForAes128Gcm(body);
            }

            Span<byte> context = stackalloc byte[WebPushKeySchedule.AesGcmContextSize];
            WebPushKeySchedule.DeriveAesGcmIkm(backend, secret, subscriptionKeys.AuthSecret, ikm);
            WebPushKeySchedule.WriteAesGcmContext(userAgentPublicKey, senderPublicKey, context);
            AesGcmRecords.Encrypt(backend, ikm, salt, context, WebPushConstants.DefaultRecordSize, plaintext, paddingLength, body);
            return EncryptedPayload.ForAesGcm(body, salt, senderPublicKey);
        }
        finally
        {
            CryptoMemory.Zero(secret);
            CryptoMemory.Zero(ikm);
        }
    }

    /// <summary>Decrypts with a given backend; returns why it failed, or <see cref="DecryptionError.None"/>.</summary>
    internal static DecryptionError DecryptCore(CryptoBackend backend, UserAgentKeys userAgentKeys, EncryptedPayload payload, out byte[]? plaintext)
    {
        plaintext = null;
        var body = payload.Body.Span;
        Span<byte> secret = stackalloc byte[WebPushConstants.SharedSecretSize];
        Span<byte> ikm = stackalloc byte[WebPushConstants.HashSize];
        using var key = userAgentKeys.ImportInto(backend);
        try
        {
            if (payload.ContentEncoding == ContentEncoding.Aes128Gcm)
            {
                // RFC 8291 Section 4: the key id is the sender's 65-byte public key.
                if (!Aes128GcmRecords.TryReadHeader(body, out _, out var keyIdLength))
                {
                    return DecryptionError.InvalidHeader;
                }

                var senderPublicKey = body.Slice(WebPushConstants.Aes128GcmHeaderSize, keyIdLength);
                if (!key.TryDeriveSharedSecret(senderPublicKey, secret))
                {
                    return DecryptionError.InvalidSenderKey;
                }

                WebPushKeySchedule.DeriveAes128GcmIkm(backend, secret, userAgentKeys.AuthSecret.Span, userAgentKeys.PublicKey.Span, senderPublicKey, ikm);
                return Aes128GcmRecords.Decrypt(backend, ikm, body, out plaintext);
            }

            if (!TryReadAesGcmParameters(payload, out var salt, out var recordSize, out var dh))
            {
                return DecryptionError.InvalidParameters;
            }

            if (!key.TryDeriveSharedSecret(dh, secret))
            {
                return DecryptionError.InvalidSenderKey;
            }

            Span<byte> context = stackalloc byte[WebPushKeySchedule.AesGcmContextSize];
            WebPushKeySchedule.DeriveAesGcmIkm(backend, secret, userAgentKeys.AuthSecret.Span, ikm);
            WebPushKeySchedule.WriteAesGcmContext(userAgentKeys.PublicKey.Span, dh, context);
            return AesGcmRecords.Decrypt(backend, ikm, salt, context, recordSize, body, out plaintext);
        }
        finally
        {
            CryptoMemory.Zero(secret);
            CryptoMemory.Zero(ikm);
        }
    }

    private static bool TryReadAesGcmParameters(EncryptedPayload payload, [NotNullWhen(true)] out byte[]? salt, out int recordSize, [NotNullWhen(true)] out byte[]? dh)
    {
        salt = null;
        dh = null;
        recordSize = WebPushConstants.DefaultRecordSize;
        var saltText = HeaderParameters.Find(payload.EncryptionHeader ?? string.Empty, "salt");
        var dhText = HeaderParameters.Find(payload.CryptoKeyHeader ?? string.Empty, "dh");
        var rsText = HeaderParameters.Find(payload.EncryptionHeader ?? string.Empty, "rs");
        if (rsText is not null
            && (!int.TryParse(rsText, NumberStyles.None, CultureInfo.InvariantCulture, out recordSize)
                || recordSize < WebPushConstants.AesGcmMinRecordSize))
        {
            return false;
        }

        if (saltText is null || dhText is null
            || !Base64Url.TryDecode(saltText, out salt) || salt.Length != WebPushConstants.SaltSize
            || !Base64Url.TryDecode(dhText, out dh))
        {
            return false;
        }

        return true;
    }

    /// <summary>Throws unless the plaintext and padding fit a 4096-byte body.</summary>
    internal static void CheckSizes(int plaintextLength, ContentEncoding encoding, int paddingLength)
    {
        if (!TryCheckSizes(plaintextLength, encoding, paddingLength, out var problem))
        {
            throw problem.ToException();
        }
    }

    /// <summary>Checks that the plaintext and padding fit a 4096-byte body, describing what is wrong instead of throwing.</summary>
    internal static bool TryCheckSizes(int plaintextLength, ContentEncoding encoding, int paddingLength, out ArgumentProblem problem)
    {
        Guard.Defined(encoding);
        Guard.NotNegative(paddingLength);
        var maxPadding = MaxBodyLength - Overhead(encoding);
        problem = paddingLength > maxPadding ? Error.PaddingTooLarge(nameof(paddingLength), encoding, maxPadding, paddingLength)
            : plaintextLength > maxPadding - paddingLength ? Error.PlaintextTooLarge("plaintext", encoding, maxPadding - paddingLength, paddingLength, plaintextLength)
            : default;
        return problem.Message is null;
    }

    private static int Overhead(ContentEncoding encoding) => encoding == ContentEncoding.Aes128Gcm ? Aes128GcmOverhead : AesGcmOverhead;
}
