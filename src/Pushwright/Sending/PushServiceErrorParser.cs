// Reads a push service's error body into a PushServiceError: Mozilla's JSON (errno, code,
// message, more_info), Apple's JSON (reason), or the plain text or HTML other services send,
// reduced to one short line.
using System;
using System.Text;
using System.Text.Json;

namespace Pushwright.Sending;

internal static class PushServiceErrorParser
{
    /// <summary>The longest message kept, in characters.</summary>
    public const int MaxMessageLength = 300;

    /// <summary>Reads a reply body; null for an empty one.</summary>
    public static PushServiceError? Parse(string? body, string? mediaType)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        var text = body!.Trim();
        if (text[0] == '{' || (mediaType?.EndsWith("json", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            var json = TryParseJson(text);
            if (json is not null)
            {
                return json;
            }
        }

        if (text[0] == '<' || (mediaType?.IndexOf("html", StringComparison.OrdinalIgnoreCase) ?? -1) >= 0)
        {
            text = StripHtml(text);
        }

        return new PushServiceError(Shorten(text));
    }

    private static PushServiceError? TryParseJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var errno = Int(root, "errno");
            var code = Int(root, "code");
            var reason = String(root, "reason");
            var message = String(root, "message") ?? String(root, "error") ?? String(root, "description") ?? reason ?? Shorten(text);
            return new PushServiceError(Shorten(message), errno, code, String(root, "more_info"), reason);
        }
        catch (JsonException)
        {
            // System.Text.Json signals a malformed body only by throwing; it is then kept as plain text.
            return null;
        }
    }

    private static int? Int(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i) ? i : null;

    private static string? String(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            // An escaped unpaired surrogate, which GetString only reports by throwing: the field is unreadable.
            return null;
        }
    }

    private static string StripHtml(string html)
    {
        // Keep the <title> when there is one: Google's error pages put the status there.
        var builder = new StringBuilder(html.Length);
        var inTag = false;
        foreach (var c in html)
        {
            if (c == '<')
            {
                inTag = true;
                builder.Append(' ');
            }
            else if (c == '>')
            {
                inTag = false;
            }
            else if (!inTag)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string Shorten(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxMessageLength + 1));
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
            if (builder.Length >= MaxMessageLength)
            {
                builder.Append('…');
                break;
            }
        }

        return builder.ToString();
    }
}
