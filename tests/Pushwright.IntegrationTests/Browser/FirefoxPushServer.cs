// A push service for real Firefox, on 127.0.0.1 only:
//   http  port: the WebSocket Firefox connects to (dom.push.serverURL = ws://127.0.0.1:<port>/),
//               the test pages (TestPages.cs) and what they post back.
//   https port: the push endpoint POST /wpush/<id> that senders call (self-signed certificate).
// The WebSocket side speaks Mozilla's autopush protocol as Firefox ESR's PushServiceWebSocket.sys.mjs
// expects it (hello/register/unregister/notification/ack/ping); the endpoint checks requests the way
// autopush's autoendpoint does, then forwards the body, untouched, for Firefox to decrypt.
// Protocol facts were read from Firefox ESR 153 (omni.ja: modules/PushServiceWebSocket.sys.mjs,
// PushService.sys.mjs, PushCrypto.sys.mjs) and checked against the browser itself.
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pushwright.IntegrationTests.Browser;

/// <summary>A local push service that Firefox subscribes through. Start with <see cref="StartAsync"/>; dispose to stop.</summary>
public sealed partial class FirefoxPushServer : IAsyncDisposable
{
    private static readonly TimeSpan s_helloWait = TimeSpan.FromSeconds(60);

    private readonly object _lock = new();
    private readonly Dictionary<string, PushRegistration> _registrations = new(StringComparer.Ordinal);
    private readonly HashSet<string> _gone = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BrowserConnection> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _pending = new(StringComparer.Ordinal);
    private readonly List<PushDelivery> _deliveries = [];
    private readonly List<string?> _received = [];
    private readonly List<string> _subscriptions = [];
    private readonly List<string> _pageMessages = [];
    private readonly List<string> _landings = [];
    private readonly List<string> _events = [];
    private readonly TaskCompletionSource _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _started = TimeProvider.System.GetTimestamp();
    private WebApplication? _app;
    private int _corruptNext;
    private int _httpPort;
    private int _httpsPort;

    private FirefoxPushServer(EndpointCertificate certificate) => Certificate = certificate;

    /// <summary>Gets the push endpoint's certificate, which senders must trust.</summary>
    public EndpointCertificate Certificate { get; }

    /// <summary>Gets or sets the VAPID public key (base64url) the test page subscribes with.</summary>
    public string TestPageVapidPublicKey { get; set; } = string.Empty;

    /// <summary>Gets the value for Firefox's <c>dom.push.serverURL</c>.</summary>
    public Uri WebSocketUrl => new($"ws://127.0.0.1:{_httpPort}/");

    /// <summary>Gets the test page, which subscribes with <see cref="TestPageVapidPublicKey"/>.</summary>
    public Uri TestPageUrl => new($"http://127.0.0.1:{_httpPort}/");

    /// <summary>Returns a page that waits until Firefox's push service is up, then opens <paramref name="next"/> (see <see cref="TestPages.Start"/>).</summary>
    public Uri StartPageFor(Uri next) => new($"http://127.0.0.1:{_httpPort}/go?next={Uri.EscapeDataString(next.AbsoluteUri)}");

    /// <summary>Returns a page on this server whose visits are recorded (<see cref="Landings"/>): a notification's <c>navigate</c> URL that a test can see opened.</summary>
    public Uri LandingUrl(string id) => new($"http://127.0.0.1:{_httpPort}/landing?id={Uri.EscapeDataString(id)}");

    /// <summary>Gets the <c>id</c> of every visit to a <see cref="LandingUrl"/>, in order.</summary>
    public IReadOnlyList<string> Landings => Snapshot(() => _landings.ToList());

    /// <summary>Gets the origin of every push endpoint (and the VAPID <c>aud</c> senders must use).</summary>
    public string EndpointOrigin => $"https://127.0.0.1:{_httpsPort}";

    /// <summary>Gets a task that completes when Firefox's push WebSocket has said hello.</summary>
    public Task HelloReceived => _hello.Task;

    /// <summary>Gets the channels Firefox registered.</summary>
    public IReadOnlyList<PushRegistration> Registrations => Snapshot(() => _registrations.Values.ToList());

    /// <summary>Gets the accepted push requests, in order.</summary>
    public IReadOnlyList<PushDelivery> Deliveries => Snapshot(() => _deliveries.ToList());

    /// <summary>Gets the texts the test page's service worker reported (<see langword="null"/> entries for pushes without data).</summary>
    public IReadOnlyList<string?> Received => Snapshot(() => _received.ToList());

    /// <summary>Gets the subscription JSONs the test page posted.</summary>
    public IReadOnlyList<string> PostedSubscriptions => Snapshot(() => _subscriptions.ToList());

    /// <summary>Gets what the pages reported through <c>/log</c> (errors, mostly).</summary>
    public IReadOnlyList<string> PageMessages => Snapshot(() => _pageMessages.ToList());

