// Pushwright.Sample.Web: a page that subscribes to push, a service worker that shows the messages,
// and an API that stores subscriptions in SQLite and sends to them through AddWebPush(): a broadcast
// is stored, then sent by a background service that records each subscription's outcome, so a
// restart resumes it without sending twice to those already delivered to.
//
//   dotnet run --project samples/Pushwright.Sample.Web      then open http://localhost:5080
//
//   GET  /api/vapid-public-key      the key the page subscribes with
//   POST /api/subscriptions         store the browser's PushSubscription JSON (upsert by endpoint)
//   DELETE /api/subscriptions       forget one ({"endpoint": "..."})
//   GET  /api/subscriptions/count   how many are stored
//   POST /api/notify                queue a broadcast to all: {"title": "...", "body": "...", "encoding": "aesgcm"?,
//                                   "ttl": 60?, "navigate": "https://..."? (declarative)}; 202 with its id
//   GET  /api/notify/{id}           the broadcast's status (queued, sending, finished) and counts
//   POST /api/received              the service worker reports each push it got (debug aid)
//   GET  /api/received              ... and here they are
//
// Configuration (appsettings.json, or environment variables such as WebPush__Subject):
//   WebPush:Subject, WebPush:PublicKey, WebPush:PrivateKey   VAPID; without keys a pair is generated once
//                                                            and kept in the database
//   WebPush:RestrictToKnownPushServices                      true: send only to FCM, Mozilla, Apple and WNS
//                                                            (plus WebPush:AllowedHosts)
//   WebPush:AllowHttpEndpoints                               true only for a local test push service
//   WebPush:AllowPrivateNetworkEndpoints                     true only for a push service on loopback or a
//                                                            private network
//   Database:Path                                            the SQLite file (default webpush-sample.db)
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pushwright;
using Pushwright.Sample.Web;

// 1. Configuration: appsettings.json, then environment variables, then the command line.
var builder = WebApplication.CreateBuilder(args);

// 2. The database: a SQLite file next to the app unless Database:Path says otherwise.
var databasePath = Path.GetFullPath(builder.Configuration["Database:Path"] ?? "webpush-sample.db", builder.Environment.ContentRootPath);
var database = new SampleDatabase(databasePath);
var store = new SubscriptionStore(database);
store.Initialize();
var broadcasts = new BroadcastStore(database);
broadcasts.Initialize();

// 3. VAPID keys: the configured pair, or (first run, nothing configured) one generated and kept in the
//    database, so a restart does not orphan the subscriptions already made with the public key.
var webPushSection = builder.Configuration.GetSection("WebPush");
if (string.IsNullOrEmpty(webPushSection["PublicKey"]) && string.IsNullOrEmpty(webPushSection["PrivateKey"]))
{
    var (publicKey, privateKey) = StoredVapidKeys.GetOrCreate(database);
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["WebPush:PublicKey"] = publicKey,
        ["WebPush:PrivateKey"] = privateKey,
    });
}

// 4. Services: WebPushClient (options validated at start-up, retries, logging), the handler that
//    deletes subscriptions the push service reports gone (AddWebPush() gives it to every client), and
//    the background service that sends the broadcasts.
builder.Services.AddSingleton(store);
builder.Services.AddSingleton(broadcasts);
builder.Services.AddSingleton<BroadcastSignal>();
builder.Services.AddHostedService<BroadcastSender>();
builder.Services.AddSingleton<ReceivedMessages>();
builder.Services.AddSingleton<ISubscriptionRemovalHandler, DeleteGoneSubscriptions>();
builder.Services.AddWebPush(webPushSection);

var app = builder.Build();

// 5. The page (index.html, app.js) and the service worker (sw.js) from wwwroot.
app.UseDefaultFiles();
app.UseStaticFiles();

// 6. The API.
app.MapGet("/api/vapid-public-key", (IOptions<WebPushOptions> options) =>
    Results.Ok(new { publicKey = options.Value.PublicKey }));

app.MapPost("/api/subscriptions", async (HttpRequest request, SubscriptionStore subscriptions, CancellationToken cancellationToken) =>
{
    var json = await ReadSmallBodyAsync(request, cancellationToken);
    string? problem = "The body was empty or too large.";
    if (json is null || !PushSubscription.TryParse(json, out var subscription, out problem))
    {
        return Results.BadRequest(new
        {
            error = "Expected the browser's PushSubscription JSON: send JSON.stringify(subscription) from pushManager.subscribe(). " +
                problem,
        });
    }

    var isNew = await subscriptions.UpsertAsync(subscription, json, cancellationToken);
    var count = await subscriptions.CountAsync(cancellationToken);
    return Results.Json(new { stored = true, isNew, count }, statusCode: isNew ? StatusCodes.Status201Created : StatusCodes.Status200OK);
});

app.MapDelete("/api/subscriptions", async (HttpRequest request, SubscriptionStore subscriptions, CancellationToken cancellationToken) =>
{
    var json = await ReadSmallBodyAsync(request, cancellationToken);
    if (json is null || !PushSubscription.TryParse(json, out var subscription))
    {
        return Results.BadRequest(new { error = "Send the PushSubscription JSON to forget." });
    }

    return Results.Ok(new { deleted = await subscriptions.DeleteAsync(subscription, cancellationToken) });
});

app.MapGet("/api/subscriptions/count", async (SubscriptionStore subscriptions, CancellationToken cancellationToken) =>
    Results.Ok(new { count = await subscriptions.CountAsync(cancellationToken) }));

app.MapPost("/api/notify", NotifyEndpoint.PostAsync);
app.MapGet("/api/notify/{id}", NotifyEndpoint.GetAsync);

app.MapPost("/api/received", async (HttpRequest request, ReceivedMessages received, CancellationToken cancellationToken) =>
{
    var json = await ReadSmallBodyAsync(request, cancellationToken);
    string? text;
    try
    {
        using var document = JsonDocument.Parse(json ?? string.Empty);
        text = document.RootElement.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
    catch (JsonException)
    {
        return Results.BadRequest(new { error = "Expected {\"text\": \"...\"}." });
    }

    received.Add(text);
    return Results.NoContent();
});

app.MapGet("/api/received", (ReceivedMessages received) => Results.Ok(received.Snapshot()));

app.Run();

// Subscriptions and reports are a few hundred bytes; refuse anything large instead of buffering it.
static async Task<string?> ReadSmallBodyAsync(HttpRequest request, CancellationToken cancellationToken)
{
    const int MaxBytes = 16 * 1024;
    if (request.ContentLength > MaxBytes)
    {
        return null;
    }

    using var reader = new StreamReader(request.Body, Encoding.UTF8);
    var buffer = new char[MaxBytes + 1];
    var length = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
    return length > MaxBytes ? null : new string(buffer, 0, length);
}
