using System;
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
/// <c>POST /api/notify</c> checks a message and stores it as a broadcast to every subscription, then
/// answers 202 with its id; <see cref="BroadcastSender"/> sends it. <c>GET /api/notify/{id}</c> shows
/// its progress. Takes <c>{"title": "...", "body": "...", "encoding": "aesgcm", "ttl": 60}</c> as
/// JSON (plus <c>"navigate": "https://..."</c> for a declarative notification), or any other body as
/// the payload text (then <c>?encoding=</c> and <c>?ttl=</c> in the query).
/// </summary>
internal static class NotifyEndpoint
{
    private const int DefaultTtlSeconds = 3600;

    // The service worker parses this JSON. Non-ASCII text stays as UTF-8 instead of \u escapes.
    private static readonly JsonSerializerOptions s_payloadJson = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static async Task<IResult> PostAsync(HttpRequest request, BroadcastStore broadcasts, BroadcastSignal signal, CancellationToken cancellationToken)
    {
        // 1. What to send.
        string? payload = null, title = null, body = null, navigateText = null, encodingName;
        int? ttl;
        if (request.HasJsonContentType())
        {
            NotifyRequest? notify;
            try
            {
                notify = await request.ReadFromJsonAsync<NotifyRequest>(cancellationToken);
            }
            catch (JsonException ex)
            {
                return BadRequest($"The body is not valid JSON: {ex.Message}");
            }

            if (notify is null || (notify.Title is null && notify.Body is null))
            {
                return BadRequest("Send {\"title\": \"...\", \"body\": \"...\"} as JSON (with \"navigate\": \"https://...\" for a declarative notification), or the payload as plain text.");
            }

            (title, body, navigateText, encodingName, ttl) = (notify.Title, notify.Body, notify.Navigate, notify.Encoding, notify.Ttl);
            if (navigateText is null)
            {
                payload = JsonSerializer.Serialize(new { title = title ?? BroadcastMessage.DefaultTitle, body = body ?? string.Empty }, s_payloadJson);
            }
        }
        else
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            payload = await reader.ReadToEndAsync(cancellationToken);
            encodingName = request.Query["encoding"];
            ttl = int.TryParse(request.Query["ttl"], out var seconds) ? seconds : null;
        }

        // 2. How to send it.
        if (!BroadcastMessage.TryParseEncoding(encodingName, out var encoding))
        {
            return BadRequest($"Unknown encoding '{encodingName}': use aes128gcm (RFC 8291) or aesgcm (older browsers).");
        }

        if (ttl is < 0)
        {
            return BadRequest($"ttl must be 0 or more seconds; got {ttl}.");
        }

        Uri? navigate = null;
        if (navigateText is not null && !Uri.TryCreate(navigateText, UriKind.Absolute, out navigate))
        {
            return BadRequest($"navigate must be an absolute https URL; got '{navigateText}'.");
        }

        // 3. Build it once now, so a message the sender would refuse (too large, not a valid declarative
        //    notification) is a 400 here and nothing is stored.
        var message = new BroadcastMessage(payload, title, body, navigate, encoding, TimeSpan.FromSeconds(ttl ?? DefaultTtlSeconds));
        try
        {
            _ = message.ToPushMessage(topic: null);
        }
        catch (ArgumentException ex)
        {
            return BadRequest(ex.Message);
        }

        // 4. Store it and wake the sender.
        var id = await broadcasts.AddAsync(message, cancellationToken);
        signal.Notify();
        return Results.Accepted($"/api/notify/{id}", new { id, status = "queued" });
    }

    public static async Task<IResult> GetAsync(string id, BroadcastStore broadcasts, CancellationToken cancellationToken) =>
        await broadcasts.GetProgressAsync(id, cancellationToken) is { } progress
            ? Results.Ok(progress)
            : Results.NotFound(new { error = $"No broadcast '{id}'." });

    private static IResult BadRequest(string error) => Results.BadRequest(new { error });
}
