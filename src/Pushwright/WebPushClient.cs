// Turns a subscription and a message into an HTTP request (RFC 8030 Section 5, RFC 8291, RFC 8292),
// sends it, and reports what happened as a PushResult. The only class here that does I/O.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
#if NET8_0_OR_GREATER
using System.Net;
#endif
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Pushwright.Encryption;
using Pushwright.Internal;

namespace Pushwright;

/// <summary>
/// Sends Web Push messages. Create one per application (or let <c>AddWebPush()</c> inject it) and
/// share it: it is immutable and thread-safe.
/// </summary>
/// <remarks>
/// Every push-service reply and every transport failure comes back as a <see cref="PushResult"/>;
/// only invalid arguments and cancellation throw. Subscriptions that are gone (404, 410, or past
/// their expiration time) are reported once to <see cref="WebPushClientOptions.RemovalHandlers"/>
/// and to <see cref="SubscriptionRemoved"/>. Retries are not done here; <c>AddWebPush()</c> adds
/// them with Polly.
/// </remarks>
public sealed partial class WebPushClient
{
    private const int MaxErrorBodyBytes = 8192;

    private static readonly string[] s_knownHosts = WebPushClientOptions.KnownPushServiceHosts.Select(h => h.ToUpperInvariant()).ToArray();

