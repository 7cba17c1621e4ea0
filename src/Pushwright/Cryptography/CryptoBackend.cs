// The one internal seam between the Web Push wire format and the primitives under it.
//
// Everything in Encryption/ and Vapid/ asks a CryptoBackend for P-256 keys, ECDH, HMAC-SHA-256,
// AES-128-GCM and random bytes, and nothing else. Each shipped asset has one default backend:
//   net8.0          libcrypto 3 directly where it can be loaded (Linux; see OpenSslCryptoBackend),
//                   else System.Security.Cryptography (CNG on Windows, Apple's libraries on macOS)
//   netstandard2.0  BouncyCastle.Cryptography, because the BCL there lacks AesGcm, HKDF and raw ECDH import
// Both run the same known-answer and interop tests (tests/Pushwright.Tests and its NetStandard twin).
// The fast path can be turned off (see Default); the choice is made once, on first use.
using System;

namespace Pushwright.Cryptography;

internal abstract class CryptoBackend
{
#if NET8_0_OR_GREATER
    /// <summary>The <see cref="AppContext"/> switch that turns the libcrypto fast path off.</summary>
    internal const string DisableOpenSslFastPathSwitch = "Pushwright.Cryptography.DisableOpenSslFastPath";

    /// <summary>The environment variable that turns the libcrypto fast path off: <c>1</c> or <c>true</c>.</summary>
    internal const string DisableOpenSslFastPathVariable = "PUSHWRIGHT_DISABLE_OPENSSL_FAST_PATH";
#endif

    /// <summary>Gets the backend of this build of the library, chosen once, on first use.</summary>
    /// <remarks>
    /// <para>
    /// net8.0: the libcrypto fast path (<c>OpenSslCryptoBackend</c>) where libcrypto.so.3 loads
    /// (Linux with OpenSSL 3), else System.Security.Cryptography (<c>BclCryptoBackend</c>).
    /// An application turns the fast path off, so that everything goes through
    /// System.Security.Cryptography, with the <see cref="AppContext"/> switch
    /// <c>Pushwright.Cryptography.DisableOpenSslFastPath</c> (in the project file:
    /// <c>&lt;RuntimeHostConfigurationOption Include="Pushwright.Cryptography.DisableOpenSslFastPath" Value="true" /&gt;</c>,
    /// or <c>AppContext.SetSwitch</c> before the first key, encryption or VAPID token) or the environment
    /// variable <c>PUSHWRIGHT_DISABLE_OPENSSL_FAST_PATH=1</c> (or <c>true</c>). The switch wins when both are set.
    /// Either is read once, the first time this property is used; later changes have no effect.
    /// </para>
    /// <para>netstandard2.0: BouncyCastle (<c>BouncyCastleCryptoBackend</c>); the switch does not apply.</para>
    /// </remarks>
    public static CryptoBackend Default { get; } =
#if NET8_0_OR_GREATER
        IsOpenSslFastPathDisabled() ? BclCryptoBackend.Instance : (CryptoBackend?)OpenSslCryptoBackend.Instance ?? BclCryptoBackend.Instance;
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

#if NET8_0_OR_GREATER
    /// <summary>Reads the switch, then the environment variable; see <see cref="Default"/>.</summary>
    internal static bool IsOpenSslFastPathDisabled()
    {
        if (AppContext.TryGetSwitch(DisableOpenSslFastPathSwitch, out var disabled))
        {
            return disabled;
        }

        var value = Environment.GetEnvironmentVariable(DisableOpenSslFastPathVariable);
        return value == "1" || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
    }
#endif
}
