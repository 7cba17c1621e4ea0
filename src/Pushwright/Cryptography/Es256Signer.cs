using System;

namespace Pushwright.Cryptography;

/// <summary>Signs with one P-256 key: ECDSA with SHA-256, the 64-byte r || s form JWS uses (not DER). Thread-safe.</summary>
internal abstract class Es256Signer
{
    /// <summary>Writes the 64-byte signature of <paramref name="data"/>.</summary>
    public abstract void Sign(ReadOnlySpan<byte> data, Span<byte> signature);
}
