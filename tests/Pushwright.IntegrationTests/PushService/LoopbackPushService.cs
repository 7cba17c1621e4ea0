// A real push service for tests: Kestrel on 127.0.0.1 with one HTTP/1.1-only and one
// HTTP/2-only (h2c, prior knowledge) endpoint. Like Mozilla's autopush it requires TTL (RFC 8030
// Section 5.2), verifies VAPID (RFC 8292) against the key the subscription was created with,
// and decrypts the payload (RFC 8291 aes128gcm, or legacy aesgcm) with the simulated browser's
// keys. Valid requests get the scripted reply (201 by default); every request is recorded.
using System;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Pushwright.Encryption;

namespace Pushwright.IntegrationTests.PushService;

/// <summary>A push service on Kestrel for tests. Create with <see cref="StartAsync(string[])"/>; dispose to stop.</summary>
public sealed class LoopbackPushService : IAsyncDisposable
{
    /// <summary>The largest body accepted, as real push services (4096 bytes); a larger one gets 413.</summary>
    public const int MaxBodyLength = 4096;

    private readonly object _lock = new();
    private readonly List<ReceivedRequest> _requests = [];
    private readonly Queue<ReplyStep> _nextReplies = new();
    private readonly ConcurrentDictionary<string, Subscriber> _subscribers = new(StringComparer.Ordinal);
    private readonly byte[][] _applicationServerKeys;
    private WebApplication? _app;
    private int _http1Port;
    private int _http2Port;
    private int _sequence;
    private int _inFlight;
    private int _maxInFlight;

    private LoopbackPushService(byte[][] applicationServerKeys, TimeProvider timeProvider)
    {
        _applicationServerKeys = applicationServerKeys;
        TimeProvider = timeProvider;
    }

    /// <summary>Gets the clock used for VAPID <c>exp</c> checks and Retry-After dates.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets the origin of the HTTP/1.1-only endpoint, e.g. <c>http://127.0.0.1:50123</c>.</summary>
    public Uri Http1Origin => new("http://127.0.0.1:" + _http1Port);

    /// <summary>Gets the origin of the HTTP/2-only (h2c prior knowledge) endpoint.</summary>
    public Uri Http2Origin => new("http://127.0.0.1:" + _http2Port);

