using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Pushwright.Benchmarks;

/// <summary>
/// SendManyAsync of 10,000 messages to a loopback Kestrel sink that answers 201, against the same
/// sink fed the same number of pre-built requests at the same concurrency (the transport's floor).
/// One invocation sends all messages; messages per second = 10,000 / the time shown. The CI dry
/// run sets PUSHWRIGHT_BENCH_MESSAGES to send fewer.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class SendBenchmark
{
    private static readonly int s_messages = int.TryParse(Environment.GetEnvironmentVariable("PUSHWRIGHT_BENCH_MESSAGES"), out var n) && n > 0 ? n : 10_000;
    private WebApplication? _sink;
    private HttpClient _httpClient = null!;
    private WebPushClient _client = null!;
    private PushSubscription[] _subscriptions = [];
    private PushMessage _message = null!;
    private HttpRequestMessage[] _prebuilt = [];

    [Params("1.1", "2.0")]
    public string Http { get; set; } = "1.1";

    [Params(1, 16, 64)]
    public int Concurrency { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = Http == "2.0" ? HttpProtocols.Http2 : HttpProtocols.Http1);
            kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
        });
        _sink = builder.Build();
        _sink.MapPost("/push/{id}", async context =>
        {
            await context.Request.Body.CopyToAsync(System.IO.Stream.Null);
            context.Response.StatusCode = StatusCodes.Status201Created;
        });
        await _sink.StartAsync();
        var address = _sink.Urls.First();

        // A handler of its own (connections per server, the exact HTTP version), so the address policy of
        // WebPushClient.CreateHttpHandler, which would refuse this loopback sink, is not in play.
        var version = Http == "2.0" ? HttpVersion.Version20 : HttpVersion.Version11;
        _httpClient = new HttpClient(new SocketsHttpHandler { EnableMultipleHttp2Connections = true, MaxConnectionsPerServer = Concurrency })
        {
            DefaultRequestVersion = version,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        var options = new WebPushClientOptions { AllowHttpEndpoints = true, MaxConcurrency = Concurrency };
        _client = new WebPushClient(_httpClient, new VapidDetails("mailto:ops@example.com", VapidKeys.Generate()), options);
        _subscriptions = Enumerable.Range(0, s_messages)
            .Select(i => new PushSubscription(new Uri($"{address}/push/{i}"), Subscriber.Keys.SubscriptionKeys))
            .ToArray();
        _message = new PushMessage(new byte[100]) { TimeToLive = TimeSpan.FromHours(1) };
    }

    [IterationSetup(Target = nameof(PrebuiltRequests))]
    public void BuildRequests() => _prebuilt = _subscriptions.Select(s => _client.CreateRequest(s, _message)).ToArray();

    [Benchmark(Baseline = true, Description = "transport floor: pre-built requests")]
    public async Task PrebuiltRequests()
    {
        using var slots = new SemaphoreSlim(Concurrency);
        var tasks = new List<Task>(s_messages);
        foreach (var request in _prebuilt)
        {
            await slots.WaitAsync();
            tasks.Add(SendOneAsync(request));
        }

        await Task.WhenAll(tasks);

        async Task SendOneAsync(HttpRequestMessage request)
        {
            try
            {
                using var response = await _httpClient.SendAsync(request);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException("sink answered " + response.StatusCode);
                }
            }
            finally
            {
                request.Dispose();
                slots.Release();
            }
        }
    }

    [Benchmark(Description = "SendManyAsync (encrypt + VAPID + send)")]
    public async Task<int> SendMany()
    {
        var delivered = 0;
        await foreach (var result in _client.SendManyAsync(_subscriptions, _message))
        {
            delivered += result.IsDelivered ? 1 : throw new InvalidOperationException(result.ToString());
        }

        return delivered;
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _httpClient.Dispose();
        if (_sink is not null)
        {
            await _sink.DisposeAsync();
        }
    }
}
