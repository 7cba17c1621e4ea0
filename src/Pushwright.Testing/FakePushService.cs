using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Pushwright.Encryption;
using Pushwright.Testing.Internal;

namespace Pushwright.Testing;

/// <summary>
/// An in-memory push service for tests: an <see cref="HttpMessageHandler"/> that behaves like
/// Mozilla's, Apple's or Google's push service, with no sockets. It creates browser-like
/// subscriptions (<see cref="Subscribe"/>), verifies every message as the services do (TTL,
/// Topic, Urgency, Content-Encoding and the aesgcm headers, VAPID with its ES256 signature,
/// <c>aud</c>, <c>exp</c>, <c>sub</c> and the subscription's <c>applicationServerKey</c>, the
/// 4096-byte limit), decrypts each body with the browser's keys, records every request
/// (<see cref="Requests"/>, <see cref="Deliveries"/>), and answers 201 Created, a refusal in the
/// profile's format, or what a script says (<see cref="Reply"/>, <see cref="ReplyToAll"/>).
/// </summary>
/// <remarks>
/// Send through <see cref="CreateHttpClient"/>, or point <c>AddWebPush()</c> at the service with
/// <c>services.AddFakePushService(service)</c>. The service is thread-safe. Disposing it does
/// nothing, so an <c>IHttpClientFactory</c> may dispose it with a handler chain and it keeps working.
/// </remarks>
public sealed class FakePushService : HttpMessageHandler
{
    private readonly ConcurrentDictionary<string, Subscriber> _subscribers = new(StringComparer.Ordinal);
    private readonly Recorder _recorder = new();
    private readonly ReplyScript _script = new();

    /// <summary>Initializes a new instance of the <see cref="FakePushService"/> class: Mozilla's replies, the system clock.</summary>
    public FakePushService()
        : this(new FakePushServiceOptions())
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FakePushService"/> class.</summary>
    /// <param name="options">The profile and the clock.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/>, or one of its properties, is <see langword="null"/>.</exception>
    public FakePushService(FakePushServiceOptions options)
    {
        Guard.NotNull(options);
        Profile = Guard.NotNull(options.Profile, "options.Profile");
        TimeProvider = Guard.NotNull(options.TimeProvider, "options.TimeProvider");
    }

    /// <summary>Gets how the service answers: its endpoints' origin and its error format.</summary>
    public PushServiceProfile Profile { get; }

    /// <summary>Gets the service's clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets every request received so far, valid or not, in order of arrival.</summary>
    public IReadOnlyList<ReceivedPush> Requests => _recorder.Snapshot();

    /// <summary>Gets the messages the service accepted (answered with a 2xx status), in order of arrival.</summary>
    public IReadOnlyList<ReceivedPush> Deliveries => _recorder.Snapshot().Where(r => r.IsDelivered).ToArray();

    /// <summary>Gets the largest number of requests the service was handling at once, from arrival until its answer (a scripted delay or hang counts).</summary>
    public int MaxConcurrentRequests => _recorder.MaxInFlight;

    /// <summary>
    /// Subscribes a new simulated browser, as <c>pushManager.subscribe({ applicationServerKey })</c>
    /// does: a fresh P-256 key pair and auth secret, and an endpoint bound to
    /// <paramref name="applicationServerKey"/>. Messages to it must carry VAPID signed with that key.
    /// </summary>
    /// <param name="applicationServerKey">The application server's VAPID public key (65 bytes), for example <c>vapidKeys.PublicKey</c>.</param>
    /// <param name="expirationTime">The subscription's <c>expirationTime</c>, if any.</param>
    /// <returns>The subscription, with the browser's keys.</returns>
    /// <exception cref="ArgumentException"><paramref name="applicationServerKey"/> is not a 65-byte uncompressed P-256 key.</exception>
    public FakeSubscription Subscribe(ReadOnlyMemory<byte> applicationServerKey, DateTimeOffset? expirationTime = null) =>
        SubscribeAt(Profile.Origin, Profile.EndpointPath, applicationServerKey, expirationTime);

    /// <summary>Scripts the replies to valid messages for one subscription: each is used once, in order, and the last one repeats.</summary>
    /// <param name="subscription">A subscription of this service.</param>
    /// <param name="replies">The replies, for example <c>FakeReply.Status(503), FakeReply.Created()</c>.</param>
    /// <exception cref="ArgumentNullException">An argument or a reply is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="replies"/> is empty, or the subscription is not this service's.</exception>
    public void Reply(PushSubscription subscription, params FakeReply[] replies) =>
        _script.SetFor(SubscriberOf(subscription, nameof(subscription)), CheckReplies(replies));