    private readonly HttpClient _httpClient;
    private readonly bool _allowHttp;
    private readonly string[] _allowedHosts;
    private readonly int _maxConcurrency;
    private readonly ISubscriptionRemovalHandler[] _removalHandlers;
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a new instance of the <see cref="WebPushClient"/> class with default options.</summary>
    /// <param name="httpClient">The HTTP client to send with. Its lifetime is the caller's.</param>
    /// <param name="vapidDetails">The VAPID contact and keys.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public WebPushClient(HttpClient httpClient, VapidDetails vapidDetails)
        : this(httpClient, vapidDetails, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WebPushClient"/> class.</summary>
    /// <remarks>
    /// The transport is then the caller's, and so is its safety. Build the <see cref="HttpClient"/> on
    /// <see cref="CreateHttpHandler"/> (as <c>AddWebPush()</c> and
    /// <see cref="WebPushClient(VapidDetails, WebPushClientOptions)"/> do) to get the address policy
    /// of <see cref="WebPushClientOptions.AllowPrivateNetworkEndpoints"/>, no redirects and no proxy.
    /// With any other handler, set at least <c>AllowAutoRedirect = false</c>: push services never
    /// redirect, and a followed redirect sends the request, body and VAPID token included, past
    /// <see cref="WebPushClientOptions.AllowedHosts"/>. A redirect that was followed is still detected
    /// and reported as <see cref="PushOutcome.Rejected"/>, but only after the target got the request.
    /// Such a handler connects to whatever address the host resolves to, loopback and private
    /// networks included.
    /// </remarks>
    /// <param name="httpClient">The HTTP client to send with. Its lifetime is the caller's.</param>
    /// <param name="vapidDetails">The VAPID contact and keys.</param>
    /// <param name="options">Settings, copied now; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> or <paramref name="vapidDetails"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="WebPushClientOptions.MaxConcurrency"/> is outside 1 to 1024.</exception>
    public WebPushClient(HttpClient httpClient, VapidDetails vapidDetails, WebPushClientOptions? options)
    {
        _httpClient = Guard.NotNull(httpClient);
        VapidDetails = Guard.NotNull(vapidDetails);
        options ??= new WebPushClientOptions();
        if (options.MaxConcurrency is < 1 or > 1024)
        {
            throw Error.Concurrency(nameof(options), options.MaxConcurrency);
        }

        _allowHttp = options.AllowHttpEndpoints;
        _allowedHosts = Sending.AllowedHostList.From(options);
        _maxConcurrency = options.MaxConcurrency;
        _removalHandlers = options.RemovalHandlers.Where(h => h is not null).ToArray();
        _timeProvider = options.TimeProvider ?? TimeProvider.System;
    }

    /// <summary>Occurs once for each subscription that is gone (404, 410, or past its expiration time), after the removal handlers ran.</summary>
    public event EventHandler<SubscriptionRemovedEventArgs>? SubscriptionRemoved;

    /// <summary>Gets the VAPID contact and keys.</summary>
    public VapidDetails VapidDetails { get; }

    /// <summary>
    /// Builds the request for one message to one subscription, encrypted and signed, for callers
    /// with their own HTTP pipeline. The caller sends and disposes it.
    /// </summary>
    /// <param name="subscription">The subscription.</param>
    /// <param name="message">The message.</param>
    /// <returns>A POST to the subscription's endpoint.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The endpoint is refused (not https, or not in <see cref="WebPushClientOptions.AllowedHosts"/> or the <see cref="WebPushClientOptions.RestrictToKnownPushServices">known push services</see>), or the payload is too large.</exception>
    public HttpRequestMessage CreateRequest(PushSubscription subscription, PushMessage message)
    {
        Guard.NotNull(subscription);
        Guard.NotNull(message);
        var refusal = CheckEndpoint(subscription.Endpoint, nameof(subscription));
        if (refusal is not null)
        {
            throw refusal;
        }

        return BuildRequest(subscription, message);
    }

    /// <summary>Sends one message to one subscription.</summary>
    /// <param name="subscription">The subscription.</param>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancels the send; a cancelled send throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The outcome. A gone subscription has also been reported to the removal handlers.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The payload is too large for the content coding.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="WebPushException">A removal handler (or an event subscriber) threw; all of them ran, and <see cref="WebPushException.Result"/> holds the result.</exception>
    public async Task<PushResult> SendAsync(PushSubscription subscription, PushMessage message, CancellationToken cancellationToken = default)
    {
        Guard.NotNull(subscription);
        Guard.NotNull(message);
        CheckPayloadSize(message);
        var result = await SendCoreAsync(subscription, message, cancellationToken).ConfigureAwait(false);
        if (result.IsSubscriptionGone && await NotifyRemovedAsync(result, cancellationToken).ConfigureAwait(false) is { } failure)
        {
            throw failure;
        }

        return result;
    }

    /// <summary>
    /// Builds the request: TTL, Urgency, Topic, the encrypted body with its Content-Encoding (and
    /// for aesgcm the Encryption and Crypto-Key headers), and VAPID authorization.
    /// </summary>
    private HttpRequestMessage BuildRequest(PushSubscription subscription, PushMessage message)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, subscription.Endpoint);
        try
        {
#if NET8_0_OR_GREATER
            // HTTP/2 when the push service offers it, unless the caller pinned a version exactly.
            if (_httpClient.DefaultVersionPolicy == HttpVersionPolicy.RequestVersionExact)
            {
                request.Version = _httpClient.DefaultRequestVersion;
                request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
            }
            else
            {
                request.Version = HttpVersion.Version20;
                request.VersionPolicy = HttpVersionPolicy.RequestVersionOrLower;
            }
#endif
            var headers = request.Headers;
            headers.TryAddWithoutValidation("TTL", ((long)message.TimeToLive.TotalSeconds).ToString(CultureInfo.InvariantCulture));
            if (message.Urgency is { } urgency)
            {
                headers.TryAddWithoutValidation("Urgency", UrgencyValue(urgency));
            }

            if (message.Topic is not null)
            {
                headers.TryAddWithoutValidation("Topic", message.Topic);
            }

            var encoding = message.HasPayload ? message.ContentEncoding : ContentEncoding.Aes128Gcm;
            var vapid = VapidDetails.GetHeaders(subscription.Endpoint, encoding);
            headers.TryAddWithoutValidation("Authorization", vapid.Authorization);

            if (message.HasPayload)
            {
                var payload = WebPushEncryption.Encrypt(subscription.Keys, message.Payload.Span, message.ContentEncoding, message.PaddingLength);
                // The body is one array we own: hand it over without a copy. A retry resends these same bytes.
                MemoryMarshal.TryGetArray(payload.Body, out var body);
                var content = new ByteArrayContent(body.Array!, body.Offset, body.Count);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                content.Headers.TryAddWithoutValidation("Content-Encoding", payload.ContentEncodingName);
                request.Content = content;
                if (payload.EncryptionHeader is not null)
                {
                    headers.TryAddWithoutValidation("Encryption", payload.EncryptionHeader);
                }

                var cryptoKey = vapid.JoinCryptoKey(payload.CryptoKeyHeader);
                if (cryptoKey is not null)
                {
                    headers.TryAddWithoutValidation("Crypto-Key", cryptoKey);
                }
            }
            else
            {
                // A data-free wake-up: no body, no Content-Encoding (RFC 8030 Section 5).
                request.Content = new ByteArrayContent([]);
            }

            foreach (var header in message.Headers)
            {
                headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            return request;
        }
        catch
        {
            request.Dispose();
            throw;
        }
    }

