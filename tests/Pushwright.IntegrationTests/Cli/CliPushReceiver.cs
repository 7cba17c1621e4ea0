using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Pushwright.Encryption;

namespace Pushwright.IntegrationTests.Cli;

/// <summary>One request the receiver got, with the body decrypted when it could be.</summary>
internal sealed record ReceivedPush(
    string Path,
    string? ContentEncoding,
    string? Authorization,
    string? CryptoKey,
    string? Ttl,
    string? Urgency,
    string? Topic,
    int BodyLength,
    byte[]? Plaintext,
    string? DecryptionError);

/// <summary>
/// A minimal push endpoint for the CLI tests: Kestrel on 127.0.0.1 (random port), one
/// subscription made from keys generated here, every body decrypted with them, and the status a
/// test chooses as the reply (201 with a Location by default).
/// </summary>
internal sealed class CliPushReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedPush> _received = new();

    private CliPushReceiver(WebApplication app, Uri origin)
    {
        _app = app;
        Endpoint = new Uri(origin, "/push/cli-test");
    }

    /// <summary>Gets the simulated browser's keys, the subscription's p256dh and auth.</summary>
    public UserAgentKeys Browser { get; } = UserAgentKeys.Generate();

    /// <summary>Gets the subscription endpoint, <c>http://127.0.0.1:&lt;port&gt;/push/cli-test</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets or sets the status to answer with.</summary>
    public HttpStatusCode ReplyStatus { get; set; } = HttpStatusCode.Created;

    public string P256dh => Base64UrlOf(Browser.PublicKey.ToArray());

    public string Auth => Base64UrlOf(Browser.AuthSecret.ToArray());

    /// <summary>Gets the subscription as the browser's <c>PushSubscription.toJSON()</c> gives it.</summary>
    public string SubscriptionJson =>
        JsonSerializer.Serialize(new { endpoint = Endpoint.AbsoluteUri, expirationTime = (long?)null, keys = new { p256dh = P256dh, auth = Auth } });

    public IReadOnlyList<ReceivedPush> Received => _received.ToArray();

    public static async Task<CliPushReceiver> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        CliPushReceiver? receiver = null;
        app.Run(context => receiver!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver = new CliPushReceiver(app, new Uri(address));
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string Base64UrlOf(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var value) ? value.ToString() : null;

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var encoding = Header(request, "Content-Encoding");
        byte[]? plaintext = null;
        string? error = null;
        if (body.Length > 0)
        {
            try
            {
                var payload = encoding == "aesgcm"
                    ? new EncryptedPayload(ContentEncoding.AesGcm, body.ToArray(), Header(request, "Encryption"), Header(request, "Crypto-Key"))
                    : new EncryptedPayload(ContentEncoding.Aes128Gcm, body.ToArray());
                plaintext = WebPushEncryption.Decrypt(Browser, payload);
            }
            catch (Exception ex) when (ex is ArgumentException or WebPushDecryptionException)
            {
                error = ex.Message;
            }
        }

        _received.Enqueue(new ReceivedPush(
            request.Path.Value ?? string.Empty,
            encoding,
            Header(request, "Authorization"),
            Header(request, "Crypto-Key"),
            Header(request, "TTL"),
            Header(request, "Urgency"),
            Header(request, "Topic"),
            (int)body.Length,
            plaintext,
            error));

        if (error is not null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("decryption failed: " + error);
            return;
        }

        var status = (int)ReplyStatus;
        context.Response.StatusCode = status;
        if (status is >= 200 and < 300)
        {
            context.Response.Headers.Location = "/m/message-1";
            context.Response.Headers["TTL"] = Header(request, "TTL") ?? "0";
        }
        else
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""{"code":{{status}},"errno":999,"error":"{{ReplyStatus}}","message":"test receiver answered {{status}}"}""");
        }
    }
}
