// The fast path: P-256 and AES-128-GCM through libcrypto's own EC and EVP calls (net8.0 on Linux
// with OpenSSL 3), about four times faster per message than the System.Security.Cryptography route.
//
// Where the time goes on the BCL route, measured per message: key generation and export ~80 us,
// importing the receiver's p256dh ~108 us, ECDH ~117 us. OpenSSL 3's EVP_PKEY import and derive
// each run a full public-key check, which includes a scalar multiplication of the peer point by
// the group order n to prove n * Q = O. Here:
//   - the ephemeral key is made by EC_KEY_generate_key and used in place (no export/import);
//   - the peer point is decoded by EC_POINT_oct2point, which refuses a point that is not on the
//     curve and coordinates that are not below p (and a 65-byte 0x04 encoding cannot express the
//     point at infinity; P256.CheckPublicKey has already checked length, prefix, range and the
//     curve equation when the PushSubscriptionKeys were created);
//   - ECDH_compute_key multiplies the point by our scalar and returns X.
// Skipping the n * Q check is safe for P-256 because its cofactor is 1: the curve group has prime
// order n, so every point on the curve other than O already lies in the prime-order group and
// n * Q = O holds for it by Lagrange's theorem (SEC 1 v2 Section 3.2.2.1: the order check is
// only needed when h > 1). Small-subgroup and invalid-curve attacks are stopped by the on-curve
// check, which is kept. Signing (rare: VAPID tokens are cached), HMAC and random bytes use the BCL.
using System;
using System.Security.Cryptography;
using Pushwright.Internal;

namespace Pushwright.Cryptography;

internal sealed unsafe class OpenSslCryptoBackend : CryptoBackend
{
    private const int GcmGetTag = 0x10;
    private const int GcmSetTag = 0x11;

    /// <summary>The value of <see cref="Name"/>.</summary>
    internal const string DisplayName = "OpenSSL (libcrypto fast path)";

    private OpenSslCryptoBackend(SafeEcGroupHandle group) => Group = group;

    /// <summary>Gets the fast path, or null where libcrypto 3.x is not available.</summary>
    public static OpenSslCryptoBackend? Instance { get; } = TryCreate();

    /// <inheritdoc/>
    public override string Name => DisplayName;

    /// <summary>Gets the P-256 group, created once and kept for the life of the process.</summary>
    internal SafeEcGroupHandle Group { get; }

    /// <inheritdoc/>
    public override EcdhPrivateKey GenerateP256Key()
    {
        var key = LibCrypto.EC_KEY_new_by_curve_name(LibCrypto.NidP256);
        if (key.IsInvalid || LibCrypto.EC_KEY_generate_key(key) != 1)
        {
            key.Dispose();
            throw Failed("EC_KEY_generate_key");
        }

        return new OpenSslEcdhPrivateKey(this, key);
    }

    /// <inheritdoc/>
    public override EcdhPrivateKey ImportP256Key(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> publicKey)
    {
        if (!P256.IsValidPrivateKey(privateKey))
        {
            throw Error.PrivateKeyOutOfRange(nameof(privateKey)).ToException();
        }

        var key = LibCrypto.EC_KEY_new_by_curve_name(LibCrypto.NidP256);
        try
        {
            SafeBignumHandle scalar;
            fixed (byte* d = privateKey)
            {
                scalar = LibCrypto.BN_bin2bn(d, privateKey.Length, 0);
            }

            using (scalar)
            using (var computed = LibCrypto.EC_POINT_new(Group))
            using (var given = LibCrypto.EC_POINT_new(Group))
            {
                if (key.IsInvalid || scalar.IsInvalid || computed.IsInvalid || given.IsInvalid
                    || LibCrypto.EC_POINT_mul(Group, computed, scalar, 0, 0, 0) != 1)
                {
                    throw Failed("EC_POINT_mul");
                }

                int decoded;
                fixed (byte* q = publicKey)
                {
                    decoded = LibCrypto.EC_POINT_oct2point(Group, given, q, (nuint)publicKey.Length, 0);
                }

                if (decoded != 1 || LibCrypto.EC_POINT_cmp(Group, computed, given, 0) != 0)
                {
                    LibCrypto.ERR_clear_error();
                    throw Error.KeyPairMismatch(nameof(publicKey)).ToException();
                }

                // Both copy their argument into the key, so ours are freed on leaving this block.
                if (LibCrypto.EC_KEY_set_private_key(key, scalar) != 1 || LibCrypto.EC_KEY_set_public_key(key, computed) != 1)
                {
                    throw Failed("EC_KEY_set_private_key");
                }
            }

            var result = new OpenSslEcdhPrivateKey(this, key);
            key = null;
            return result;
        }
        finally
        {
            key?.Dispose();
        }
    }

