using System;
using System.Security.Cryptography;

namespace Pushwright.Cryptography;

/// <summary>A P-256 key pair in an <see cref="ECDiffieHellman"/> object.</summary>
internal sealed class BclEcdhPrivateKey : EcdhPrivateKey
{
    private readonly ECDiffieHellman _key;

    public BclEcdhPrivateKey(ECDiffieHellman key) => _key = key;

    /// <inheritdoc/>
    public override void ExportPublicKey(Span<byte> destination)
    {
        var q = _key.ExportParameters(includePrivateParameters: false).Q;
        destination[0] = 0x04;
        q.X.AsSpan().CopyTo(destination.Slice(1, 32));
        q.Y.AsSpan().CopyTo(destination.Slice(33, 32));
    }

    /// <inheritdoc/>
    public override void ExportPrivateKey(Span<byte> destination)
    {
        var parameters = _key.ExportParameters(includePrivateParameters: true);
        try
        {
            parameters.D.AsSpan().CopyTo(destination);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(parameters.D);
        }
    }

    /// <inheritdoc/>
    public override bool TryDeriveSharedSecret(ReadOnlySpan<byte> peerPublicKey, Span<byte> destination)
    {
        // Our own check first (length, prefix, range, curve equation): it is cheap, and it means
        // a bad key is refused the same way on every backend.
        if (!P256.IsValidPublicKey(peerPublicKey))
        {
            return false;
        }

        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = peerPublicKey.Slice(1, 32).ToArray(), Y = peerPublicKey.Slice(33, 32).ToArray() },
        };

        ECDiffieHellman peer;
        try
        {
            peer = ECDiffieHellman.Create(parameters);
        }
        catch (CryptographicException)
        {
            return false;
        }

        using (peer)
        using (var peerKey = peer.PublicKey)
        {
            var secret = _key.DeriveRawSecretAgreement(peerKey);
            try
            {
                secret.AsSpan().CopyTo(destination);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(secret);
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
}
