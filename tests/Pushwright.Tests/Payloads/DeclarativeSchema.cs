using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Pushwright.Tests.Payloads;

/// <summary>
/// The declarative push message as the W3C Push API writes it (section "Declarative push message",
/// "Members"), restated independently of the library's model: every member's name and JSON type, which
/// are required, and nothing else. Returns what a document breaks, so that tests can show it catches errors.
/// </summary>
internal static class DeclarativeSchema
{
    private static readonly string[] s_directions = ["auto", "ltr", "rtl"];

    public static IReadOnlyList<string> Violations(string json)
    {
        var errors = new List<string>();
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return ["the message is not an object"];
        }

        Members(root, "message", errors, new()
        {
            ["web_push"] = (true, v => v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) && i == 8030),
            ["notification"] = (true, v => v.ValueKind == JsonValueKind.Object),
            ["app_badge"] = (false, v => v.ValueKind == JsonValueKind.Number && v.TryGetUInt64(out _)),
            ["mutable"] = (false, IsBoolean),
        });

        if (root.TryGetProperty("notification", out var notification) && notification.ValueKind == JsonValueKind.Object)
        {
            Members(notification, "notification", errors, new()
            {
                ["title"] = (true, IsString),
                ["dir"] = (false, v => v.ValueKind == JsonValueKind.String && s_directions.Contains(v.GetString())),
                ["lang"] = (false, IsString),
                ["body"] = (false, IsString),
                ["navigate"] = (true, IsAbsoluteUrl),
                ["tag"] = (false, IsString),
                ["image"] = (false, IsAbsoluteUrl),
                ["icon"] = (false, IsAbsoluteUrl),
                ["badge"] = (false, IsAbsoluteUrl),
                ["vibrate"] = (false, v => v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(d => d.ValueKind == JsonValueKind.Number && d.TryGetUInt32(out _))),
                ["timestamp"] = (false, v => v.ValueKind == JsonValueKind.Number && v.TryGetUInt64(out _)),
                ["renotify"] = (false, IsBoolean),
                ["silent"] = (false, IsBoolean),
                ["requireInteraction"] = (false, IsBoolean),
                ["data"] = (false, _ => true),
                ["actions"] = (false, v => v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(a => a.ValueKind == JsonValueKind.Object)),
            });

            if (notification.TryGetProperty("actions", out var actions) && actions.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var action in actions.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.Object))
                {
                    Members(action, $"actions[{index++}]", errors, new()
                    {
                        ["action"] = (true, IsString),
                        ["title"] = (true, IsString),
                        ["navigate"] = (true, IsAbsoluteUrl),
                        ["icon"] = (false, IsAbsoluteUrl),
                    });
                }
            }
        }

        return errors;
    }

    private static void Members(JsonElement element, string where, List<string> errors, Dictionary<string, (bool Required, Func<JsonElement, bool> Valid)> schema)
    {
        foreach (var member in element.EnumerateObject())
        {
            if (!schema.TryGetValue(member.Name, out var rule))
            {
                errors.Add($"{where}.{member.Name} is not a member of the specification");
            }
            else if (!rule.Valid(member.Value))
            {
                errors.Add($"{where}.{member.Name} has the wrong type or value: {member.Value.GetRawText()}");
            }
        }

        foreach (var required in schema.Where(r => r.Value.Required && !element.TryGetProperty(r.Key, out _)))
        {
            errors.Add($"{where}.{required.Key} is required but missing");
        }
    }

    private static bool IsString(JsonElement value) => value.ValueKind == JsonValueKind.String;

    private static bool IsBoolean(JsonElement value) => value.ValueKind is JsonValueKind.True or JsonValueKind.False;

    // On Unix "/x" parses as an absolute file: URI, so ask for a scheme a user agent can load.
    private static bool IsAbsoluteUrl(JsonElement value) =>
        value.ValueKind == JsonValueKind.String
        && Uri.TryCreate(value.GetString(), UriKind.Absolute, out var url)
        && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);
}