    /// <inheritdoc/>
    public override void DeriveP256PublicKey(ReadOnlySpan<byte> privateKey, Span<byte> publicKey)
    {
        SafeBignumHandle scalar;
        fixed (byte* d = privateKey)
        {
            scalar = LibCrypto.BN_bin2bn(d, privateKey.Length, 0);
        }

        using (scalar)
        using (var point = LibCrypto.EC_POINT_new(Group))
        {
            fixed (byte* q = publicKey)
            {
                if (scalar.IsInvalid || point.IsInvalid || LibCrypto.EC_POINT_mul(Group, point, scalar, 0, 0, 0) != 1
                    || LibCrypto.EC_POINT_point2oct(Group, point, LibCrypto.PointConversionUncompressed, q, 65, 0) != 65)
                {
                    throw Failed("EC_POINT_mul");
                }
            }
        }
    }

    /// <inheritdoc/>
    public override Es256Signer CreateEs256Signer(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> publicKey) =>
        BclCryptoBackend.Instance.CreateEs256Signer(privateKey, publicKey);

    /// <inheritdoc/>
    public override void HmacSha256(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> destination) =>
        HMACSHA256.HashData(key, data, destination);

    /// <inheritdoc/>
    public override void AesGcmSeal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag)
    {
        using var context = LibCrypto.EVP_CIPHER_CTX_new();
        fixed (byte* k = key)
        fixed (byte* n = nonce)
        fixed (byte* input = plaintext)
        fixed (byte* output = ciphertext)
        fixed (byte* t = tag)
        {
            if (context.IsInvalid
                || LibCrypto.EVP_CipherInit_ex(context, LibCrypto.EVP_aes_128_gcm(), 0, k, n, 1) != 1
                || LibCrypto.EVP_CipherUpdate(context, output, out _, input, plaintext.Length) != 1
                || LibCrypto.EVP_CipherFinal_ex(context, output + plaintext.Length, out _) != 1
                || LibCrypto.EVP_CIPHER_CTX_ctrl(context, GcmGetTag, WebPushConstants.TagSize, t) != 1)
            {
                throw Failed("EVP aes-128-gcm encrypt");
            }
        }
    }

    /// <inheritdoc/>
    public override bool AesGcmOpen(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext)
    {
        using var context = LibCrypto.EVP_CIPHER_CTX_new();
        fixed (byte* k = key)
        fixed (byte* n = nonce)
        fixed (byte* input = ciphertext)
        fixed (byte* output = plaintext)
        fixed (byte* t = tag)
        {
            if (context.IsInvalid
                || LibCrypto.EVP_CipherInit_ex(context, LibCrypto.EVP_aes_128_gcm(), 0, k, n, 0) != 1
                || LibCrypto.EVP_CipherUpdate(context, output, out _, input, ciphertext.Length) != 1
                || LibCrypto.EVP_CIPHER_CTX_ctrl(context, GcmSetTag, WebPushConstants.TagSize, t) != 1)
            {
                throw Failed("EVP aes-128-gcm decrypt");
            }

            if (LibCrypto.EVP_CipherFinal_ex(context, output + ciphertext.Length, out _) != 1)
            {
                // The tag did not verify: wipe what was decrypted so it is never used.
                LibCrypto.ERR_clear_error();
                CryptoMemory.Zero(plaintext);
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override void FillRandom(Span<byte> destination) => RandomNumberGenerator.Fill(destination);

    private static OpenSslCryptoBackend? TryCreate()
    {
        try
        {
            if (!LibCrypto.IsAvailable())
            {
                return null;
            }

            var group = LibCrypto.EC_GROUP_new_by_curve_name(LibCrypto.NidP256);
            if (group.IsInvalid)
            {
                group.Dispose();
                return null;
            }

            return new OpenSslCryptoBackend(group);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return null;
        }
    }

    private static CryptographicException Failed(string operation)
    {
        // Leave no error in this thread's queue for the BCL's own OpenSSL calls to trip over.
        LibCrypto.ERR_clear_error();
        return new CryptographicException("libcrypto failed in " + operation + ".");
    }
}
