// The checks a push service makes on a message before it accepts it, other than VAPID, in the
// order and with the replies of Mozilla's autopush:
//   TTL          required, a whole number of seconds (RFC 8030 Section 5.2); missing or not a
//                number: 400 errno 111; negative: 400 errno 114; above 60 days: capped, as autopush does
//   Topic        at most 32 base64url characters (RFC 8030 Section 5.4): else 400 errno 113
//   Urgency      very-low, low, normal or high (RFC 8030 Section 5.3): else 400
//   body         at most 4096 bytes (RFC 8291 Section 4): else 413 errno 104
//   encoding     a body needs Content-Encoding aes128gcm (RFC 8291) or aesgcm (the draft); aesgcm
//                needs Encryption: salt= and Crypto-Key: dh=, aes128gcm must not carry them: else
//                400 errno 110
// and, where autopush cannot look but the browser would, the body must decrypt with the
// subscription's keys: else 400 errno 110.
using System;
using System.Globalization;
using Pushwright.Encryption;

namespace Pushwright.Testing.Internal;

internal static class MessageVerifier
{
    /// <summary>The longest TTL a service keeps a message; a larger one is capped, not refused.</summary>
    public static readonly TimeSpan MaxTimeToLive = TimeSpan.FromDays(60);

    private const int MaxTopicLength = 32;

    /// <summary>Checks TTL; returns the TTL granted (capped), or the refusal.</summary>
    public static PushFailure? CheckTimeToLive(string? ttl, out long grantedSeconds)
    {
        grantedSeconds = 0;
        if (ttl is null || !long.TryParse(ttl.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            return PushFailure.Of(FailureKind.MissingTtl, ttl is null ? "Missing TTL header (RFC 8030 Section 5.2)" : "Missing TTL value: the TTL header is not a number of seconds");
        }

        if (seconds < 0)
        {
            return PushFailure.Of(FailureKind.InvalidTtl, "TTL must be greater than or equal to 0");
        }

        grantedSeconds = Math.Min(seconds, (long)MaxTimeToLive.TotalSeconds);
        return null;
    }

    /// <summary>Checks Topic: absent, or 1 to 32 characters of the base64url alphabet.</summary>
    public static PushFailure? CheckTopic(string? topic)
    {
        if (topic is null)
        {
            return null;
        }

        if (topic.Length == 0 || topic.Length > MaxTopicLength)
        {
            return PushFailure.Of(FailureKind.InvalidTopic, "Topic must be no greater than 32 characters");
        }

        foreach (var c in topic)
        {
            if (!(c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_'))
            {
                return PushFailure.Of(FailureKind.InvalidTopic, "Topic must be URL and Filename safe Base64 alphabet");
            }
        }

        return null;
    }

    /// <summary>Checks Urgency: absent, or one of the four values of RFC 8030 Section 5.3.</summary>
    public static PushFailure? CheckUrgency(string? urgency) =>
        urgency is null or "very-low" or "low" or "normal" or "high"
            ? null
            : PushFailure.Of(FailureKind.InvalidUrgency, "Urgency must be very-low, low, normal or high");

    /// <summary>Checks the body's size and encoding headers and decrypts it with the subscription's keys.</summary>
    /// <returns>Null when the body is acceptable; <paramref name="plaintext"/> is then its plaintext (empty for no body).</returns>
    public static PushFailure? CheckBody(byte[] body, string? contentEncoding, string? encryption, string? cryptoKey, UserAgentKeys keys, out byte[] plaintext)
    {
        plaintext = [];
        if (body.Length > WebPushEncryption.MaxBodyLength)
        {
            return PushFailure.Of(FailureKind.PayloadTooLarge, $"The body is {body.Length} bytes; a push message may have at most {WebPushEncryption.MaxBodyLength}");
        }

        if (body.Length == 0)
        {
            return null;
        }

        EncryptedPayload payload;
        switch (contentEncoding?.Trim())
        {
            case null or "":
                return Encryption("Missing Content-Encoding header");
            case "aes128gcm":
                if (encryption is not null && HeaderParameter.Find(encryption, "salt") is not null)
                {
                    return Encryption("Do not include 'salt' in the Encryption header with aes128gcm: the salt is in the body");
                }

                if (cryptoKey is not null && HeaderParameter.Find(cryptoKey, "dh") is not null)
                {
                    return Encryption("Do not include 'dh' in the Crypto-Key header with aes128gcm: the key is in the body");
                }

                payload = new EncryptedPayload(ContentEncoding.Aes128Gcm, body);
                break;
            case "aesgcm":
                var salt = encryption is null ? null : HeaderParameter.Find(encryption, "salt");
                if (salt is null || !Base64UrlDecoder.TryDecode(salt, out var saltBytes) || saltBytes.Length != 16)
                {
                    return Encryption("Missing or invalid salt value in the Encryption header: aesgcm needs a 16-byte base64url salt");
                }

                var dh = cryptoKey is null ? null : HeaderParameter.Find(cryptoKey, "dh");
                if (dh is null || !Base64UrlDecoder.TryDecode(dh, out var dhBytes) || dhBytes.Length != Es256.PublicKeyLength)
                {
                    return Encryption("Missing or invalid dh value in the Crypto-Key header: aesgcm needs the sender's 65-byte base64url public key");
                }

                payload = new EncryptedPayload(ContentEncoding.AesGcm, body, encryption, cryptoKey);
                break;
            default:
                return Encryption($"Unknown Content-Encoding header '{contentEncoding}': expected aes128gcm or aesgcm");
        }

        if (!WebPushEncryption.TryDecrypt(keys, payload, out var decrypted))
        {
            return Encryption($"The {payload.ContentEncodingName} body does not decrypt with the subscription's keys (p256dh and auth)");
        }

        plaintext = decrypted;
        return null;
    }

    private static PushFailure Encryption(string message) => PushFailure.Of(FailureKind.InvalidEncryption, message);
}
