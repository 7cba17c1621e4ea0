using System;
using System.Net.Http;
using BenchmarkDotNet.Attributes;

namespace Pushwright.Benchmarks;

/// <summary>A full aes128gcm request ready to send (encryption, cached VAPID, headers), against the in-run floor.</summary>
[MemoryDiagnoser]
public class CreateRequestBenchmark
{
    private readonly HttpClient _httpClient = new();
    private readonly byte[] _output = new byte[4096];
    private readonly byte[] _peer = Subscriber.Keys.PublicKey.ToArray();
    private readonly byte[] _auth = Subscriber.Keys.AuthSecret.ToArray();
    private readonly byte[] _plaintext = new byte[100];
    private WebPushClient _client = null!;
    private PushSubscription _subscription = null!;
    private PushMessage _message = null!;

    [GlobalSetup]
    public void Setup()
    {
        _client = new WebPushClient(_httpClient, new VapidDetails("mailto:ops@example.com", VapidKeys.Generate()));
        _subscription = new PushSubscription(new Uri("https://fcm.googleapis.com/fcm/send/abcdef"), Subscriber.Keys.SubscriptionKeys);
        _message = new PushMessage(_plaintext) { TimeToLive = TimeSpan.FromHours(1), Urgency = PushUrgency.High, Topic = "order-42" };
    }

    [Benchmark(Baseline = true, Description = "floor: raw primitives, libcrypto")]
    public void Floor() => RawPrimitives.FastPath(_peer, _auth, _plaintext, _output);

    [Benchmark(Description = "WebPushClient.CreateRequest")]
    public void CreateRequest()
    {
        using var request = _client.CreateRequest(_subscription, _message);
    }
}
