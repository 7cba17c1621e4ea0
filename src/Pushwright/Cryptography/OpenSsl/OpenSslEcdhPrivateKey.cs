using System;
using System.Security.Cryptography;

namespace Pushwright.Cryptography;

/// <summary>A P-256 key pair as a libcrypto EC_KEY, owned by a <see cref="SafeEcKeyHandle"/> and freed (its scalar cleared) on dispose.</summary>
internal sealed unsafe class OpenSslEcdhPrivateKey : EcdhPrivateKey
{
    private readonly OpenSslCryptoBackend _backend;
    private readonly SafeEcKeyHandle _key;

    public OpenSslEcdhPrivateKey(OpenSslCryptoBackend backend, SafeEcKeyHandle key)
    {
        _backend = backend;
        _key = key;
    }

    /// <summary>Gets the handle, for tests that prove it is released.</summary>
    internal SafeEcKeyHandle Handle => _key;

    /// <inheritdoc/>
    public override void ExportPublicKey(Span<byte> destination)
    {
        ThrowIfDisposed();
        fixed (byte* q = destination)
        {
            var cursor = q;
            if (destination.Length < 65 || LibCrypto.i2o_ECPublicKey(_key, &cursor) != 65)
            {
                LibCrypto.ERR_clear_error();
                throw new CryptographicException("libcrypto failed in i2o_ECPublicKey.");
            }
        }
    }

    /// <inheritdoc/>
    public override void ExportPrivateKey(Span<byte> destination)
    {
        ThrowIfDisposed();
        fixed (byte* d = destination)
        {
            if (LibCrypto.EC_KEY_priv2oct(_key, d, (nuint)Math.Min(destination.Length, 32)) != 32)
            {
                LibCrypto.ERR_clear_error();
                throw new CryptographicException("libcrypto failed in EC_KEY_priv2oct.");
            }
        }
    }

    /// <inheritdoc/>
    public override bool TryDeriveSharedSecret(ReadOnlySpan<byte> peerPublicKey, Span<byte> destination)
    {
        ThrowIfDisposed();

        // Length and prefix here; EC_POINT_oct2point checks the range and the curve equation.
        if (peerPublicKey.Length != 65 || peerPublicKey[0] != 0x04)
        {
            return false;
        }

        using var point = LibCrypto.EC_POINT_new(_backend.Group);
        fixed (byte* q = peerPublicKey)
        fixed (byte* secret = destination)
        {
            if (point.IsInvalid || LibCrypto.EC_POINT_oct2point(_backend.Group, point, q, 65, 0) != 1)
            {
                LibCrypto.ERR_clear_error();
                return false;
            }

            if (LibCrypto.ECDH_compute_key(secret, 32, point, _key, 0) != 32)
            {
                LibCrypto.ERR_clear_error();
                CryptoMemory.Zero(destination.Slice(0, Math.Min(32, destination.Length)));
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _key.Dispose();
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_key.IsClosed, this);
}
