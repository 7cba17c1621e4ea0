// The net8.0 backend: System.Security.Cryptography (OpenSSL on Linux, CNG on Windows).
using System;
using System.Security.Cryptography;
using Pushwright.Internal;

namespace Pushwright.Cryptography;

internal sealed class BclCryptoBackend : CryptoBackend
{
    private BclCryptoBackend()
    {
    }

    /// <summary>Gets the one instance.</summary>
    public static BclCryptoBackend Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "System.Security.Cryptography";

    /// <inheritdoc/>
    public override EcdhPrivateKey GenerateP256Key() =>
        new BclEcdhPrivateKey(ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256));

    /// <inheritdoc/>
    public override EcdhPrivateKey ImportP256Key(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> publicKey)
    {
        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = privateKey.ToArray(),
            Q = new ECPoint { X = publicKey.Slice(1, 32).ToArray(), Y = publicKey.Slice(33, 32).ToArray() },
        };
        try
        {
            // The platform checks that Q = d * G; a mismatch surfaces as CryptographicException.
            return new BclEcdhPrivateKey(ECDiffieHellman.Create(parameters));
        }
        catch (CryptographicException)
        {
            throw Error.KeyPairMismatch(nameof(publicKey)).ToException();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }

    /// <inheritdoc/>
    public override void DeriveP256PublicKey(ReadOnlySpan<byte> privateKey, Span<byte> publicKey)
    {
        // With D alone the platform computes Q = d * G on import.
        var parameters = new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = privateKey.ToArray() };
        try
        {
            using var key = ECDiffieHellman.Create(parameters);
            using var ecdh = new BclEcdhPrivateKey(key);
            ecdh.ExportPublicKey(publicKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }

    /// <inheritdoc/>
    public override Es256Signer CreateEs256Signer(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> publicKey)
    {
        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = privateKey.ToArray(),
            Q = new ECPoint { X = publicKey.Slice(1, 32).ToArray(), Y = publicKey.Slice(33, 32).ToArray() },
        };
        try
        {
            return new BclEs256Signer(ECDsa.Create(parameters));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }

    /// <inheritdoc/>
    public override void HmacSha256(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> destination) =>
        HMACSHA256.HashData(key, data, destination);

    /// <inheritdoc/>
    public override void AesGcmSeal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag)
    {
        using var aes = new AesGcm(key, WebPushConstants.TagSize);
        aes.Encrypt(nonce, plaintext, ciphertext, tag);
    }

    /// <inheritdoc/>
    public override bool AesGcmOpen(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext)
    {
        using var aes = new AesGcm(key, WebPushConstants.TagSize);
        try
        {
            aes.Decrypt(nonce, ciphertext, tag, plaintext);
            return true;
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public override void FillRandom(Span<byte> destination) => RandomNumberGenerator.Fill(destination);
}
