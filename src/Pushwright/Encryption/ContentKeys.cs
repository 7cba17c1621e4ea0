// The content encryption key and base nonce shared by aes128gcm and aesgcm.
//
//   PRK   = HKDF-Extract(salt, IKM)                        RFC 8188 Section 2.2 (aesgcm: draft-03 Section 3.2)
//   CEK   = HKDF-Expand(PRK, cek_info, 16)                 "Content-Encoding: aes128gcm" 0x00
//                                                          (aesgcm: "Content-Encoding: aesgcm" 0x00 || context)
//   NONCE = HKDF-Expand(PRK, nonce_info, 12)               "Content-Encoding: nonce" 0x00 (|| context for aesgcm)
//
// The nonce of record SEQ is NONCE XOR SEQ, SEQ a 96-bit big-endian counter (RFC 8188 Section 2.3).
using System;
using System.Buffers.Binary;
using System.Diagnostics;
using Pushwright.Cryptography;
using Pushwright.Internal;

namespace Pushwright.Encryption;

internal static class ContentKeys
{
    /// <summary>Gets "Content-Encoding: aes128gcm" 0x00.</summary>
    public static ReadOnlySpan<byte> Aes128GcmInfo => "Content-Encoding: aes128gcm\0"u8;

    /// <summary>Gets "Content-Encoding: aesgcm" 0x00.</summary>
    public static ReadOnlySpan<byte> AesGcmInfo => "Content-Encoding: aesgcm\0"u8;

    /// <summary>Gets "Content-Encoding: nonce" 0x00.</summary>
    public static ReadOnlySpan<byte> NonceInfo => "Content-Encoding: nonce\0"u8;

    /// <summary>Derives the CEK (16 bytes) and base nonce (12 bytes). <paramref name="context"/> is empty for aes128gcm.</summary>
    public static void Derive(
        CryptoBackend backend,
        ReadOnlySpan<byte> ikm,
        ReadOnlySpan<byte> salt,
        ReadOnlySpan<byte> cekInfo,
        ReadOnlySpan<byte> context,
        Span<byte> cek,
        Span<byte> nonce)
    {
        Debug.Assert(cek.Length == WebPushConstants.KeySize && nonce.Length == WebPushConstants.NonceSize, "CEK 16, NONCE 12");
        Span<byte> prk = stackalloc byte[WebPushConstants.HashSize];
        Span<byte> info = stackalloc byte[64 + context.Length];
        try
        {
            Hkdf.Extract(backend, salt, ikm, prk);

            cekInfo.CopyTo(info);
            context.CopyTo(info.Slice(cekInfo.Length));
            Hkdf.Expand(backend, prk, info.Slice(0, cekInfo.Length + context.Length), cek);

            NonceInfo.CopyTo(info);
            context.CopyTo(info.Slice(NonceInfo.Length));
            Hkdf.Expand(backend, prk, info.Slice(0, NonceInfo.Length + context.Length), nonce);
        }
        finally
        {
            CryptoMemory.Zero(prk);
        }
    }

    /// <summary>Writes the nonce of record <paramref name="sequence"/>: NONCE XOR SEQ.</summary>
    public static void RecordNonce(ReadOnlySpan<byte> baseNonce, long sequence, Span<byte> destination)
    {
        baseNonce.CopyTo(destination);
        var low = BinaryPrimitives.ReadUInt64BigEndian(destination.Slice(4));
        BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(4), low ^ (ulong)sequence);
    }
}
