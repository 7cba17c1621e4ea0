using System;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Utilities;

namespace Pushwright.Cryptography;

/// <summary>ES256 with BouncyCastle, deterministic nonces (RFC 6979) so a weak random source cannot leak the key.</summary>
internal sealed class BouncyCastleEs256Signer : Es256Signer
{
    private readonly ECPrivateKeyParameters _key;

    public BouncyCastleEs256Signer(ECPrivateKeyParameters key) => _key = key;

    /// <inheritdoc/>
    public override void Sign(ReadOnlySpan<byte> data, Span<byte> signature)
    {
        var digest = new Sha256Digest();
        var input = data.ToArray();
        var hash = new byte[32];
        digest.BlockUpdate(input, 0, input.Length);
        digest.DoFinal(hash, 0);

        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
        signer.Init(true, _key);
        var rs = signer.GenerateSignature(hash);
        BigIntegers.AsUnsignedByteArray(32, rs[0]).AsSpan().CopyTo(signature);
        BigIntegers.AsUnsignedByteArray(32, rs[1]).AsSpan().CopyTo(signature.Slice(32));
    }
}
