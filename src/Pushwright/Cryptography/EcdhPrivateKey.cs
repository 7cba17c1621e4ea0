using System;

namespace Pushwright.Cryptography;

/// <summary>A P-256 key pair held by a backend, used for one or more ECDH derivations.</summary>
internal abstract class EcdhPrivateKey : IDisposable
{
    /// <summary>Writes the 65-byte uncompressed public key.</summary>
    public abstract void ExportPublicKey(Span<byte> destination);

    /// <summary>Writes the 32-byte private scalar (big-endian, left-padded). The caller wipes it.</summary>
    public abstract void ExportPrivateKey(Span<byte> destination);

    /// <summary>
    /// Derives the 32-byte ECDH secret (the X coordinate of the shared point) with
    /// <paramref name="peerPublicKey"/>, a 65-byte uncompressed point. Returns false, writing
    /// nothing, when the peer key is not a valid point on P-256.
    /// </summary>
    public abstract bool TryDeriveSharedSecret(ReadOnlySpan<byte> peerPublicKey, Span<byte> destination);

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the key material.</summary>
    protected abstract void Dispose(bool disposing);
}
