// The floor: what one Web Push message must cost at least, computed with the raw primitives and
// none of the library's code. One P-256 key generation with public key export, one peer point
// decode (with its on-curve check) and ECDH, five HMAC-SHA-256 (two HKDF extracts, three
// single-block expands), 16 random salt bytes and one AES-128-GCM seal of the padded record.
using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Pushwright.Benchmarks;

public static unsafe partial class RawPrimitives
{
    private const string LibCrypto = "libcrypto.so.3";
    private static readonly nint s_group = EC_GROUP_new_by_curve_name(415);

    /// <summary>The fastest route: libcrypto's EC and EVP calls directly.</summary>
    public static void FastPath(ReadOnlySpan<byte> peerPublicKey, ReadOnlySpan<byte> auth, ReadOnlySpan<byte> plaintext, Span<byte> output)
    {
        Span<byte> ourPublic = stackalloc byte[65];
        Span<byte> secret = stackalloc byte[32];
        var key = EC_KEY_new_by_curve_name(415);
        var point = EC_POINT_new(s_group);
        try
        {
            fixed (byte* q = ourPublic)
            fixed (byte* peer = peerPublicKey)
            fixed (byte* s = secret)
            {
                if (EC_KEY_generate_key(key) != 1
                    || EC_POINT_point2oct(s_group, EC_KEY_get0_public_key(key), 4, q, 65, 0) != 65
                    || EC_POINT_oct2point(s_group, point, peer, 65, 0) != 1
                    || ECDH_compute_key(s, 32, point, key, 0) != 32)
                {
                    throw new CryptographicException("libcrypto");
                }
            }
        }
        finally
        {
            EC_POINT_free(point);
            EC_KEY_free(key);
        }

        KeyScheduleAndSeal(secret, auth, plaintext, output, evp: true);
    }

    /// <summary>The obvious route: System.Security.Cryptography only.</summary>
    public static void Bcl(ECParameters peer, ReadOnlySpan<byte> auth, ReadOnlySpan<byte> plaintext, Span<byte> output)
    {
        using var ephemeral = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        _ = ephemeral.ExportParameters(false);
        using var peerKey = ECDiffieHellman.Create(peer);
        using var peerPublic = peerKey.PublicKey;
        var secret = ephemeral.DeriveRawSecretAgreement(peerPublic);
        KeyScheduleAndSeal(secret, auth, plaintext, output, evp: false);
    }

    private static void KeyScheduleAndSeal(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> auth, ReadOnlySpan<byte> plaintext, Span<byte> output, bool evp)
    {
        Span<byte> prk = stackalloc byte[32];
        Span<byte> block = stackalloc byte[32];
        Span<byte> info = stackalloc byte[160];
        Span<byte> salt = stackalloc byte[16];
        RandomNumberGenerator.Fill(salt);
        HMACSHA256.HashData(auth, secret, prk);
        HMACSHA256.HashData(prk, info.Slice(0, 145), block);
        HMACSHA256.HashData(salt, block, prk);
        HMACSHA256.HashData(prk, info.Slice(0, 29), block);
        var cek = block.Slice(0, 16).ToArray();
        HMACSHA256.HashData(prk, info.Slice(0, 25), block);
        var nonce = block.Slice(0, 12);
        var record = output.Slice(0, plaintext.Length + 1);
        plaintext.CopyTo(record);
        record[^1] = 2;
        var tag = output.Slice(record.Length, 16);
        if (evp)
        {
            Seal(cek, nonce, record, tag);
        }
        else
        {
            using var aes = new AesGcm(cek, 16);
            aes.Encrypt(nonce, record, record, tag);
        }
    }

    private static void Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, Span<byte> record, Span<byte> tag)
    {
        var context = EVP_CIPHER_CTX_new();
        try
        {
            fixed (byte* k = key)
            fixed (byte* n = nonce)
            fixed (byte* r = record)
            fixed (byte* t = tag)
            {
                if (EVP_CipherInit_ex(context, EVP_aes_128_gcm(), 0, k, n, 1) != 1
                    || EVP_CipherUpdate(context, r, out _, r, record.Length) != 1
                    || EVP_CipherFinal_ex(context, r + record.Length, out _) != 1
                    || EVP_CIPHER_CTX_ctrl(context, 0x10, 16, t) != 1)
                {
                    throw new CryptographicException("EVP");
                }
            }
        }
        finally
        {
            EVP_CIPHER_CTX_free(context);
        }
    }

    [LibraryImport(LibCrypto)]
    private static partial nint EC_GROUP_new_by_curve_name(int nid);

    [LibraryImport(LibCrypto)]
    private static partial nint EC_KEY_new_by_curve_name(int nid);

    [LibraryImport(LibCrypto)]
    private static partial int EC_KEY_generate_key(nint key);

    [LibraryImport(LibCrypto)]
    private static partial void EC_KEY_free(nint key);

    [LibraryImport(LibCrypto)]
    private static partial nint EC_KEY_get0_public_key(nint key);

    [LibraryImport(LibCrypto)]
    private static partial nint EC_POINT_new(nint group);

    [LibraryImport(LibCrypto)]
    private static partial void EC_POINT_free(nint point);

    [LibraryImport(LibCrypto)]
    private static partial int EC_POINT_oct2point(nint group, nint point, byte* buffer, nuint length, nint context);

    [LibraryImport(LibCrypto)]
    private static partial nuint EC_POINT_point2oct(nint group, nint point, int form, byte* buffer, nuint length, nint context);

    [LibraryImport(LibCrypto)]
    private static partial int ECDH_compute_key(byte* output, nuint outputLength, nint peerPoint, nint key, nint kdf);

    [LibraryImport(LibCrypto)]
    private static partial nint EVP_CIPHER_CTX_new();

    [LibraryImport(LibCrypto)]
    private static partial void EVP_CIPHER_CTX_free(nint context);

    [LibraryImport(LibCrypto)]
    private static partial nint EVP_aes_128_gcm();

    [LibraryImport(LibCrypto)]
    private static partial int EVP_CipherInit_ex(nint context, nint cipher, nint engine, byte* key, byte* iv, int encrypt);

    [LibraryImport(LibCrypto)]
    private static partial int EVP_CipherUpdate(nint context, byte* output, out int outputLength, byte* input, int inputLength);

    [LibraryImport(LibCrypto)]
    private static partial int EVP_CipherFinal_ex(nint context, byte* output, out int outputLength);

    [LibraryImport(LibCrypto)]
    private static partial int EVP_CIPHER_CTX_ctrl(nint context, int type, int argument, byte* pointer);
}
