using System.Security.Cryptography;
using Pushwright.Encryption;

namespace Pushwright.Benchmarks;

/// <summary>One simulated browser subscription, shared by the benchmarks.</summary>
public static class Subscriber
{
    public static readonly UserAgentKeys Keys = UserAgentKeys.Generate();

    public static ECParameters PublicParameters => new()
    {
        Curve = ECCurve.NamedCurves.nistP256,
        Q = new ECPoint { X = Keys.PublicKey.Slice(1, 32).ToArray(), Y = Keys.PublicKey.Slice(33, 32).ToArray() },
    };
}