    /// <summary>Starts both listeners on random loopback ports.</summary>
    public static async Task<FirefoxPushServer> StartAsync(string runDirectory)
    {
        var server = new FirefoxPushServer(EndpointCertificate.Create(runDirectory));
        try
        {
            await server.StartCoreAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Flips one bit of the last byte (the AEAD tag) of the next <paramref name="count"/> bodies.</summary>
    public void CorruptNextBodies(int count)
    {
        lock (_lock)
        {
            _corruptNext = count;
        }
    }

    /// <summary>Makes the endpoint of <paramref name="registration"/> answer 410 Gone from now on.</summary>
    public void AnswerGone(PushRegistration registration)
    {
        lock (_lock)
        {
            _gone.Add(registration.EndpointId);
        }

        Record($"endpoint {registration.EndpointId[..8]}.. will answer 410");
    }

    /// <summary>Returns the server's event log, newest last, for failure messages.</summary>
    public string EventLog(int last = 40) => Snapshot(() => string.Join('\n', _events.TakeLast(last)));

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        List<BrowserConnection> connections;
        lock (_lock)
        {
            connections = [.. _connections.Values];
        }

        foreach (var connection in connections)
        {
            connection.Abort();
        }

        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(timeout.Token);
            await _app.DisposeAsync();
        }

        Certificate.Dispose();
    }

    private async Task StartCoreAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(Certificate.Certificate));
        });

        var app = builder.Build();
        _app = app;
        app.UseWebSockets();
        app.Use(async (context, next) =>
        {
            if (context.WebSockets.IsWebSocketRequest && !context.Request.IsHttps)
            {
                await RunWebSocketAsync(context);
                return;
            }

            await next(context);
        });
        app.MapPost("/wpush/{id}", HandlePushAsync);
        MapTestPages(app);
        await app.StartAsync();

        foreach (var address in app.Urls)
        {
            var uri = new Uri(address);
            if (uri.Scheme == Uri.UriSchemeHttps)
            {
                _httpsPort = uri.Port;
            }
            else
            {
                _httpPort = uri.Port;
            }
        }

        Record($"listening: pages and WebSocket on {TestPageUrl}, endpoints on {EndpointOrigin}/wpush/<id>");
    }

    private void MapTestPages(WebApplication app)
    {
        // The pages are served on the plain-http port only (127.0.0.1 is a secure context).
        var pages = app.MapGroup(string.Empty).AddEndpointFilter(async (context, next) =>
            context.HttpContext.Request.IsHttps ? Results.NotFound() : await next(context));
        pages.MapGet("/", () => Results.Content(TestPages.Subscribe, "text/html; charset=utf-8"));
        pages.MapGet("/go", () => Results.Content(TestPages.Start, "text/html; charset=utf-8"));
        pages.MapGet("/sw.js", () => Results.Content(TestPages.ServiceWorker, "text/javascript"));
        pages.MapGet("/favicon.ico", () => Results.NoContent());
        pages.MapGet("/config", () => Results.Json(new { vapidPublicKey = TestPageVapidPublicKey }));
        pages.MapGet("/wait-push-ready", async (CancellationToken cancellationToken) =>
        {
            // Long poll: answers once Firefox's push WebSocket has said hello (see TestPages.Start).
            try
            {
                await _hello.Task.WaitAsync(s_helloWait, cancellationToken);
                return Results.Ok(new { ready = true });
            }
            catch (TimeoutException)
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }
        });
        pages.MapGet("/landing", (string? id) =>
        {
            Add(_landings, id ?? string.Empty);
            Record($"landing page opened: {id}");
            return Results.Content("<!doctype html><meta charset=\"utf-8\"><title>landed</title><p>Opened from a notification.</p>", "text/html; charset=utf-8");
        });
        pages.MapPost("/subscription", async (HttpRequest request) =>
        {
            var json = await ReadTextAsync(request);
            Add(_subscriptions, json);
            Record("test page posted its subscription");
            return Results.Ok();
        });
        pages.MapPost("/received", async (HttpRequest request) =>
        {
            var text = JsonText(await ReadTextAsync(request), "text");
            lock (_lock)
            {
                _received.Add(text);
            }

            Record($"service worker received: {text}");
            return Results.Ok();
        });
        pages.MapPost("/log", async (HttpRequest request) =>
        {
            var message = JsonText(await ReadTextAsync(request), "msg") ?? "(empty)";
            Add(_pageMessages, message);
            Record($"page: {message}");
            return Results.Ok();
        });
    }

    private static async Task<string> ReadTextAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private static string? JsonText(string json, string property)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
    }

    private void Add(List<string> list, string item)
    {
        lock (_lock)
        {
            list.Add(item);
        }
    }

    private T Snapshot<T>(Func<T> read)
    {
        lock (_lock)
        {
            return read();
        }
    }

    private void Record(string message)
    {
        var elapsed = TimeProvider.System.GetElapsedTime(_started).TotalSeconds;
        lock (_lock)
        {
            _events.Add(FormattableString.Invariant($"[push-server +{elapsed:0.00}s] {message}"));
        }
    }
}
