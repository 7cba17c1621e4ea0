using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Pushwright.Encryption;

namespace Pushwright.Benchmarks;

/// <summary>One message encrypted for one subscription, on every backend of this asset, against the in-run floor.</summary>
[MemoryDiagnoser]
public class EncryptBenchmark
{
    private readonly byte[] _output = new byte[4096];
    private readonly byte[] _peer = Subscriber.Keys.PublicKey.ToArray();
    private readonly byte[] _auth = Subscriber.Keys.AuthSecret.ToArray();
    private byte[] _plaintext = [];

    [ParamsSource(nameof(BackendNames))]
    public string Backend { get; set; } = string.Empty;

    [Params(ContentEncoding.Aes128Gcm, ContentEncoding.AesGcm)]
    public ContentEncoding Encoding { get; set; }

    [Params(100, 3000)]
    public int Size { get; set; }

    public static IEnumerable<string> BackendNames() => Backends.Names;

    [GlobalSetup]
    public void Setup() => _plaintext = new byte[Size];

    [Benchmark(Baseline = true, Description = "floor: raw primitives, libcrypto")]
    public void Floor() => RawPrimitives.FastPath(_peer, _auth, _plaintext, _output);

    [Benchmark(Description = "WebPushEncryption.Encrypt")]
    public EncryptedPayload Encrypt()
    {
        var backend = Backends.Get(Backend);
        System.Span<byte> salt = stackalloc byte[16];
        backend.FillRandom(salt);
        using var ephemeral = backend.GenerateP256Key();
        return WebPushEncryption.EncryptCore(backend, Subscriber.Keys.SubscriptionKeys, _plaintext, Encoding, 0, ephemeral, salt);
    }
}