    /// <summary>Gets a snapshot of every request received so far, in order of arrival.</summary>
    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return _requests.ToArray();
            }
        }
    }

    /// <summary>Gets the largest number of requests the service was handling at once (from arrival until the reply starts).</summary>
    public int MaxConcurrentRequests => Volatile.Read(ref _maxInFlight);

    /// <summary>Starts a service that accepts subscriptions for the given application server (VAPID) public keys.</summary>
    /// <param name="applicationServerKeys">Base64url VAPID public keys; the first is the default for <see cref="CreateSubscription"/>.</param>
    /// <returns>The running service.</returns>
    public static Task<LoopbackPushService> StartAsync(params string[] applicationServerKeys) => StartAsync(applicationServerKeys, TimeProvider.System);

    /// <summary>Starts a service with its own clock (for VAPID <c>exp</c> checks and Retry-After dates).</summary>
    /// <param name="applicationServerKeys">Base64url VAPID public keys; the first is the default for <see cref="CreateSubscription"/>.</param>
    /// <param name="timeProvider">The service's clock.</param>
    /// <returns>The running service.</returns>
    public static async Task<LoopbackPushService> StartAsync(IEnumerable<string> applicationServerKeys, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(applicationServerKeys);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var keys = applicationServerKeys.Select(k => Base64Url.DecodeFromChars(k)).ToArray();
        if (keys.Length == 0)
        {
            throw new ArgumentException("At least one application server key is needed.", nameof(applicationServerKeys));
        }

        var service = new LoopbackPushService(keys, timeProvider);
        await service.StartCoreAsync().ConfigureAwait(false);
        return service;
    }

    /// <summary>Registers a simulated browser and returns its subscription, as <c>pushManager.subscribe()</c> would.</summary>
    /// <param name="http2">Whether the endpoint is the HTTP/2-only one.</param>
    /// <param name="applicationServerKey">The VAPID public key the subscription is bound to; the service's first key by default.</param>
    /// <param name="expirationTime">The subscription's <c>expirationTime</c>, if any.</param>
    /// <returns>The subscription; its endpoint is <c>http://127.0.0.1:&lt;port&gt;/push/&lt;id&gt;</c>.</returns>
    public PushSubscription CreateSubscription(bool http2 = false, string? applicationServerKey = null, DateTimeOffset? expirationTime = null)
    {
        var key = applicationServerKey is null ? _applicationServerKeys[0] : Base64Url.DecodeFromChars(applicationServerKey);
        if (!_applicationServerKeys.Any(k => k.AsSpan().SequenceEqual(key)))
        {
            throw new ArgumentException("The service was not started with this application server key.", nameof(applicationServerKey));
        }

        var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
        var keys = UserAgentKeys.Generate();
        _subscribers[id] = new Subscriber(keys, key);
        var origin = http2 ? Http2Origin : Http1Origin;
        return new PushSubscription(new Uri(origin, "/push/" + id), keys.SubscriptionKeys, expirationTime);
    }

    /// <summary>Gets the id of a subscription created here (the last path segment of its endpoint).</summary>
    /// <param name="subscription">The subscription.</param>
    /// <returns>The id.</returns>
    public static string IdOf(PushSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return subscription.Endpoint.AbsolutePath["/push/".Length..];
    }

    /// <summary>Gets the simulated browser's keys of a subscription.</summary>
    /// <param name="subscription">The subscription.</param>
    /// <returns>Its keys.</returns>
    public UserAgentKeys KeysOf(PushSubscription subscription) => _subscribers[IdOf(subscription)].Keys;

    /// <summary>Scripts the replies to valid requests for a subscription: each step is used once, the last one repeats.</summary>
    /// <param name="subscription">The subscription.</param>
    /// <param name="steps">The replies, e.g. 503 then 201.</param>
    public void Reply(PushSubscription subscription, params ReplyStep[] steps) => Reply(IdOf(subscription), steps);

    /// <summary>Scripts the replies to valid requests for a subscription id: each step is used once, the last one repeats.</summary>
    /// <param name="subscriptionId">The id.</param>
    /// <param name="steps">The replies, e.g. 503 then 201.</param>
    public void Reply(string subscriptionId, params ReplyStep[] steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Length == 0)
        {
            throw new ArgumentException("At least one step is needed.", nameof(steps));
        }

        var subscriber = _subscribers[subscriptionId];
        lock (subscriber)
        {
            subscriber.Script.Clear();
            foreach (var step in steps)
            {
                subscriber.Script.Enqueue(step);
            }
        }
    }

    /// <summary>Scripts the replies to the next valid requests, whatever their subscription: one step per request, each used once, before any per-subscription script.</summary>
    /// <param name="steps">The replies.</param>
    public void ReplyNext(params ReplyStep[] steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        lock (_lock)
        {
            foreach (var step in steps)
            {
                _nextReplies.Enqueue(step);
            }
        }
    }

    /// <summary>Forgets a subscription, as when the user unsubscribes: later requests get 410 (errno 106).</summary>
    /// <param name="subscription">The subscription.</param>
    public void Unsubscribe(PushSubscription subscription) => _subscribers[IdOf(subscription)].Unsubscribed = true;

    /// <summary>Gets the requests received for one subscription, in order of arrival.</summary>
    /// <param name="subscription">The subscription.</param>
    /// <returns>Its requests.</returns>
    public IReadOnlyList<ReceivedRequest> RequestsFor(PushSubscription subscription)
    {
        var id = IdOf(subscription);
        return Requests.Where(r => r.SubscriptionId == id).ToArray();
    }

    /// <summary>Waits until at least <paramref name="count"/> requests were received.</summary>
    /// <param name="count">How many.</param>
    /// <param name="timeout">How long to wait at most.</param>
    /// <returns>The requests.</returns>
    /// <exception cref="TimeoutException">Fewer requests arrived in time.</exception>
    public async Task<IReadOnlyList<ReceivedRequest>> WaitForRequestsAsync(int count, TimeSpan timeout)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var requests = Requests;
            if (requests.Count >= count)
            {
                return requests;
            }

            if (waited.Elapsed > timeout)
            {
                throw new TimeoutException($"Expected {count} requests within {timeout}; got {requests.Count}.");
            }

            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    /// <summary>Forgets the recorded requests and the concurrency high-water mark.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _requests.Clear();
            _nextReplies.Clear();
        }

        Volatile.Write(ref _maxInFlight, Volatile.Read(ref _inFlight));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_app is null)
        {
            return;
        }

        using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(stopping.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _app = null;
    }

    private async Task StartCoreAsync()
    {
        // The empty builder reads no appsettings.json or environment, so nothing but the two
        // listeners below is bound whatever the test's output folder holds.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        ListenOptions? http1 = null;
        ListenOptions? http2 = null;
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                http1 = listen;
            });
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                http2 = listen;
            });
        });
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        _app = app;
        _http1Port = http1!.IPEndPoint!.Port;
        _http2Port = http2!.IPEndPoint!.Port;
        if (_http1Port == 0 || _http2Port == 0)
        {
            throw new InvalidOperationException("Kestrel did not report the bound ports.");
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        Enter();
        var inFlight = true;
        try
        {
            var request = context.Request;
            var aborted = context.RequestAborted;
            var body = await ReadBodyAsync(request.Body, aborted).ConfigureAwait(false);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var header in request.Headers)
            {
                headers[header.Key] = header.Value.ToString();
            }

            var path = request.Path.Value ?? string.Empty;
            var id = path.StartsWith("/push/", StringComparison.Ordinal) ? path["/push/".Length..] : null;
            var received = new ReceivedRequest(request.Method, path, id, request.Protocol, headers, body, TimeProvider.GetUtcNow());
            var (step, ttl) = await ProcessAsync(context, received, id, body).ConfigureAwait(false);
            lock (_lock)
            {
                received.Sequence = ++_sequence;
                _requests.Add(received);
            }

            if (!await ReplyStep.WaitAsync(step.Delay, aborted).ConfigureAwait(false))
            {
                received.Reply = "client gave up while the service waited to reply (" + step.Description + ")";
                return;
            }

            received.Reply = step.Description;
            Leave();
            inFlight = false;
            if (step.Drops)
            {
                context.Abort();
                return;
            }

            await step.WriteAsync(context, ttl, TimeProvider).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            // The client went away mid-request; nothing to answer.
        }
        finally
        {
            if (inFlight)
            {
                Leave();
            }
        }
    }

    /// <summary>Validates a request like a push service; returns the reply: a refusal, or the scripted step.</summary>
    private async Task<(ReplyStep Step, long? Ttl)> ProcessAsync(HttpContext context, ReceivedRequest received, string? id, byte[] body)
    {
        if (id is null)
        {
            return (Refuse(received, ReplyStep.Status(StatusCodes.Status404NotFound, "Not Found"), "not a /push/{id} path"), null);
        }

        if (!HttpMethods.IsPost(received.Method))
        {
            return (Refuse(received, ReplyStep.Status(StatusCodes.Status405MethodNotAllowed, null, "text/plain", ("Allow", "POST")), "not a POST"), null);
        }

        if (!_subscribers.TryGetValue(id, out var subscriber))
        {
            return (Refuse(received, ReplyStep.NotFound(), "unknown subscription"), null);
        }

        if (subscriber.Unsubscribed)
        {
            return (Refuse(received, ReplyStep.Gone(), "unsubscribed"), null);
        }

        // RFC 8030 Section 5.2: TTL is required.
        var ttlHeader = received.Header("TTL");
        if (ttlHeader is null)
        {
            return (Refuse(received, ReplyStep.Errno(400, 111, "Missing TTL header"), "missing TTL header"), null);
        }

        if (!long.TryParse(ttlHeader, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ttl))
        {
            return (Refuse(received, ReplyStep.Errno(400, 112, "Invalid TTL header"), "invalid TTL header: " + ttlHeader), null);
        }

        var origin = context.Request.Scheme + "://" + context.Request.Host.Value;
        var vapid = await VapidVerifier.VerifyAsync(received.Header("Authorization"), received.Header("Crypto-Key"), origin, subscriber.ApplicationServerKey, TimeProvider.GetUtcNow()).ConfigureAwait(false);
        if (vapid.Claims is null)
        {
            return (Refuse(received, ReplyStep.Errno(vapid.StatusCode, 109, vapid.Message!), "VAPID: " + vapid.Message), ttl);
        }

        received.Vapid = vapid.Claims;
        if (body.Length > MaxBodyLength)
        {
            return (Refuse(received, ReplyStep.PayloadTooLarge(), $"body of {body.Length} bytes"), ttl);
        }

        if (body.Length > 0)
        {
            var decryption = Decrypt(subscriber.Keys, received, body);
            if (decryption is not null)
            {
                return (Refuse(received, ReplyStep.Errno(400, 110, decryption), decryption), ttl);
            }
        }

        return (NextStep(subscriber), ttl);
    }

    private static string? Decrypt(UserAgentKeys keys, ReceivedRequest received, byte[] body)
    {
        var encoding = received.Header("Content-Encoding");
        EncryptedPayload payload;
        try
        {
            switch (encoding?.Trim().ToLowerInvariant())
            {
                case "aes128gcm":
                    payload = new EncryptedPayload(ContentEncoding.Aes128Gcm, body);
                    break;
                case "aesgcm":
                    payload = new EncryptedPayload(ContentEncoding.AesGcm, body, received.Header("Encryption"), received.Header("Crypto-Key"));
                    break;
                case null:
                    return "a body without Content-Encoding";
                default:
                    return "unknown Content-Encoding " + encoding;
            }
        }
        catch (ArgumentException ex)
        {
            return "invalid encryption headers: " + ex.Message;
        }

        try
        {
            received.Plaintext = WebPushEncryption.Decrypt(keys, payload);
            return null;
        }
        catch (WebPushDecryptionException ex)
        {
            return $"decryption failed ({ex.Error}): {ex.Message}";
        }
    }

    private static ReplyStep Refuse(ReceivedRequest received, ReplyStep reply, string why)
    {
        received.Rejection = why;
        return reply;
    }

    private ReplyStep NextStep(Subscriber subscriber)
    {
        lock (_lock)
        {
            if (_nextReplies.TryDequeue(out var next))
            {
                return next;
            }
        }

        lock (subscriber)
        {
            return subscriber.Script.Count switch
            {
                0 => ReplyStep.Created(),
                1 => subscriber.Script.Peek(),
                _ => subscriber.Script.Dequeue(),
            };
        }
    }

    private static async Task<byte[]> ReadBodyAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private void Enter()
    {
        var now = Interlocked.Increment(ref _inFlight);
        var max = Volatile.Read(ref _maxInFlight);
        while (now > max)
        {
            var seen = Interlocked.CompareExchange(ref _maxInFlight, now, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    private void Leave() => Interlocked.Decrement(ref _inFlight);

    private sealed class Subscriber(UserAgentKeys keys, byte[] applicationServerKey)
    {
        public UserAgentKeys Keys { get; } = keys;

        public byte[] ApplicationServerKey { get; } = applicationServerKey;

        public Queue<ReplyStep> Script { get; } = new();

        public bool Unsubscribed { get; set; }
    }
}