    /// <summary>
    /// Scripts the replies to valid messages for every subscription that has no script of its own.
    /// Each subscription walks the script on its own: each reply is used once, in order, and the last repeats.
    /// </summary>
    /// <param name="replies">The replies.</param>
    /// <exception cref="ArgumentNullException"><paramref name="replies"/> or one of them is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="replies"/> is empty.</exception>
    public void ReplyToAll(params FakeReply[] replies) => _script.SetForAll(CheckReplies(replies), _subscribers.Values);

    /// <summary>Removes a subscription, as when the user unsubscribes or revokes permission: from now on its endpoint answers 410 Gone.</summary>
    /// <param name="subscription">A subscription of this service.</param>
    /// <exception cref="ArgumentNullException"><paramref name="subscription"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The subscription is not this service's.</exception>
    public void Remove(PushSubscription subscription) => SubscriberOf(subscription, nameof(subscription)).Removed = true;

    /// <summary>Gets every request sent to a subscription's endpoint, in order of arrival.</summary>
    /// <param name="subscription">The subscription.</param>
    /// <returns>The requests.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="subscription"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<ReceivedPush> RequestsTo(PushSubscription subscription)
    {
        var key = KeyOf(Guard.NotNull(subscription).Endpoint);
        return _recorder.Snapshot().Where(r => KeyOf(r.Endpoint) == key).ToArray();
    }

    /// <summary>Gets the messages the service accepted for a subscription, in order of arrival.</summary>
    /// <param name="subscription">The subscription.</param>
    /// <returns>The deliveries.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="subscription"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<ReceivedPush> DeliveriesTo(PushSubscription subscription) => RequestsTo(subscription).Where(r => r.IsDelivered).ToArray();

    /// <summary>Waits for the first delivery that matches, including one that arrived before the call.</summary>
    /// <param name="match">Which delivery; <see langword="null"/> for any.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>The delivery.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public Task<ReceivedPush> WaitForDeliveryAsync(Func<ReceivedPush, bool>? match = null, CancellationToken cancellationToken = default) =>
        _recorder.WaitForDeliveryAsync(match ?? (_ => true), cancellationToken);

    /// <summary>Creates an <see cref="HttpClient"/> that sends to this service; give it to <see cref="WebPushClient"/>. Disposing the client leaves the service as it is.</summary>
    /// <returns>A new client.</returns>
    public HttpClient CreateHttpClient() => new(this, disposeHandler: false);

    /// <summary>Creates a subscription whose endpoint is on <paramref name="origin"/> (the loopback service's listeners).</summary>
    internal FakeSubscription SubscribeAt(Uri origin, string path, ReadOnlyMemory<byte> applicationServerKey, DateTimeOffset? expirationTime)
    {
        if (applicationServerKey.Length != Es256.PublicKeyLength || applicationServerKey.Span[0] != 0x04)
        {
            throw Error.NotAP256Key(nameof(applicationServerKey), applicationServerKey.Length);
        }

        var idBytes = new byte[24];
        using (var random = RandomNumberGenerator.Create())
        {
            random.GetBytes(idBytes);
        }

        var id = Convert.ToBase64String(idBytes).Replace('+', '-').Replace('/', '_');
        var keys = UserAgentKeys.Generate();
        var endpoint = new Uri(origin, path + id);
        var subscription = new FakeSubscription(id, new PushSubscription(endpoint, keys.SubscriptionKeys, expirationTime), keys, applicationServerKey.ToArray());
        _subscribers[KeyOf(endpoint)] = new Subscriber(subscription);
        return subscription;
    }

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Guard.NotNull(request);
        _recorder.Enter();
        try
        {
            var body = request.Content is null ? [] : await ReadBodyAsync(request.Content, cancellationToken).ConfigureAwait(false);
            var headers = RequestHeaders.Of(request);
            var endpoint = request.RequestUri!;
            var now = TimeProvider.GetUtcNow();
            var received = _recorder.Add(sequence => new ReceivedPush(sequence, now, endpoint, request.Method.Method, request.Version, headers, body));
            var failure = Verify(request, received, body, now, out var subscriber, out var ttl);
            if (failure is not null)
            {
                received.Rejection = failure.Message;
                var status = Profile.StatusOf(failure);
                var refusal = NewResponse(request, status);
                Profile.WriteError(refusal, failure);
                if (failure.Kind == FailureKind.MethodNotAllowed)
                {
                    refusal.Content.Headers.Allow.Add("POST");
                }

                received.Answered(status, Describe(status));
                return refusal;
            }

            return await ReplyAsync(request, received, _script.Next(subscriber!), ttl, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _recorder.Leave();
        }
    }

