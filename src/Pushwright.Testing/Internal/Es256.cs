// ES256 signature verification for VAPID tokens (RFC 7515 Appendix A.3, RFC 7518 Section 3.4):
// ECDSA over P-256 with SHA-256, the signature the 64-byte r || s (not DER), the key a 65-byte
// uncompressed point (SEC 1 Section 2.3.3). net8.0 uses System.Security.Cryptography; the
// netstandard2.0 asset uses BouncyCastle, because .NET Framework 4.6.2 cannot import an explicit
// P-256 public key into ECDsa. Neither is the code the library signs with on that platform's
// default path (the core signs through its own backend seam), and the tests check both against
// Microsoft.IdentityModel and node's web-push.
#if NET8_0_OR_GREATER
using System.Security.Cryptography;
#else
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
#endif

namespace Pushwright.Testing.Internal;

internal static class Es256
{
    public const int PublicKeyLength = 65;
    public const int SignatureLength = 64;

#if NET8_0_OR_GREATER
    /// <summary>True when <paramref name="signature"/> signs <paramref name="data"/> with <paramref name="publicKey"/>; false also for a key that is not a point on P-256.</summary>
    public static bool Verify(byte[] publicKey, byte[] data, byte[] signature)
    {
        if (publicKey.Length != PublicKeyLength || publicKey[0] != 0x04 || signature.Length != SignatureLength)
        {
            return false;
        }

        ECDsa ecdsa;
        try
        {
            ecdsa = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = publicKey[1..33], Y = publicKey[33..65] },
            });
        }
        catch (CryptographicException)
        {
            // The platform offers no non-throwing import; a point off the curve is refused here.
            return false;
        }

        using (ecdsa)
        {
            return ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256);
        }
    }
#else
    private static readonly X9ECParameters s_curve = ECNamedCurveTable.GetByName("P-256");
    private static readonly ECDomainParameters s_domain = new(s_curve);

    /// <summary>True when <paramref name="signature"/> signs <paramref name="data"/> with <paramref name="publicKey"/>; false also for a key that is not a point on P-256.</summary>
    public static bool Verify(byte[] publicKey, byte[] data, byte[] signature)
    {
        if (publicKey.Length != PublicKeyLength || publicKey[0] != 0x04 || signature.Length != SignatureLength)
        {
            return false;
        }

        var x = new BigInteger(1, publicKey, 1, 32);
        var y = new BigInteger(1, publicKey, 33, 32);
        var p = s_curve.Curve.Field.Characteristic;
        if (x.CompareTo(p) >= 0 || y.CompareTo(p) >= 0)
        {
            return false;
        }

        var point = s_curve.Curve.CreatePoint(x, y);
        if (!point.IsValid())
        {
            return false;
        }

        var digest = new Sha256Digest();
        digest.BlockUpdate(data, 0, data.Length);
        var hash = new byte[digest.GetDigestSize()];
        digest.DoFinal(hash, 0);

        var signer = new ECDsaSigner();
        signer.Init(false, new ECPublicKeyParameters(point, s_domain));
        return signer.VerifySignature(hash, new BigInteger(1, signature, 0, 32), new BigInteger(1, signature, 32, 32));
    }
#endif
}
