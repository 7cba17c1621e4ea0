// The JSON shapes of the payloads, serialized with System.Text.Json source generation so that they work
// under trimming and native AOT. Member names are the specifications' own: snake_case at the top of a
// declarative push message (web_push, app_badge), the Notifications Standard's camelCase inside
// (requireInteraction). Unset members are null and are not written.
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Pushwright;

/// <summary>The source-generated serializer for the payload shapes.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(DeclarativePushMessageJson))]
[JsonSerializable(typeof(NotificationPayloadJson))]
internal sealed partial class PayloadJsonContext : JsonSerializerContext;

/// <summary>Writes a payload as compact UTF-8 JSON.</summary>
internal static class PayloadJson
{
    // Relaxed escaping writes non-ASCII text as UTF-8 (2-3 bytes) instead of \uXXXX (6 bytes), which
    // matters under the 4 KB limit. It leaves <, > and & unescaped; that is safe here because the JSON is
    // read by a JSON parser in the user agent and never embedded in HTML. Characters outside the Basic
    // Multilingual Plane (most emoji) are still escaped as surrogate pairs (12 bytes each); the size check
    // counts the bytes as written.
    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Serialize<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, s_writerOptions))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        return stream.ToArray();
    }
}

/// <summary><c>{ web_push, notification, app_badge, mutable }</c>: a declarative push message.</summary>
internal sealed class DeclarativePushMessageJson
{
    [JsonPropertyName("web_push")]
    public int WebPush { get; set; }

    [JsonPropertyName("notification")]
    public NotificationJson? Notification { get; set; }

    [JsonPropertyName("app_badge")]
    public long? AppBadge { get; set; }

    [JsonPropertyName("mutable")]
    public bool? Mutable { get; set; }
}

/// <summary><c>{ title, options }</c>: what a service worker passes to <c>showNotification</c>.</summary>
internal sealed class NotificationPayloadJson
{
    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("options")]
    public NotificationJson? Options { get; set; }
}

/// <summary>A declarative <c>notification</c> member, or <c>NotificationOptions</c> when <see cref="Title"/> is null; in the specification's order.</summary>
internal sealed class NotificationJson
{
    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("dir")]
    public string? Dir { get; set; }

    [JsonPropertyName("lang")]
    public string? Lang { get; set; }

    [JsonPropertyName("body")]
    public string? Body { get; set; }

    [JsonPropertyName("navigate")]
    public string? Navigate { get; set; }

    [JsonPropertyName("tag")]
    public string? Tag { get; set; }

    [JsonPropertyName("image")]
    public string? Image { get; set; }

    [JsonPropertyName("icon")]
    public string? Icon { get; set; }

    [JsonPropertyName("badge")]
    public string? Badge { get; set; }

    [JsonPropertyName("vibrate")]
    public long[]? Vibrate { get; set; }

    [JsonPropertyName("timestamp")]
    public long? Timestamp { get; set; }

    [JsonPropertyName("renotify")]
    public bool? Renotify { get; set; }

    [JsonPropertyName("silent")]
    public bool? Silent { get; set; }

    [JsonPropertyName("requireInteraction")]
    public bool? RequireInteraction { get; set; }

    [JsonPropertyName("data")]
    public JsonElement? Data { get; set; }

    [JsonPropertyName("actions")]
    public NotificationActionJson[]? Actions { get; set; }
}

/// <summary>One entry of <c>actions</c>.</summary>
internal sealed class NotificationActionJson
{
    [JsonPropertyName("action")]
    public string? Action { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("navigate")]
    public string? Navigate { get; set; }

    [JsonPropertyName("icon")]
    public string? Icon { get; set; }
}
