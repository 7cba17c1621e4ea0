// The Web Push input keying material for both encodings.
//
// aes128gcm (RFC 8291 Section 3.4):
//   ecdh_secret = ECDH(as_private, ua_public)
//   PRK_key     = HKDF-Extract(auth_secret, ecdh_secret)
//   key_info    = "WebPush: info" 0x00 || ua_public(65) || as_public(65)               144 bytes
//   IKM         = HKDF-Expand(PRK_key, key_info, 32)           then RFC 8188 with this IKM
//
// aesgcm (draft-ietf-webpush-encryption-04 Section 3):
//   PRK_combine = HKDF-Extract(auth_secret, ecdh_secret)
//   IKM         = HKDF-Expand(PRK_combine, "Content-Encoding: auth" 0x00, 32)
//   context     = "P-256" 0x00 || 0x0041 || ua_public || 0x0041 || as_public           140 bytes
using System;
using System.Buffers.Binary;
using Pushwright.Cryptography;
using Pushwright.Internal;

namespace Pushwright.Encryption;

internal static class WebPushKeySchedule
{
    /// <summary>The length of the aesgcm context.</summary>
    public const int AesGcmContextSize = 6 + 2 + WebPushConstants.PublicKeySize + 2 + WebPushConstants.PublicKeySize;

    /// <summary>Gets "WebPush: info" 0x00.</summary>
    public static ReadOnlySpan<byte> KeyInfoPrefix => "WebPush: info\0"u8;

    /// <summary>Gets "Content-Encoding: auth" 0x00.</summary>
    public static ReadOnlySpan<byte> AuthInfo => "Content-Encoding: auth\0"u8;

    private static ReadOnlySpan<byte> P256Label => "P-256\0"u8;

    /// <summary>RFC 8291: writes the 32-byte IKM for the RFC 8188 layer.</summary>
    public static void DeriveAes128GcmIkm(
        CryptoBackend backend,
        ReadOnlySpan<byte> ecdhSecret,
        ReadOnlySpan<byte> authSecret,
        ReadOnlySpan<byte> userAgentPublicKey,
        ReadOnlySpan<byte> senderPublicKey,
        Span<byte> ikm)
    {
        Span<byte> prk = stackalloc byte[WebPushConstants.HashSize];
        Span<byte> keyInfo = stackalloc byte[14 + (2 * WebPushConstants.PublicKeySize)];
        try
        {
            Hkdf.Extract(backend, authSecret, ecdhSecret, prk);
            KeyInfoPrefix.CopyTo(keyInfo);
            userAgentPublicKey.CopyTo(keyInfo.Slice(KeyInfoPrefix.Length));
            senderPublicKey.CopyTo(keyInfo.Slice(KeyInfoPrefix.Length + WebPushConstants.PublicKeySize));
            Hkdf.Expand(backend, prk, keyInfo, ikm);
        }
        finally
        {
            CryptoMemory.Zero(prk);
        }
    }

    /// <summary>aesgcm: writes the 32-byte IKM.</summary>
    public static void DeriveAesGcmIkm(CryptoBackend backend, ReadOnlySpan<byte> ecdhSecret, ReadOnlySpan<byte> authSecret, Span<byte> ikm)
    {
        Span<byte> prk = stackalloc byte[WebPushConstants.HashSize];
        try
        {
            Hkdf.Extract(backend, authSecret, ecdhSecret, prk);
            Hkdf.Expand(backend, prk, AuthInfo, ikm);
        }
        finally
        {
            CryptoMemory.Zero(prk);
        }
    }

    /// <summary>aesgcm: writes the 140-byte context.</summary>
    public static void WriteAesGcmContext(ReadOnlySpan<byte> userAgentPublicKey, ReadOnlySpan<byte> senderPublicKey, Span<byte> context)
    {
        P256Label.CopyTo(context);
        var offset = P256Label.Length;
        BinaryPrimitives.WriteUInt16BigEndian(context.Slice(offset), WebPushConstants.PublicKeySize);
        userAgentPublicKey.CopyTo(context.Slice(offset + 2));
        offset += 2 + WebPushConstants.PublicKeySize;
        BinaryPrimitives.WriteUInt16BigEndian(context.Slice(offset), WebPushConstants.PublicKeySize);
        senderPublicKey.CopyTo(context.Slice(offset + 2));
    }
}
