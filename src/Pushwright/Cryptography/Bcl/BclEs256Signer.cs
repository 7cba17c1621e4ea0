using System;
using System.Security.Cryptography;

namespace Pushwright.Cryptography;

/// <summary>ES256 with an <see cref="ECDsa"/> imported once (the import's key check is the expensive part).</summary>
internal sealed class BclEs256Signer : Es256Signer
{
    private readonly ECDsa _key;

    public BclEs256Signer(ECDsa key) => _key = key;

    /// <inheritdoc/>
    public override void Sign(ReadOnlySpan<byte> data, Span<byte> signature)
    {
        // ECDsa instances are not documented as thread-safe; signing is rare (tokens are cached).
        lock (_key)
        {
            if (!_key.TrySignData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation, out var written) || written != 64)
            {
                throw new CryptographicException("ES256 signing produced no 64-byte signature.");
            }
        }
    }
}
