using System;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;

namespace Pushwright.Benchmarks;

/// <summary>The VAPID header of a request: from the token cache, and a fresh ES256 token, against a raw ES256 signature.</summary>
[MemoryDiagnoser]
public class VapidBenchmark
{
    private static readonly Uri s_endpoint = new("https://fcm.googleapis.com/fcm/send/abcdef");
    private readonly VapidDetails _details = new("mailto:ops@example.com", VapidKeys.Generate());
    private readonly ECDsa _ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly byte[] _signingInput = Encoding.ASCII.GetBytes(VapidToken.HeaderSegment + ".eyJhdWQiOiJodHRwczovL2ZjbS5nb29nbGVhcGlzLmNvbSIsImV4cCI6MTcwMDAwMDAwMCwic3ViIjoibWFpbHRvOm9wc0BleGFtcGxlLmNvbSJ9");
    private readonly byte[] _signature = new byte[64];

    [GlobalSetup]
    public void Setup() => _details.GetHeaders(s_endpoint);

    [Benchmark(Baseline = true, Description = "raw ES256 signature (ECDsa, key imported once)")]
    public bool RawSignature() => _ecdsa.TrySignData(_signingInput, _signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation, out _);

    [Benchmark(Description = "cached Authorization header")]
    public string Cached() => _details.GetHeaders(s_endpoint).Authorization;

    [Benchmark(Description = "fresh ES256 token")]
    public string Fresh() => VapidToken.Create(_details.Keys, "https://fcm.googleapis.com", 1_700_000_000, _details.Subject);
}
