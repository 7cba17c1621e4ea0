using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Pushwright.Testing.Internal;

namespace Pushwright.Testing;

/// <summary>
/// A push service on real sockets: the <see cref="FakePushService"/> of <see cref="Service"/>
/// (the same verifier, recorder and scripts) behind Kestrel on 127.0.0.1, with one HTTP/1.1-only
/// listener and one HTTP/2-only listener (h2c by prior knowledge, or h2 over TLS). For tests
/// that cross a process or a socket: a CLI, a web app under <c>WebApplicationFactory</c>, a worker,
/// HTTP/2, timeouts, the client's own address policy. Dispose it to stop the listeners.
/// </summary>
/// <remarks>
/// Its endpoints are <c>http://127.0.0.1:port/push/id</c> (or <c>https:</c> with
/// <see cref="LoopbackPushServiceOptions.UseTls"/>), so a <see cref="WebPushClient"/> must allow
/// them: <see cref="WebPushClientOptions.AllowPrivateNetworkEndpoints"/>, and
/// <see cref="WebPushClientOptions.AllowHttpEndpoints"/> without TLS.
/// </remarks>
public sealed class LoopbackPushService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpMessageInvoker _invoker;

    private LoopbackPushService(WebApplication app, HttpMessageInvoker invoker, FakePushService service, Uri http1Origin, Uri http2Origin, X509Certificate2? certificate)
    {
        _app = app;
        _invoker = invoker;
        Service = service;
        Http1Origin = http1Origin;
        Http2Origin = http2Origin;
        Certificate = certificate;
    }

    /// <summary>Gets the push service behind the sockets: subscribe, script replies and read what it received through it.</summary>
    public FakePushService Service { get; }

    /// <summary>Gets the origin of the HTTP/1.1-only listener, for example <c>http://127.0.0.1:50123</c>.</summary>
    public Uri Http1Origin { get; }

    /// <summary>Gets the origin of the HTTP/2-only listener.</summary>
    public Uri Http2Origin { get; }

    /// <summary>Gets the listeners' generated certificate, or <see langword="null"/> without TLS.</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>Starts a service on two free ports of 127.0.0.1.</summary>
    /// <param name="options">The profile, the clock and TLS; <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running service.</returns>
    public static async Task<LoopbackPushService> StartAsync(LoopbackPushServiceOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LoopbackPushServiceOptions();
        var service = new FakePushService(new FakePushServiceOptions { Profile = options.Profile, TimeProvider = options.TimeProvider });
        var certificate = options.UseTls ? LoopbackCertificate.Create() : null;
        var invoker = new HttpMessageInvoker(service, disposeHandler: false);

        // The empty builder reads no appsettings.json, environment or command line, and logs
        // nothing: only the two listeners below, whatever folder the test runs in.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        ListenOptions? http1 = null;
        ListenOptions? http2 = null;
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                UseTls(listen, certificate);
                http1 = listen;
            });
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                UseTls(listen, certificate);
                http2 = listen;
            });
        });
        var app = builder.Build();
        app.Run(context => KestrelBridge.HandleAsync(context, invoker));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var scheme = certificate is null ? "http" : "https";
        return new LoopbackPushService(app, invoker, service, OriginOf(scheme, http1!), OriginOf(scheme, http2!), certificate);
    }

    /// <summary>Subscribes a simulated browser, as <see cref="FakePushService.Subscribe"/> does, with an endpoint on one of the listeners.</summary>
    /// <param name="applicationServerKey">The application server's VAPID public key (65 bytes).</param>
    /// <param name="http2">Whether the endpoint is on the HTTP/2-only listener.</param>
    /// <param name="expirationTime">The subscription's <c>expirationTime</c>, if any.</param>
    /// <returns>The subscription, with the browser's keys; its endpoint is <c>{origin}/push/{id}</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="applicationServerKey"/> is not a 65-byte uncompressed P-256 key.</exception>
    public FakeSubscription Subscribe(ReadOnlyMemory<byte> applicationServerKey, bool http2 = false, DateTimeOffset? expirationTime = null) =>
        Service.SubscribeAt(http2 ? Http2Origin : Http1Origin, "/push/", applicationServerKey, expirationTime);

    /// <summary>
    /// Creates an <see cref="HttpClient"/> for the listeners: it trusts the generated certificate, and
    /// with <paramref name="http2"/> speaks HTTP/2 only (prior knowledge over cleartext), as the
    /// HTTP/2-only listener needs. Give it to <see cref="WebPushClient"/>.
    /// </summary>
    /// <param name="http2">Whether requests must use HTTP/2.</param>
    /// <returns>A new client; dispose it.</returns>
    public HttpClient CreateHttpClient(bool http2 = false)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false };
        if (Certificate is { } certificate)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == certificate.GetCertHashString(),
            };
        }

        var client = new HttpClient(handler, disposeHandler: true);
        if (http2)
        {
            client.DefaultRequestVersion = HttpVersion.Version20;
            client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        }

        return client;
    }

    /// <summary>Stops the listeners (waiting up to 5 seconds for requests in flight) and releases the certificate.</summary>
    /// <returns>A task that completes when the service has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(stopping.Token).ConfigureAwait(false);
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _invoker.Dispose();
        Certificate?.Dispose();
    }

    private static void UseTls(ListenOptions listen, X509Certificate2? certificate)
    {
        if (certificate is not null)
        {
            listen.UseHttps(certificate);
        }
    }

    private static Uri OriginOf(string scheme, ListenOptions listen) =>
        new(scheme + "://127.0.0.1:" + listen.IPEndPoint!.Port.ToString(CultureInfo.InvariantCulture));
}
