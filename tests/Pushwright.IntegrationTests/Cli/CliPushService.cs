using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading.Tasks;
using Pushwright.IntegrationTests.PushService;

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
    public int RequestCount => _service.Requests.Count;

    public static async Task<CliPushService> StartAsync()
    {
        var vapid = VapidKeys.Generate();
        return new CliPushService(await LoopbackPushService.StartAsync(vapid.PublicKeyBase64Url), vapid);
    }

    /// <summary>A subscription that answers 201 Created: its JSON, one line.</summary>
    public string Delivered() => Subscribe();

    /// <summary>A subscription the browser dropped: 410 Gone.</summary>
    public string Gone()
    {
        var line = Subscribe();
        _service.Unsubscribe(_byLine[line]);
        return line;
    }

    /// <summary>503 Service Unavailable once, then 201.</summary>
    public string UnavailableThenDelivered() => Subscribe(ReplyStep.ServiceUnavailable(), ReplyStep.Created());

    /// <summary>429 Too Many Requests with a Retry-After longer than the tool waits, so it is not retried.</summary>
    public string RateLimited(TimeSpan retryAfter) => Subscribe(ReplyStep.TooManyRequests(retryAfter));

    /// <summary>400 Bad Request, a permanent refusal by the push service.</summary>
    public string Rejected() => Subscribe(ReplyStep.BadRequest());

    /// <summary>A 307 to elsewhere: the client follows no redirect and reports the send as refused.</summary>
    public string Redirected() => Subscribe(ReplyStep.Status(307, null, "text/plain", ("Location", "http://127.0.0.1:9/elsewhere")));

    /// <summary>201 after <paramref name="delay"/>.</summary>
    public string Slow(TimeSpan delay) => Subscribe(ReplyStep.Slow(delay));

    /// <summary>Gets how many requests reached the subscription of <paramref name="line"/>.</summary>
    public int RequestsTo(string line) => _service.RequestsFor(_byLine[line]).Count;

    /// <summary>Gets what the subscription of <paramref name="line"/> received: each request's decrypted payload, body length and headers.</summary>
    public (byte[]? Plaintext, int BodyLength, Func<string, string?> Header)[] Received(string line) =>
        [.. _service.RequestsFor(_byLine[line]).Select(r => (r.Plaintext, r.Body.Length, (Func<string, string?>)r.Header))];

    /// <summary>Gets the endpoint of the subscription of <paramref name="line"/>.</summary>
    public Uri EndpointOf(string line) => _byLine[line].Endpoint;

    public ValueTask DisposeAsync() => _service.DisposeAsync();

    private string Subscribe(params ReplyStep[] replies)
    {
        var subscription = _service.CreateSubscription();
        if (replies.Length > 0)
        {
            _service.Reply(subscription, replies);
        }

        var line = subscription.ToJson();
        _byLine[line] = subscription;
        return line;
    }
}
