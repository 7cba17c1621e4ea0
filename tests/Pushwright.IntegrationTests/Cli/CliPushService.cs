using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using Pushwright.Testing;

namespace Pushwright.IntegrationTests.Cli;

/// <summary>
/// The push service the <c>send-many</c> and transport tests send to: the loopback push service,
/// which verifies VAPID and decrypts like a real one, with one method per reply a test needs. It
/// is the only place these tests touch <see cref="LoopbackPushService"/>, so swapping in another
/// verifying service changes this file alone.
/// </summary>
internal sealed class CliPushService : IAsyncDisposable
{
    public const string Subject = "mailto:cli-tests@example.com";

    private readonly LoopbackPushService _service;
    private readonly ConcurrentDictionary<string, PushSubscription> _byLine = new(StringComparer.Ordinal);

    private CliPushService(LoopbackPushService service, VapidKeys vapid)
    {
        _service = service;
        Vapid = vapid;
    }

    public VapidKeys Vapid { get; }

    /// <summary>Gets the VAPID options for the tool, plus --allow-http and --allow-private-network, which a loopback service needs.</summary>
    public string[] SenderArgs =>
        ["--vapid-subject", Subject, "--vapid-pubkey", Vapid.PublicKeyBase64Url, "--vapid-pvtkey", Vapid.ExportPrivateKeyBase64Url(), "--allow-http", "--allow-private-network"];

    /// <summary>Gets how many requests reached the service.</summary>
    public int RequestCount => _service.Service.Requests.Count;

    public static async Task<CliPushService> StartAsync() => new(await LoopbackPushService.StartAsync(), VapidKeys.Generate());

    /// <summary>A subscription that answers 201 Created: its JSON, one line.</summary>
    public string Delivered() => Subscribe();

    /// <summary>A subscription the browser dropped: 410 Gone.</summary>
    public string Gone()
    {
        var line = Subscribe();
        _service.Service.Remove(_byLine[line]);
        return line;
    }

    /// <summary>503 Service Unavailable once, then 201.</summary>
    public string UnavailableThenDelivered() => Subscribe(FakeReply.Status(503), FakeReply.Created());

    /// <summary>429 Too Many Requests with a Retry-After longer than the tool waits, so it is not retried.</summary>
    public string RateLimited(TimeSpan retryAfter) => Subscribe(FakeReply.Status(429).WithRetryAfter(retryAfter));

    /// <summary>400 Bad Request, a permanent refusal by the push service.</summary>
    public string Rejected() => Subscribe(FakeReply.Status(400));

    /// <summary>A 307 to elsewhere: the client follows no redirect and reports the send as refused.</summary>
    public string Redirected() => Subscribe(FakeReply.Status(307).WithHeader("Location", "http://127.0.0.1:9/elsewhere"));

    /// <summary>201 after <paramref name="delay"/>.</summary>
    public string Slow(TimeSpan delay) => Subscribe(FakeReply.Created().After(delay));

    /// <summary>Gets how many requests reached the subscription of <paramref name="line"/>.</summary>
    public int RequestsTo(string line) => _service.Service.RequestsTo(_byLine[line]).Count;

    /// <summary>Gets what the subscription of <paramref name="line"/> received: each request's decrypted payload (null when refused), body length and headers.</summary>
    public (byte[]? Plaintext, int BodyLength, Func<string, string?> Header)[] Received(string line) =>
        [.. _service.Service.RequestsTo(_byLine[line]).Select(r => (r.IsDelivered ? r.Payload.ToArray() : null, r.Body.Length, (Func<string, string?>)r.Header))];

    /// <summary>Gets the endpoint of the subscription of <paramref name="line"/>.</summary>
    public Uri EndpointOf(string line) => _byLine[line].Endpoint;

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    private string Subscribe(params FakeReply[] replies)
    {
        var subscription = _service.Subscribe(Vapid.PublicKey).Subscription;
        if (replies.Length > 0)
        {
            _service.Service.Reply(subscription, replies);
        }

        var line = subscription.ToJson();
        _byLine[line] = subscription;
        return line;
    }
}
