using System;
using System.Threading;

namespace Pushwright.Cryptography;

/// <summary>A P-256 key pair as a libcrypto EC_KEY, freed (and its scalar cleared) on dispose.</summary>
internal sealed unsafe class OpenSslEcdhPrivateKey : EcdhPrivateKey
{
    private readonly OpenSslCryptoBackend _backend;
    private nint _key;

    public OpenSslEcdhPrivateKey(OpenSslCryptoBackend backend, nint key)
    {
        _backend = backend;
        _key = key;
    }

    /// <inheritdoc/>
    public override void ExportPublicKey(Span<byte> destination)
    {
        fixed (byte* q = destination)
        {
            if (LibCrypto.EC_POINT_point2oct(_backend.Group, LibCrypto.EC_KEY_get0_public_key(Key), LibCrypto.PointConversionUncompressed, q, 65, 0) != 65)
            {
                LibCrypto.ERR_clear_error();
                throw new System.Security.Cryptography.CryptographicException("libcrypto failed in EC_POINT_point2oct.");
            }
        }
    }

    /// <inheritdoc/>
    public override void ExportPrivateKey(Span<byte> destination)
    {
        fixed (byte* d = destination)
        {
            if (LibCrypto.BN_bn2binpad(LibCrypto.EC_KEY_get0_private_key(Key), d, 32) != 32)
            {
                LibCrypto.ERR_clear_error();
                throw new System.Security.Cryptography.CryptographicException("libcrypto failed in BN_bn2binpad.");
            }
        }
    }

    /// <inheritdoc/>
    public override bool TryDeriveSharedSecret(ReadOnlySpan<byte> peerPublicKey, Span<byte> destination)
    {
        // Length and prefix here; EC_POINT_oct2point checks the range and the curve equation.
        if (peerPublicKey.Length != 65 || peerPublicKey[0] != 0x04)
        {
            return false;
        }

        var point = LibCrypto.EC_POINT_new(_backend.Group);
        try
        {
            fixed (byte* q = peerPublicKey)
            fixed (byte* secret = destination)
            {
                if (point == 0 || LibCrypto.EC_POINT_oct2point(_backend.Group, point, q, 65, 0) != 1)
                {
                    LibCrypto.ERR_clear_error();
                    return false;
                }

                if (LibCrypto.ECDH_compute_key(secret, 32, point, Key, 0) != 32)
                {
                    LibCrypto.ERR_clear_error();
                    CryptoMemory.Zero(destination.Slice(0, Math.Min(32, destination.Length)));
                    return false;
                }
            }

            return true;
        }
        finally
        {
            LibCrypto.EC_POINT_free(point);
        }
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        // EC_KEY_free clears the private scalar before freeing it.
        LibCrypto.EC_KEY_free(Interlocked.Exchange(ref _key, 0));
    }

    private nint Key => _key != 0 ? _key : throw new ObjectDisposedException(nameof(OpenSslEcdhPrivateKey));
}
