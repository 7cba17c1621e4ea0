using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Pushwright.Sample.Web;

/// <summary>
/// <c>POST /api/notify</c>: sends one message to every stored subscription and answers with a summary.
/// Takes <c>{"title": "...", "body": "...", "encoding": "aesgcm", "ttl": 60}</c> as JSON, or any other
/// body as the payload text (then <c>?encoding=</c> and <c>?ttl=</c> in the query).
/// </summary>
internal static class NotifyEndpoint
{
    private const int DefaultTtlSeconds = 3600;

    // The service worker parses this JSON. Non-ASCII text stays as UTF-8 instead of \u escapes.
    private static readonly JsonSerializerOptions s_payloadJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static async Task<IResult> HandleAsync(HttpRequest request, SubscriptionStore store, WebPushClient client, CancellationToken cancellationToken)
    {
        // 1. What to send.
        string payload;
        string? encodingName;
        int? ttl;
        if (request.HasJsonContentType())
        {
            NotifyRequest? body;
            try
            {
                body = await request.ReadFromJsonAsync<NotifyRequest>(cancellationToken);
            }
            catch (JsonException ex)
            {
                return BadRequest($"The body is not valid JSON: {ex.Message}");
            }

            if (body is null || (body.Title is null && body.Body is null))
            {
                return BadRequest("Send {\"title\": \"...\", \"body\": \"...\"} as JSON, or the payload as plain text.");
            }

            payload = JsonSerializer.Serialize(new { title = body.Title ?? "WebPush sample", body = body.Body ?? string.Empty }, s_payloadJson);
            encodingName = body.Encoding;
            ttl = body.Ttl;
        }
        else
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            payload = await reader.ReadToEndAsync(cancellationToken);
            encodingName = request.Query["encoding"];
            ttl = int.TryParse(request.Query["ttl"], out var seconds) ? seconds : null;
        }

        // 2. How to send it.
        ContentEncoding encoding;
        switch (encodingName?.Trim().ToUpperInvariant())
        {
            case null or "" or "AES128GCM":
                encoding = ContentEncoding.Aes128Gcm;
                break;
            case "AESGCM":
                encoding = ContentEncoding.AesGcm;
                break;
            default:
                return BadRequest($"Unknown encoding '{encodingName}': use aes128gcm (RFC 8291) or aesgcm (older browsers).");
        }

        if (ttl is < 0)
        {
            return BadRequest($"ttl must be 0 or more seconds; got {ttl}.");
        }

        var message = payload.Length == 0
            ? new PushMessage { ContentEncoding = encoding, TimeToLive = TimeSpan.FromSeconds(ttl ?? DefaultTtlSeconds) }
            : new PushMessage(payload) { ContentEncoding = encoding, TimeToLive = TimeSpan.FromSeconds(ttl ?? DefaultTtlSeconds) };

        // 3. Send to everyone. Gone subscriptions are deleted by DeleteGoneSubscriptions (registered in DI)
        //    before their result arrives here.
        var subscriptions = await store.GetAllAsync(cancellationToken);
        var outcomes = new List<NotifyOutcome>(subscriptions.Count);
        int delivered = 0, gone = 0;
        try
        {
            await foreach (var result in client.SendManyAsync(subscriptions, message, cancellationToken))
            {
                delivered += result.IsDelivered ? 1 : 0;
                gone += result.IsSubscriptionGone ? 1 : 0;
                outcomes.Add(new NotifyOutcome(
                    result.Subscription.Endpoint.Host,
                    result.Outcome.ToString(),
                    (int?)result.StatusCode,
                    result.Refusal?.Message ?? result.Error?.Message ?? result.Exception?.Message));
            }
        }
        catch (ArgumentException ex)
        {
            // The payload is too large for one push message (about 4 KB).
            return BadRequest(ex.Message);
        }

        return Results.Ok(new NotifySummary(outcomes.Count, delivered, gone, outcomes.Count - delivered - gone, outcomes));
    }

    private static IResult BadRequest(string error) => Results.BadRequest(new { error });
}
