using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using Pushwright.Internal;
using Pushwright.Sending;

namespace Pushwright;

/// <content>
/// Construction: on a caller's <see cref="HttpClient"/>, or owning a safe transport; and the factory
/// of that transport for callers with their own <see cref="HttpClient"/>.
/// </content>
public sealed partial class WebPushClient : IDisposable
{
    private readonly HttpClient? _ownedHttpClient;

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
    /// and reported as <see cref="PushOutcome.Refused"/> (<see cref="RefusalReason.Redirect"/>), but only after the target got the request.
    /// Such a handler connects to whatever address the host resolves to, loopback and private
    /// networks included.
    /// </remarks>
    /// <param name="httpClient">The HTTP client to send with. Its lifetime is the caller's.</param>
    /// <param name="vapidDetails">The VAPID contact and keys.</param>
    /// <param name="options">Settings, copied now; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="httpClient"/> or <paramref name="vapidDetails"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A setting is invalid, for example <see cref="WebPushClientOptions.MaxConcurrency"/> outside 1 to 1024; the message names it.</exception>
    public WebPushClient(HttpClient httpClient, VapidDetails vapidDetails, WebPushClientOptions? options)
        : this(httpClient, vapidDetails, options, [])
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WebPushClient"/> class with removal handlers beyond the options' (those from DI).</summary>
    internal WebPushClient(HttpClient httpClient, VapidDetails vapidDetails, WebPushClientOptions? options, IEnumerable<ISubscriptionRemovalHandler> moreRemovalHandlers)
    {
        Guard.NotNull(httpClient);
        VapidDetails = Guard.NotNull(vapidDetails);
        options ??= new WebPushClientOptions();
        options.Validate((_, message) => throw Error.InvalidOptions(nameof(options), message));
        _transport = new PushTransport(httpClient, options.TimeProvider ?? TimeProvider.System, options.SendTimeout);

        _endpointPolicy = new EndpointPolicy(options);
        _removalNotifier = new RemovalNotifier(options.RemovalHandlers.Concat(moreRemovalHandlers));
        _maxConcurrency = options.MaxConcurrency;
        _maxPlaintextLength = options.MaxPlaintextLength;
        _timeProvider = options.TimeProvider ?? TimeProvider.System;
    }


    /// <summary>
    /// Initializes a new instance of the <see cref="WebPushClient"/> class with default options that
    /// owns its transport, built safe: nothing to configure. Dispose it when the application stops.
    /// </summary>
    /// <remarks>See <see cref="WebPushClient(VapidDetails, WebPushClientOptions)"/> for what the transport does.</remarks>
    /// <param name="vapidDetails">The VAPID contact and keys.</param>
    /// <exception cref="ArgumentNullException"><paramref name="vapidDetails"/> is <see langword="null"/>.</exception>
    public WebPushClient(VapidDetails vapidDetails)
        : this(vapidDetails, null)
    {
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="WebPushClient"/> class that owns its transport,
    /// built safe: nothing to configure. Dispose it when the application stops.
    /// </summary>
    /// <remarks>
    /// The client owns an <see cref="HttpClient"/> over the handler of <see cref="CreateHttpHandler"/>:
    /// no redirect is followed, HTTP/2 is preferred with a fallback to HTTP/1.1, pooled connections
    /// are renewed every 5 minutes, connecting (DNS, TCP and TLS) times out after 10 seconds, a whole
    /// send times out after 30 seconds (<see cref="HttpClient.Timeout"/>; the result is then
    /// <see cref="PushOutcome.NetworkError"/>), and only public unicast addresses are connected to
    /// unless <see cref="WebPushClientOptions.AllowPrivateNetworkEndpoints"/> is set. On
    /// netstandard2.0 the connect timeout and connection lifetime are the platform's, and the address
    /// check is best-effort. The handler never uses a proxy: a proxy would choose the address itself.
    /// Retries are not done here; <c>AddWebPush()</c> adds them.
    /// </remarks>
    /// <param name="vapidDetails">The VAPID contact and keys.</param>
    /// <param name="options">Settings, copied now; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="vapidDetails"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A setting is invalid, for example <see cref="WebPushClientOptions.MaxConcurrency"/> outside 1 to 1024; the message names it.</exception>
    public WebPushClient(VapidDetails vapidDetails, WebPushClientOptions? options)
        : this(CreateOwnedHttpClient(vapidDetails, options), vapidDetails, options)
    {
        _ownedHttpClient = _transport.HttpClient;
    }

    /// <summary>
    /// Creates the handler the client's own transport uses, for callers who build their own
    /// <see cref="HttpClient"/> (for example to set a timeout). Share one handler for the
    /// application's lifetime; the caller disposes it.
    /// </summary>
    /// <remarks>
    /// It follows no redirect, keeps no cookies, never uses a proxy, renews pooled connections every
    /// 5 minutes, times out connecting after 10 seconds, and connects only to public unicast
    /// addresses unless <see cref="WebPushClientOptions.AllowPrivateNetworkEndpoints"/> is set (see
    /// there for the refused ranges). <c>AddWebPush()</c> uses this same handler. Of
    /// <paramref name="options"/> only <see cref="WebPushClientOptions.AllowPrivateNetworkEndpoints"/>
    /// is read.
    /// </remarks>
    /// <param name="options">Settings; <see langword="null"/> for the defaults.</param>
    /// <returns>A new handler: a <c>SocketsHttpHandler</c> on net8.0.</returns>
    public static HttpMessageHandler CreateHttpHandler(WebPushClientOptions? options = null) => SafeHttpHandlerFactory.Create(options);

    /// <summary>Disposes the <see cref="HttpClient"/> the client owns; a client given an <see cref="HttpClient"/> disposes nothing of the caller's.</summary>
    public void Dispose() => _ownedHttpClient?.Dispose();

    private static HttpClient CreateOwnedHttpClient(VapidDetails vapidDetails, WebPushClientOptions? options)
    {
        // Check first, so a bad argument does not leave a handler behind.
        Guard.NotNull(vapidDetails);
        options?.Validate((_, message) => throw Error.InvalidOptions(nameof(options), message));
        return SafeHttpHandlerFactory.CreateHttpClient(options);
    }
}
