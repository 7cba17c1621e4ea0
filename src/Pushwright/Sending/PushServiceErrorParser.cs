// Reads a push service's error body into a PushServiceError: Mozilla's JSON (errno, code,
// message, more_info), Apple's JSON (reason), or the plain text or HTML other services send,
// reduced to one short line.
using System;
using System.Collections.Generic;
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

            var members = ReadableMembers(root);
            var errno = Int(members, "errno");
            var code = Int(members, "code");
            var reason = String(members, "reason");
            var message = String(members, "message") ?? String(members, "error") ?? String(members, "description") ?? reason ?? Shorten(text);
            return new PushServiceError(Shorten(message), errno, code, String(members, "more_info"), reason);
        }
        catch (JsonException)
        {
            // System.Text.Json signals a malformed body only by throwing; it is then kept as plain text.
            return null;
        }
    }

    /// <summary>
    /// The object's members by name, the last of a repeated name winning as in TryGetProperty.
    /// A name that escapes an unpaired surrogate (<c>"\ud800"</c>) is skipped: System.Text.Json
    /// throws InvalidOperationException when it is read, and TryGetProperty reads every escaped
    /// name it passes, so one such name would hide every field.
    /// </summary>
    private static Dictionary<string, JsonElement> ReadableMembers(JsonElement root)
    {
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var member in root.EnumerateObject())
        {
            string name;
            try
            {
                name = member.Name;
            }
            catch (InvalidOperationException)
            {
                continue;
            }

            members[name] = member.Value;
        }

        return members;
    }

    private static int? Int(Dictionary<string, JsonElement> members, string name) =>
        members.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var i) ? i : null;

    private static string? String(Dictionary<string, JsonElement> members, string name)
    {
        if (!members.TryGetValue(name, out var value) || value.ValueKind != JsonValueKind.String)
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