    /// <summary>Disposing does nothing: the service holds no unmanaged resource, and must outlive handler chains that an <c>IHttpClientFactory</c> disposes.</summary>
    /// <param name="disposing">Ignored.</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2215:Dispose methods should call base class dispose", Justification = "HttpMessageHandler.Dispose releases nothing; not calling it keeps the service usable after a handler chain is disposed.")]
    protected override void Dispose(bool disposing)
    {
    }

    private static Task<byte[]> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken) =>
#if NET8_0_OR_GREATER
        content.ReadAsByteArrayAsync(cancellationToken);
#else
        content.ReadAsByteArrayAsync();
#endif

    private static string KeyOf(Uri endpoint) => endpoint.GetComponents(UriComponents.SchemeAndServer | UriComponents.PathAndQuery, UriFormat.UriEscaped);

    /// <summary>The VAPID audience of a request: its origin, with the port only when it is not the scheme's default.</summary>
    private static string OriginOf(Uri endpoint) => endpoint.IsDefaultPort
        ? endpoint.Scheme + "://" + endpoint.Host
        : endpoint.Scheme + "://" + endpoint.Host + ":" + endpoint.Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>True for the headers HttpClient keeps on the content (RFC 9110 representation metadata): they cannot go on the response itself.</summary>
    private static bool IsContentHeader(string name) =>
        name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Allow", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Expires", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Last-Modified", StringComparison.OrdinalIgnoreCase);

    private static string Describe(int status) => status.ToString(CultureInfo.InvariantCulture) + " " + ReasonPhrases.Of(status);

    private static HttpResponseMessage NewResponse(HttpRequestMessage request, int status) =>
        new((HttpStatusCode)status) { RequestMessage = request, Version = request.Version, Content = new ByteArrayContent([]) };

    private static FakeReply[] CheckReplies(FakeReply[] replies)
    {
        Guard.NotNull(replies);
        if (replies.Length == 0)
        {
            throw Error.NoReplies(nameof(replies));
        }

        for (var i = 0; i < replies.Length; i++)
        {
            if (replies[i] is null)
            {
                throw Error.NullReply(nameof(replies), i);
            }
        }

        return (FakeReply[])replies.Clone();
    }

    private Subscriber SubscriberOf(PushSubscription subscription, string paramName) =>
        _subscribers.TryGetValue(KeyOf(Guard.NotNull(subscription, paramName).Endpoint), out var subscriber)
            ? subscriber
            : throw Error.UnknownSubscription(paramName, subscription.Endpoint.Host);

    /// <summary>The checks of a push service, in autopush's order: the endpoint, the method, TTL, Topic, Urgency, VAPID, then the body.</summary>
    private PushFailure? Verify(HttpRequestMessage request, ReceivedPush received, byte[] body, DateTimeOffset now, out Subscriber? subscriber, out long ttl)
    {
        ttl = 0;
        if (!_subscribers.TryGetValue(KeyOf(received.Endpoint), out subscriber))
        {
            return PushFailure.Of(FailureKind.NotFound, "Invalid token: no subscription at this endpoint");
        }

        received.Subscription = subscriber.Subscription.Subscription;
        if (request.Method != HttpMethod.Post)
        {
            return PushFailure.Of(FailureKind.MethodNotAllowed, $"Method {request.Method.Method} is not allowed: a push message is a POST (RFC 8030 Section 5)");
        }

        if (subscriber.Removed)
        {
            return PushFailure.Of(FailureKind.Unsubscribed, "No such subscription: it was removed (the user unsubscribed)");
        }

        var failure = MessageVerifier.CheckTimeToLive(received.Header("TTL"), out ttl)
            ?? MessageVerifier.CheckTopic(received.Header("Topic"))
            ?? MessageVerifier.CheckUrgency(received.Header("Urgency"));
        if (failure is not null)
        {
            return failure;
        }

        failure = VapidVerifier.Verify(received.Header("Authorization"), received.Header("Crypto-Key"), OriginOf(received.Endpoint), subscriber.Subscription.ApplicationServerKeyArray, now, out var claims);
        if (failure is not null)
        {
            return failure;
        }

        received.Vapid = claims;
        failure = MessageVerifier.CheckBody(body, received.Header("Content-Encoding"), received.Header("Encryption"), received.Header("Crypto-Key"), subscriber.Subscription.Keys, out var plaintext);
        received.Payload = plaintext;
        return failure ?? Profile.CheckServiceRules(received, claims!);
    }

    private async Task<HttpResponseMessage> ReplyAsync(HttpRequestMessage request, ReceivedPush received, FakeReply reply, long ttl, CancellationToken cancellationToken)
    {
        if (reply.Delay > TimeSpan.Zero)
        {
            received.Faulted("waiting: " + reply);
            try
            {
                await ServiceClock.Delay(TimeProvider, reply.Delay, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                received.Faulted("the sender gave up while the service waited (" + reply + ")");
                throw;
            }
        }

        switch (reply.Kind)
        {
            case FakeReply.ReplyKind.Reset:
                received.Faulted("connection reset");
                throw Error.ConnectionReset();
            case FakeReply.ReplyKind.Throw:
                received.Faulted("threw " + reply.Exception!.GetType().Name);
                throw reply.Exception;
            case FakeReply.ReplyKind.Hang:
                received.Faulted("no answer until cancelled");
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                throw new OperationCanceledException(cancellationToken);
        }

        var response = await BuildResponseAsync(request, reply, ttl).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        received.Answered(status, reply.Delay > TimeSpan.Zero || reply.BodyFault != FakeReply.BodyFaultKind.None ? Describe(status) + " (" + reply + ")" : Describe(status));
        if (received.IsDelivered)
        {
            _recorder.Delivered(received);
        }

        return response;
    }

    private async Task<HttpResponseMessage> BuildResponseAsync(HttpRequestMessage request, FakeReply reply, long ttl)
    {
        // A scripted error takes the status the profile's service uses for it (WNS throttles with 406).
        var scripted = reply.StatusCode >= 400 ? new PushFailure(FailureKind.Scripted, reply.StatusCode, ReasonPhrases.Of(reply.StatusCode)) : null;
        var response = NewResponse(request, scripted is null ? reply.StatusCode : Profile.StatusOf(scripted));
        if (reply.StatusCode == 201)
        {
            response.Headers.Location = new Uri(new Uri(OriginOf(request.RequestUri!)), "/m/" + Guid.NewGuid().ToString("N"));
            response.Headers.TryAddWithoutValidation("TTL", ttl.ToString(CultureInfo.InvariantCulture));
        }
        else if (scripted is not null)
        {
            Profile.WriteError(response, scripted);
        }

        if (reply.Body is not null)
        {
            response.Content = new ByteArrayContent(reply.Body);
            if (reply.ContentType is not null)
            {
                response.Content.Headers.TryAddWithoutValidation("Content-Type", reply.ContentType);
            }
        }

        if (reply.RetryAfterDate is { } wait)
        {
            var now = TimeProvider.GetUtcNow();
            var toNextSecond = (TimeSpan.TicksPerSecond - (now.Ticks % TimeSpan.TicksPerSecond)) % TimeSpan.TicksPerSecond;
            response.Headers.TryAddWithoutValidation("Retry-After", now.AddTicks(toNextSecond).Add(wait).ToString("r", CultureInfo.InvariantCulture));
        }

        foreach (var header in reply.Headers)
        {
            System.Net.Http.Headers.HttpHeaders headers = IsContentHeader(header.Key) ? response.Content.Headers : response.Headers;
            headers.Remove(header.Key);
            headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (reply.BodyFault != FakeReply.BodyFaultKind.None)
        {
            var bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            var faulting = new StreamContent(new FaultingBodyStream(bytes, reply.BodyFaultAfter, reply.BodyFault == FakeReply.BodyFaultKind.Stall));
            foreach (var header in response.Content.Headers)
            {
                faulting.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            faulting.Headers.ContentLength = bytes.Length;
            response.Content.Dispose();
            response.Content = faulting;
        }

        return response;
    }
}