    private async Task<PushResult> SendCoreAsync(PushSubscription subscription, PushMessage message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var started = _timeProvider.GetTimestamp();
        PushResult result;
        if (subscription.ExpirationTime is { } expires && expires <= _timeProvider.GetUtcNow())
        {
            // RFC 8030 leaves an expired subscription to the service; not sending avoids a useless request.
            result = new PushResult(subscription, PushOutcome.SubscriptionGone, error: new PushServiceError("The subscription's expirationTime has passed; nothing was sent."));
        }
        else if (CheckEndpoint(subscription.Endpoint, nameof(subscription)) is { } refusal)
        {
            result = new PushResult(subscription, PushOutcome.Rejected, error: new PushServiceError("Refused before sending: " + refusal.Message));
        }
        else
        {
            using var request = BuildRequest(subscription, message);
            try
            {
                using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
                result = response.RequestMessage?.RequestUri is { } sentTo && sentTo != subscription.Endpoint
                    ? new PushResult(subscription, PushOutcome.Rejected, response.StatusCode, error: new PushServiceError(
                        "The push service redirected the request to another host or path, and the HttpClient followed it; push services never redirect. Use a handler with AllowAutoRedirect = false (AddWebPush() does)."))
                    : await ReadResultAsync(subscription, response, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or System.IO.IOException or TimeoutException)
            {
                // No reply, or no reply in time (HttpClient.Timeout or a resilience timeout); or the address policy refused the host.
                result = Sending.EndpointRefusedException.Find(ex) is { } refused
                    ? new PushResult(subscription, PushOutcome.Rejected, error: new PushServiceError("Refused before sending: " + refused.Message))
                    : new PushResult(subscription, PushOutcome.NetworkError, exception: ex);
            }
        }

        WebPushMetrics.Record(result.Outcome, MetricHost(subscription.Endpoint), _timeProvider.GetElapsedTime(started).TotalSeconds);
        return result;
    }

    private async Task<PushResult> ReadResultAsync(PushSubscription subscription, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            headers[header.Key] = header.Value.ToArray();
        }

        var outcome = PushResult.Classify(response.StatusCode);
        TimeSpan? grantedTtl = null;
        if (headers.TryGetValue("TTL", out var ttl) && long.TryParse(ttl[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            grantedTtl = TimeSpan.FromSeconds(Math.Min(seconds, int.MaxValue));
        }

        PushServiceError? error = null;
        if (outcome != PushOutcome.Delivered)
        {
            var body = await ReadBodyAsync(response.Content, cancellationToken).ConfigureAwait(false);
            error = PushServiceError.Parse(body, response.Content.Headers.ContentType?.MediaType);
        }

        var location = response.Headers.Location;
        if (location is not null && !location.IsAbsoluteUri)
        {
            location = new Uri(subscription.Endpoint, location);
        }

        return new PushResult(subscription, outcome, response.StatusCode, location, grantedTtl, RetryAfterHeader.Read(response, _timeProvider), headers, error);
    }

    private static async Task<string> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        // Read at most 8 KB: an error explanation is short, and a hostile endpoint must not make us buffer gigabytes.
#if NET8_0_OR_GREATER
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
        var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
        using (stream)
        {
            var buffer = new byte[MaxErrorBodyBytes];
            var total = 0;
            int read;
#if NET8_0_OR_GREATER
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
#else
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer, total, buffer.Length - total, cancellationToken).ConfigureAwait(false)) > 0)
#endif
            {
                total += read;
            }

            return System.Text.Encoding.UTF8.GetString(buffer, 0, total);
        }
    }

    private ArgumentException? CheckEndpoint(Uri endpoint, string paramName)
    {
        if (endpoint.Scheme == Uri.UriSchemeHttp && !_allowHttp)
        {
            return Error.EndpointNotHttps(paramName, endpoint.Host);
        }

        return _allowedHosts.Length == 0 || MatchesAny(_allowedHosts, endpoint) ? null : Error.EndpointHostNotAllowed(paramName, endpoint.Host);
    }

    /// <summary>True when the endpoint's host is one of <paramref name="upperCasePatterns"/> (exact, or <c>*.domain</c> for subdomains).</summary>
    private static bool MatchesAny(string[] upperCasePatterns, Uri endpoint)
    {
        var host = endpoint.Host.ToUpperInvariant();
        var isName = endpoint.HostNameType == UriHostNameType.Dns;
        foreach (var allowed in upperCasePatterns)
        {
            // A wildcard names subdomains, so it never matches an IP address.
            if (allowed == host || (isName && allowed.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(allowed.Substring(1), StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The host as a metric tag: a known or allowed push service by name, anything else as "other",
    /// so hosts named by (possibly hostile) subscriptions cannot blow up metric cardinality.
    /// </summary>
    private string MetricHost(Uri endpoint) =>
        MatchesAny(s_knownHosts, endpoint) || (_allowedHosts.Length > 0 && MatchesAny(_allowedHosts, endpoint)) ? endpoint.Host : "other";

    private static void CheckPayloadSize(PushMessage message)
    {
        if (message.HasPayload)
        {
            WebPushEncryption.CheckSizes(message.Payload.Length, message.ContentEncoding, message.PaddingLength);
        }
    }

    /// <summary>
    /// Tells every removal handler and the event, even when one of them throws; returns the
    /// failures as one <see cref="WebPushException"/> carrying the result, or null.
    /// </summary>
    private async Task<Exception?> NotifyRemovedAsync(PushResult result, CancellationToken cancellationToken)
    {
        List<Exception>? failures = null;
        foreach (var handler in _removalHandlers)
        {
            try
            {
                await handler.OnSubscriptionRemovedAsync(result, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                (failures ??= []).Add(ex);
            }
        }

        try
        {
            SubscriptionRemoved?.Invoke(this, new SubscriptionRemovedEventArgs(result));
        }
        catch (Exception ex)
        {
            (failures ??= []).Add(ex);
        }

        return failures is null ? null : new WebPushException(
            "A subscription removal handler failed; the subscription may still be stored. The result is in WebPushException.Result.",
            result,
            new AggregateException(failures));
    }

    private static string UrgencyValue(PushUrgency urgency) => urgency switch
    {
        PushUrgency.VeryLow => "very-low",
        PushUrgency.Low => "low",
        PushUrgency.High => "high",
        _ => "normal",
    };
}
