using System;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Utilities;

namespace Pushwright.Cryptography;

/// <summary>A P-256 key pair as BouncyCastle parameters.</summary>
internal sealed class BouncyCastleEcdhPrivateKey : EcdhPrivateKey
{
    private readonly ECPrivateKeyParameters _privateKey;
    private readonly ECPublicKeyParameters _publicKey;

    public BouncyCastleEcdhPrivateKey(ECPrivateKeyParameters privateKey, ECPublicKeyParameters publicKey)
    {
        _privateKey = privateKey;
        _publicKey = publicKey;
    }

    /// <inheritdoc/>
    public override void ExportPublicKey(Span<byte> destination) =>
        _publicKey.Q.GetEncoded(compressed: false).AsSpan().CopyTo(destination);

    /// <inheritdoc/>
    public override void ExportPrivateKey(Span<byte> destination)
    {
        var d = BigIntegers.AsUnsignedByteArray(32, _privateKey.D);
        d.AsSpan().CopyTo(destination);
        CryptoMemory.Zero(d);
    }

    /// <inheritdoc/>
    public override bool TryDeriveSharedSecret(ReadOnlySpan<byte> peerPublicKey, Span<byte> destination)
    {
        if (!P256.IsValidPublicKey(peerPublicKey))
        {
            return false;
        }

        // P256.IsValidPublicKey has checked the encoding, the range and the curve equation, which
        // are exactly what DecodePoint would refuse, so it cannot throw here.
        var peer = BouncyCastleCryptoBackend.Domain.Curve.DecodePoint(peerPublicKey.ToArray());

        var shared = peer.Multiply(_privateKey.D).Normalize();
        if (shared.IsInfinity)
        {
            return false;
        }

        var x = BigIntegers.AsUnsignedByteArray(32, shared.AffineXCoord.ToBigInteger());
        x.AsSpan().CopyTo(destination);
        CryptoMemory.Zero(x);
        return true;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        // BouncyCastle keeps D in an immutable BigInteger; there is nothing we can wipe.
    }
}
