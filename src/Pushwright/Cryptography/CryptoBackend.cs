// The one internal seam between the Web Push wire format and the primitives under it.
//
// Everything in Encryption/ and Vapid/ asks a CryptoBackend for P-256 keys, ECDH, HMAC-SHA-256,
// AES-128-GCM and random bytes, and nothing else. Each shipped asset has one default backend:
//   net8.0          libcrypto 3 directly where it can be loaded (Linux; see OpenSslCryptoBackend),
//                   else System.Security.Cryptography (CNG on Windows, Apple's libraries on macOS)
//   netstandard2.0  BouncyCastle.Cryptography, because the BCL there lacks AesGcm, HKDF and raw ECDH import
// Both run the same known-answer and interop tests (tests/Pushwright.Tests and its NetStandard twin).
using System;

namespace Pushwright.Cryptography;

internal abstract class CryptoBackend
{
    /// <summary>Gets the backend of this build of the library.</summary>
    public static CryptoBackend Default { get; } =
#if NET8_0_OR_GREATER
        (CryptoBackend?)OpenSslCryptoBackend.Instance ?? BclCryptoBackend.Instance;
#else
        BouncyCastleCryptoBackend.Instance;
#endif

    /// <summary>Gets a short name for diagnostics and tests, for example "System.Security.Cryptography".</summary>
    public abstract string Name { get; }

    /// <summary>Generates a fresh P-256 key pair from the system's secure random source.</summary>
    public abstract EcdhPrivateKey GenerateP256Key();

    /// <summary>
    /// Imports a P-256 key pair that the caller has checked (<c>KeyChecks</c>): the scalar is in
    /// range and <paramref name="publicKey"/> is its public key. Input is validated once, at the
    /// public boundary; a backend may check again, but need not.
    /// </summary>
    public abstract EcdhPrivateKey ImportP256Key(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> publicKey);

    /// <summary>
    /// Computes the public key of the 32-byte scalar <paramref name="privateKey"/> (which the caller
    /// has checked is in [1, n - 1]) into 65 bytes of <paramref name="publicKey"/>.
    /// </summary>
    public abstract void DeriveP256PublicKey(ReadOnlySpan<byte> privateKey, Span<byte> publicKey);

    /// <summary>
    /// Creates an ES256 signer (ECDSA P-256 with SHA-256, JWS RFC 7518 Section 3.4) for a key pair
    /// the caller has validated. The key is imported once; VAPID keeps the signer for its lifetime.
    /// </summary>
    public abstract Es256Signer CreateEs256Signer(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> publicKey);

    /// <summary>Computes HMAC-SHA-256(<paramref name="key"/>, <paramref name="data"/>) into 32 bytes of <paramref name="destination"/>.</summary>
    public abstract void HmacSha256(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> destination);

    /// <summary>AES-128-GCM encryption with no associated data; <paramref name="ciphertext"/> may be <paramref name="plaintext"/> itself.</summary>
    public abstract void AesGcmSeal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag);

    /// <summary>AES-128-GCM decryption with no associated data; false when the tag does not verify.</summary>
    public abstract bool AesGcmOpen(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext);

    /// <summary>Fills <paramref name="destination"/> from a cryptographically secure random source.</summary>
    public abstract void FillRandom(Span<byte> destination);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
