using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Pushwright.Encryption;

namespace Pushwright.Cli.Demo;

/// <summary>What the push service did with one request, as the demo prints it.</summary>
/// <param name="Status">The status it answered.</param>
/// <param name="ContentEncoding">The request's Content-Encoding, if any.</param>
/// <param name="Text">The decrypted payload as UTF-8, when it decrypted.</param>
/// <param name="Vapid">What the VAPID check found.</param>
/// <param name="Headers">TTL, Urgency and Topic as received.</param>
internal sealed record ReceivedPush(int Status, string? ContentEncoding, string? Text, string Vapid, string Headers);

/// <summary>
/// A small push service for the demo, on Kestrel at 127.0.0.1 on a random port, in this process.
/// It does what a real one does with a message (RFC 8030 Section 5): refuses an unknown
/// subscription with 410, checks the VAPID header (RFC 8292), and, standing in for the browser it
/// would forward to, decrypts the body with the browser's keys (RFC 8291).
/// </summary>
internal sealed class DemoPushService : IAsyncDisposable
{
    private const int MaxBodyBytes = 4096;

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Registration> _subscriptions = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ReceivedPush> _received = new();

    private DemoPushService(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>Gets the origin, <c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
    public Uri BaseAddress { get; }

    public static async Task<DemoPushService> StartAsync(CancellationToken cancellationToken)
    {
        // An empty builder: no configuration files, no environment variables, no logging. Just Kestrel on loopback.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        DemoPushService? service = null;
        app.Run(context => service!.HandleAsync(context));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        service = new DemoPushService(app, new Uri(address));
        return service;
    }

    /// <summary>What the browser asks its push service for: a new endpoint, bound to the application server's key.</summary>
    public PushSubscription Subscribe(UserAgentKeys browser, ReadOnlyMemory<byte> applicationServerKey)
    {
        var id = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        _subscriptions[id] = new Registration(browser, applicationServerKey.ToArray());
        return new PushSubscription(new Uri(BaseAddress, "/push/" + id), browser.SubscriptionKeys);
    }

    /// <summary>The browser unsubscribes (or the user revokes permission): from now on its endpoint answers 410 Gone.</summary>
    public void Unsubscribe(PushSubscription subscription) => _subscriptions.TryRemove(subscription.Endpoint.Segments[^1], out _);

    /// <summary>Returns the oldest request not yet taken, if any.</summary>
    public ReceivedPush? TakeReceived() => _received.TryDequeue(out var push) ? push : null;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var headers = $"TTL {request.Headers["TTL"]}"
            + (request.Headers.TryGetValue("Urgency", out var urgency) ? $", Urgency {urgency}" : string.Empty)
            + (request.Headers.TryGetValue("Topic", out var topic) ? $", Topic {topic}" : string.Empty);
        var encoding = request.Headers.ContentEncoding.ToString() is { Length: > 0 } value ? value : null;

        // 1. Only POST /push/<id> of a live subscription.
        var path = request.Path.Value ?? string.Empty;
        if (!HttpMethods.IsPost(request.Method) || !path.StartsWith("/push/", StringComparison.Ordinal))
        {
            await AnswerAsync(context, new ReceivedPush(404, encoding, null, "not checked", headers), "No such resource.");
            return;
        }

        if (!_subscriptions.TryGetValue(path["/push/".Length..], out var registration))
        {
            await AnswerAsync(context, new ReceivedPush(410, encoding, null, "not checked", headers), "The subscription was unsubscribed.");
            return;
        }

        // 2. TTL is required (RFC 8030 Section 5.2).
        if (!int.TryParse(request.Headers["TTL"], NumberStyles.None, CultureInfo.InvariantCulture, out var ttl) || ttl < 0)
        {
            await AnswerAsync(context, new ReceivedPush(400, encoding, null, "not checked", headers), "A TTL header is required.");
            return;
        }

        // 3. VAPID (RFC 8292): the right key, a valid signature, the right audience.
        var audience = BaseAddress.GetLeftPart(UriPartial.Authority);
        var refusal = VapidCheck.Verify(request.Headers.Authorization, request.Headers["Crypto-Key"], registration.ApplicationServerKey, audience, TimeProvider.System.GetUtcNow());
        if (refusal is { } refused)
        {
            await AnswerAsync(context, new ReceivedPush(refused.Status, encoding, null, "refused: " + refused.Reason, headers), "VAPID: " + refused.Reason);
            return;
        }

        var authorization = request.Headers.Authorization.ToString();
        var vapid = $"valid ({authorization[..authorization.IndexOf(' ', StringComparison.Ordinal)]} scheme, subscription's key, ES256 signature, aud {audience})";

        // 4. The body, at most 4096 bytes (RFC 8291 Section 4), decrypted with the browser's keys.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length > MaxBodyBytes)
        {
            await AnswerAsync(context, new ReceivedPush(413, encoding, null, vapid, headers), "The body is larger than 4096 bytes.");
            return;
        }

        string? text = null;
        if (buffer.Length > 0)
        {
            if (!TryDecrypt(registration.Browser, encoding, buffer.ToArray(), request.Headers["Encryption"], request.Headers["Crypto-Key"], out var plaintext, out var problem))
            {
                await AnswerAsync(context, new ReceivedPush(400, encoding, null, vapid, headers), problem);
                return;
            }

            text = Encoding.UTF8.GetString(plaintext);
        }

        // 5. Accepted: 201 with the message's own URL and the TTL granted (RFC 8030 Section 5).
        context.Response.Headers.Location = new Uri(BaseAddress, "/m/" + Guid.NewGuid().ToString("N")).AbsoluteUri;
        context.Response.Headers["TTL"] = ttl.ToString(CultureInfo.InvariantCulture);
        await AnswerAsync(context, new ReceivedPush(201, encoding, text, vapid, headers), null);
    }

    private static bool TryDecrypt(UserAgentKeys browser, string? encoding, byte[] body, string? encryption, string? cryptoKey, out byte[] plaintext, out string problem)
    {
        plaintext = [];
        problem = string.Empty;
        EncryptedPayload payload;
        try
        {
            payload = encoding switch
            {
                "aes128gcm" => new EncryptedPayload(ContentEncoding.Aes128Gcm, body),
                "aesgcm" => new EncryptedPayload(ContentEncoding.AesGcm, body, encryption, cryptoKey),
                _ => throw new ArgumentException($"Content-Encoding must be aes128gcm or aesgcm; got '{encoding}'."),
            };
        }
        catch (ArgumentException ex)
        {
            problem = ex.Message;
            return false;
        }

        try
        {
            plaintext = WebPushEncryption.Decrypt(browser, payload);
            return true;
        }
        catch (WebPushDecryptionException ex)
        {
            problem = $"Decryption failed ({ex.Error}): {ex.Message}";
            return false;
        }
    }

    private async Task AnswerAsync(HttpContext context, ReceivedPush push, string? error)
    {
        // Record first: the sender's SendAsync returns only after the reply, so the demo sees this entry.
        _received.Enqueue(push);
        context.Response.StatusCode = push.Status;
        if (error is not null)
        {
            // The shape Mozilla's autopush uses, so PushResult.Error shows the message.
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsJsonAsync(new { code = push.Status, error = ((HttpStatusCode)push.Status).ToString(), message = error }, context.RequestAborted);
        }
    }

    private sealed record Registration(UserAgentKeys Browser, byte[] ApplicationServerKey);
}
