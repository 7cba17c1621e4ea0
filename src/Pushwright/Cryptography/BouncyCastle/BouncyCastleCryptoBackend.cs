// The netstandard2.0 backend: BouncyCastle.Cryptography (managed code, for .NET Framework 4.6.2+,
// Unity and Mono, where the BCL has no AesGcm, no HKDF and no raw ECDH import).
using System;
using System.Diagnostics;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Pushwright.Internal;

namespace Pushwright.Cryptography;

internal sealed class BouncyCastleCryptoBackend : CryptoBackend
{
    // CustomNamedCurves, not ECNamedCurveTable: the custom SecP256R1Curve has P-256's dedicated
    // field arithmetic; the generic curve made key generation and ECDH about twenty times slower.
    private static readonly X9ECParameters s_curve = CustomNamedCurves.GetByName("secp256r1");
    private static readonly SecureRandom s_random = new();

    private BouncyCastleCryptoBackend()
    {
    }

    /// <summary>Gets the one instance.</summary>
    public static BouncyCastleCryptoBackend Instance { get; } = new();

    /// <summary>Gets the P-256 domain parameters.</summary>
    internal static ECDomainParameters Domain { get; } = new(s_curve);

    /// <inheritdoc/>
    public override string Name => "BouncyCastle";

    /// <inheritdoc/>
    public override EcdhPrivateKey GenerateP256Key()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(Domain, s_random));
        var pair = generator.GenerateKeyPair();
        return new BouncyCastleEcdhPrivateKey((ECPrivateKeyParameters)pair.Private, (ECPublicKeyParameters)pair.Public);
    }

    /// <inheritdoc/>
    public override EcdhPrivateKey ImportP256Key(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> publicKey)
    {
        var scalarBytes = privateKey.ToArray();
        try
        {
            // The caller has checked both keys and that they belong together (KeyChecks).
            var d = new BigInteger(1, scalarBytes);
            var q = Domain.Curve.DecodePoint(publicKey.ToArray());
            Debug.Assert(Domain.G.Multiply(d).Normalize().Equals(q), "The key pair was checked before import.");
            return new BouncyCastleEcdhPrivateKey(new ECPrivateKeyParameters(d, Domain), new ECPublicKeyParameters(q, Domain));
        }
        finally
        {
            CryptoMemory.Zero(scalarBytes);
        }
    }

    /// <inheritdoc/>
    public override void DeriveP256PublicKey(ReadOnlySpan<byte> privateKey, Span<byte> publicKey)
    {
        var scalarBytes = privateKey.ToArray();
        try
        {
            Domain.G.Multiply(new BigInteger(1, scalarBytes)).Normalize().GetEncoded(compressed: false).AsSpan().CopyTo(publicKey);
        }
        finally
        {
            CryptoMemory.Zero(scalarBytes);
        }
    }

    /// <inheritdoc/>
    public override Es256Signer CreateEs256Signer(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> publicKey)
    {
        var scalarBytes = privateKey.ToArray();
        try
        {
            return new BouncyCastleEs256Signer(new ECPrivateKeyParameters(new BigInteger(1, scalarBytes), Domain));
        }
        finally
        {
            CryptoMemory.Zero(scalarBytes);
        }
    }

    /// <inheritdoc/>
    public override void HmacSha256(ReadOnlySpan<byte> key, ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var keyBytes = key.ToArray();
        var dataBytes = data.ToArray();
        var output = new byte[32];
        try
        {
            var hmac = new HMac(new Sha256Digest());
            hmac.Init(new KeyParameter(keyBytes));
            hmac.BlockUpdate(dataBytes, 0, dataBytes.Length);
            hmac.DoFinal(output, 0);
            output.AsSpan().CopyTo(destination);
        }
        finally
        {
            CryptoMemory.Zero(keyBytes);
            CryptoMemory.Zero(dataBytes);
            CryptoMemory.Zero(output);
        }
    }

    /// <inheritdoc/>
    public override void AesGcmSeal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag)
    {
        var cipher = CreateGcm(forEncryption: true, key, nonce);
        var input = plaintext.ToArray();
        var output = new byte[input.Length + WebPushConstants.TagSize];
        try
        {
            var length = cipher.ProcessBytes(input, 0, input.Length, output, 0);
            cipher.DoFinal(output, length);
            output.AsSpan(0, input.Length).CopyTo(ciphertext);
            output.AsSpan(input.Length, WebPushConstants.TagSize).CopyTo(tag);
        }
        finally
        {
            CryptoMemory.Zero(input);
            CryptoMemory.Zero(output);
        }
    }

    /// <inheritdoc/>
    public override bool AesGcmOpen(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext)
    {
        var cipher = CreateGcm(forEncryption: false, key, nonce);
        var input = new byte[ciphertext.Length + WebPushConstants.TagSize];
        ciphertext.CopyTo(input);
        tag.CopyTo(input.AsSpan(ciphertext.Length));
        var output = new byte[ciphertext.Length];
        try
        {
            var length = cipher.ProcessBytes(input, 0, input.Length, output, 0);
            cipher.DoFinal(output, length);
            output.AsSpan().CopyTo(plaintext);
            return true;
        }
        catch (InvalidCipherTextException)
        {
            return false;
        }
        finally
        {
            CryptoMemory.Zero(output);
        }
    }

    /// <inheritdoc/>
    public override void FillRandom(Span<byte> destination)
    {
        var bytes = new byte[destination.Length];
        s_random.NextBytes(bytes);
        bytes.AsSpan().CopyTo(destination);
        CryptoMemory.Zero(bytes);
    }

    private static GcmBlockCipher CreateGcm(bool forEncryption, ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce)
    {
        var cipher = new GcmBlockCipher(new AesEngine());
        cipher.Init(forEncryption, new AeadParameters(new KeyParameter(key.ToArray()), WebPushConstants.TagSize * 8, nonce.ToArray()));
        return cipher;
    }
}
