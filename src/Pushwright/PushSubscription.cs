using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using Pushwright.Cryptography;
using Pushwright.Internal;

namespace Pushwright;

/// <summary>
/// A browser's push subscription: the push service endpoint to POST to, and the keys to encrypt
/// for. Parse it from the JSON of <c>PushSubscription.toJSON()</c>.
/// </summary>
/// <remarks>
/// The endpoint is a capability: anyone who knows it can send to the subscriber, so
/// <see cref="ToString"/> shows its host only.
/// </remarks>
public sealed class PushSubscription
{
    /// <summary>Initializes a new instance of the <see cref="PushSubscription"/> class that does not expire.</summary>
    /// <param name="endpoint">The push service URL of this subscription.</param>
    /// <param name="keys">The subscription's <c>p256dh</c> and <c>auth</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="endpoint"/> or <paramref name="keys"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="endpoint"/> is not an absolute http(s) URL.</exception>
    public PushSubscription(Uri endpoint, PushSubscriptionKeys keys)
        : this(endpoint, keys, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PushSubscription"/> class.</summary>
    /// <param name="endpoint">The push service URL of this subscription.</param>
    /// <param name="keys">The subscription's <c>p256dh</c> and <c>auth</c>.</param>
    /// <param name="expirationTime">When the subscription expires, or <see langword="null"/> when the browser gave no time.</param>
    /// <exception cref="ArgumentNullException"><paramref name="endpoint"/> or <paramref name="keys"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="endpoint"/> is not an absolute http(s) URL.</exception>
    public PushSubscription(Uri endpoint, PushSubscriptionKeys keys, DateTimeOffset? expirationTime)
    {
        Guard.NotNull(endpoint);
        if (!IsHttpUrl(endpoint))
        {
            throw Error.EndpointNotAbsolute(nameof(endpoint));
        }

        Endpoint = endpoint;
        Keys = Guard.NotNull(keys);
        ExpirationTime = expirationTime;
    }

    /// <summary>Initializes a new instance of the <see cref="PushSubscription"/> class from the strings a browser gives.</summary>
    /// <param name="endpoint">The push service URL.</param>
    /// <param name="p256dh">The user agent's public key, base64url.</param>
    /// <param name="auth">The authentication secret, base64url.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A value is invalid; the message says which and why.</exception>
    public PushSubscription(string endpoint, string p256dh, string auth)
        : this(ParseEndpoint(Guard.NotNull(endpoint), nameof(endpoint)), new PushSubscriptionKeys(p256dh, auth))
    {
    }

    /// <summary>Gets the push service URL to POST messages to.</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets the encryption keys.</summary>
    public PushSubscriptionKeys Keys { get; }

    /// <summary>Gets when the subscription expires, or <see langword="null"/> when the browser gave no time.</summary>
    public DateTimeOffset? ExpirationTime { get; }

    /// <summary>Parses the JSON of <c>PushSubscription.toJSON()</c>: <c>{"endpoint", "expirationTime", "keys": {"p256dh", "auth"}}</c>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The subscription.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The JSON is malformed, or a field is missing or invalid; the message names the field.</exception>
    public static PushSubscription Parse(string json) =>
        TryParseCore(Guard.NotNull(json), out var subscription, out var problem) ? subscription : throw problem.ToException();

    /// <summary>Parses like <see cref="Parse"/>, returning <see langword="false"/> instead of throwing for bad input.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="subscription">The subscription, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the JSON held a valid subscription.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    public static bool TryParse(string json, [NotNullWhen(true)] out PushSubscription? subscription) =>
        TryParseCore(Guard.NotNull(json), out subscription, out _);

    /// <summary>Parses like <see cref="Parse"/>, returning <see langword="false"/> and the reason instead of throwing for bad input.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="subscription">The subscription, or <see langword="null"/>.</param>
    /// <param name="error">Why the JSON was refused (safe to return to the browser: it quotes no key), or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the JSON held a valid subscription.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    public static bool TryParse(string json, [NotNullWhen(true)] out PushSubscription? subscription, [NotNullWhen(false)] out string? error)
    {
        var parsed = TryParseCore(Guard.NotNull(json), out subscription, out var problem);
        error = parsed ? null : problem.Message;
        return parsed;
    }

    /// <summary>Writes the subscription as <c>PushSubscription.toJSON()</c> does, for storing it.</summary>
    /// <returns><c>{"endpoint":…,"expirationTime":…,"keys":{"p256dh":…,"auth":…}}</c>; it holds the auth secret, so store it as a secret.</returns>
    public string ToJson()
    {
        using var buffer = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("endpoint", Endpoint.AbsoluteUri);
            if (ExpirationTime is { } expires)
            {
                writer.WriteNumber("expirationTime", expires.ToUnixTimeMilliseconds());
            }
            else
            {
                writer.WriteNull("expirationTime");
            }

            writer.WriteStartObject("keys");
            writer.WriteString("p256dh", Base64Url.Encode(Keys.P256dh.Span));
            writer.WriteString("auth", Base64Url.Encode(Keys.AuthSecret));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Returns the endpoint's host only: the full endpoint is a credential.</summary>
    /// <returns>A string for diagnostics.</returns>
    public override string ToString() => $"PushSubscription {{ Host = {Endpoint.Host} }}";

    private static bool IsHttpUrl(Uri endpoint) =>
        endpoint.IsAbsoluteUri && (endpoint.Scheme == Uri.UriSchemeHttps || endpoint.Scheme == Uri.UriSchemeHttp) && endpoint.Host.Length > 0;

    private static Uri ParseEndpoint(string endpoint, string paramName) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && IsHttpUrl(uri) ? uri : throw Error.EndpointNotAbsolute(paramName);

    private static bool TryParseCore(string json, [NotNullWhen(true)] out PushSubscription? subscription, out ArgumentProblem problem)
    {
        const string ParamName = "json";
        subscription = null;
        if (FindUnpairedSurrogate(json) is { } position)
        {
            problem = Error.SubscriptionJsonNotUtf16(ParamName, "at character " + position.ToString(CultureInfo.InvariantCulture));
            return false;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            // System.Text.Json reports bad syntax only by throwing; this is the one place it is
            // caught. Its message quotes the text around the error, which may hold a key, so only
            // the line and the position are kept.
            problem = Error.SubscriptionJsonSyntax(ParamName, ex.LineNumber, ex.BytePositionInLine);
            return false;
        }

        using (document)
        {
            var root = document.RootElement;
            if (!IsValidUtf16(root))
            {
                problem = Error.SubscriptionJsonNotUtf16(ParamName, "in a \\u escape");
                return false;
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = Error.SubscriptionJson(ParamName, "a JSON object", "a JSON " + root.ValueKind.ToString().ToUpperInvariant());
                return false;
            }

            if (!root.TryGetProperty("endpoint", out var endpointElement) || endpointElement.ValueKind != JsonValueKind.String)
            {
                problem = Error.SubscriptionJson(ParamName, "a string \"endpoint\"", Describe(root, "endpoint"));
                return false;
            }

            if (!Uri.TryCreate(endpointElement.GetString(), UriKind.Absolute, out var endpoint) || !IsHttpUrl(endpoint))
            {
                problem = Error.SubscriptionJson(ParamName, "an absolute https: URL in \"endpoint\"", "another value");
                return false;
            }

            DateTimeOffset? expirationTime = null;
            if (root.TryGetProperty("expirationTime", out var expirationElement) && expirationElement.ValueKind != JsonValueKind.Null)
            {
                if (expirationElement.ValueKind != JsonValueKind.Number || !expirationElement.TryGetInt64(out var milliseconds)
                    || milliseconds < 0 || milliseconds > 253402300799999)
                {
                    problem = Error.SubscriptionJson(ParamName, "\"expirationTime\" as null or milliseconds since 1970", Describe(root, "expirationTime"));
                    return false;
                }

                expirationTime = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
            }

            if (!root.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Object)
            {
                problem = Error.SubscriptionJson(ParamName, "a \"keys\" object with \"p256dh\" and \"auth\"", Describe(root, "keys"));
                return false;
            }

            if (!keys.TryGetProperty("p256dh", out var p256dh) || p256dh.ValueKind != JsonValueKind.String)
            {
                problem = Error.SubscriptionJson(ParamName, "a string \"keys.p256dh\"", Describe(keys, "p256dh"));
                return false;
            }

            if (!keys.TryGetProperty("auth", out var auth) || auth.ValueKind != JsonValueKind.String)
            {
                problem = Error.SubscriptionJson(ParamName, "a string \"keys.auth\"", Describe(keys, "auth"));
                return false;
            }

            if (!PushSubscriptionKeys.TryCreate(p256dh.GetString()!, auth.GetString()!, out var subscriptionKeys, out var keysProblem))
            {
                problem = Error.SubscriptionKeys(ParamName, keysProblem);
                return false;
            }

            problem = default;
            subscription = new PushSubscription(endpoint, subscriptionKeys, expirationTime);
            return true;
        }
    }

    /// <summary>
    /// False when a string or member name anywhere in <paramref name="element"/> escapes an unpaired
    /// surrogate (<c>"\ud800"</c>). System.Text.Json parses such text but throws
    /// InvalidOperationException when the string is read, and TryGetProperty reads every escaped
    /// member name it passes; so everything is read once, here, before any lookup.
    /// </summary>
    private static bool IsValidUtf16(JsonElement element)
    {
        try
        {
            ReadAllText(element);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Reads every member name and string below <paramref name="element"/>; the depth is JsonDocument's limit, 64.</summary>
    private static void ReadAllText(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    _ = member.Name;
                    ReadAllText(member.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    ReadAllText(item);
                }

                break;
            case JsonValueKind.String:
                _ = element.GetString();
                break;
        }
    }

    /// <summary>The index of the first unpaired surrogate in <paramref name="text"/>, or null when it is valid UTF-16.</summary>
    private static int? FindUnpairedSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return i;
            }
        }

        return null;
    }

    private static string Describe(JsonElement parent, string name) =>
        !parent.TryGetProperty(name, out var value) ? "none" : value.ValueKind switch
        {
            JsonValueKind.Number => "a number",
            JsonValueKind.String => "a string",
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        };
}
