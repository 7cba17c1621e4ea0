using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;

namespace Pushwright.Benchmarks;

/// <summary>The raw primitives of one message: through libcrypto directly (the floor) and through plain System.Security.Cryptography.</summary>
[MemoryDiagnoser]
public class FloorBenchmark
{
    private readonly byte[] _plaintext = new byte[100];
    private readonly byte[] _output = new byte[4096];
    private readonly byte[] _peer = Subscriber.Keys.PublicKey.ToArray();
    private readonly byte[] _auth = Subscriber.Keys.AuthSecret.ToArray();
    private readonly ECParameters _peerParameters = Subscriber.PublicParameters;

    [Benchmark(Baseline = true, Description = "raw primitives, libcrypto")]
    public void FastestRoute() => RawPrimitives.FastPath(_peer, _auth, _plaintext, _output);

    [Benchmark(Description = "raw primitives, System.Security.Cryptography")]
    public void Bcl() => RawPrimitives.Bcl(_peerParameters, _auth, _plaintext, _output);
}
