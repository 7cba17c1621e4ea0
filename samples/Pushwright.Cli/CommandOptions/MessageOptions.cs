using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using Pushwright.Encryption;

namespace Pushwright.Cli.CommandOptions;

/// <summary>
/// What to send: the payload (text, a file's bytes, or a declarative push message built from
/// <c>--title</c>, <c>--navigate</c> and <c>--payload</c>) and the RFC 8030 delivery headers.
/// </summary>
internal sealed class MessageOptions
{
    public Option<string> Payload { get; } = OptionValues.Text("--payload", "text", "The text to send (UTF-8); with --navigate, the notification's body. Without a payload a data-free push is sent.");

    public Option<string> PayloadFile { get; } = OptionValues.Text("--payload-file", "path", "Send the bytes of a file instead.");

    public Option<string> Title { get; } = OptionValues.Text("--title", "text", "The notification's title; needs --navigate.");

    public Option<string> Navigate { get; } = OptionValues.Text(
        "--navigate",
        "url",
        "Send a declarative push message (W3C Push API, {\"web_push\":8030,...}) that opens this URL when clicked: https:, or http: on a loopback host. Needs --title; --payload is the body. Safari shows it by itself; other browsers hand the JSON to the service worker.");

    public Option<int?> Ttl { get; } = new("--ttl")
    {
        Description = "How long the push service may keep the message, in seconds (default 2419200, 28 days).",
        HelpName = "seconds",
        CustomParser = OptionValues.WholeNumber("--ttl", 0, int.MaxValue, "seconds"),
    };

    public Option<PushUrgency?> Urgency { get; } = OptionValues.OneOf(
        "--urgency",
        "How soon the device should be woken.",
        ("very-low", PushUrgency.VeryLow),
        ("low", PushUrgency.Low),
        ("normal", PushUrgency.Normal),
        ("high", PushUrgency.High));

    public Option<string> Topic { get; } = OptionValues.Text("--topic", "topic", "Replaces an undelivered message with the same topic (1-32 base64url characters).");

    public Option<ContentEncoding?> Encoding { get; } = OptionValues.OneOf(
        "--encoding",
        "aes128gcm (default, RFC 8291) or aesgcm (older browsers).",
        ("aes128gcm", ContentEncoding.Aes128Gcm),
        ("aesgcm", ContentEncoding.AesGcm));

    public Option<int?> Padding { get; } = new("--padding")
    {
        Description = "Add this many zero bytes to the payload before encrypting, so its length does not show (default 0).",
        HelpName = "bytes",
        CustomParser = OptionValues.WholeNumber("--padding", 0, 4096, "bytes"),
    };

    public Option<string[]> Headers { get; } = new("--header")
    {
        Description = "An extra request header, such as 'X-WNS-Type: wns/raw'; repeat for more. The client sets TTL, Urgency, Topic and the encryption and VAPID headers itself.",
        HelpName = "Name: value",
    };

    public void AddTo(Command command)
    {
        command.Add(Payload);
        command.Add(PayloadFile);
        command.Add(Title);
        command.Add(Navigate);
        command.Add(Ttl);
        command.Add(Urgency);
        command.Add(Topic);
        command.Add(Encoding);
        command.Add(Padding);
        command.Add(Headers);
    }

    /// <summary>Reads and checks the message.</summary>
    /// <exception cref="UsageException">A value is invalid, or the payload does not fit one message.</exception>
    public PushMessage Read(ParseResult parseResult)
    {
        var encoding = parseResult.GetValue(Encoding) ?? ContentEncoding.Aes128Gcm;
        var urgency = parseResult.GetValue(Urgency);
        var timeToLive = parseResult.GetValue(Ttl) is { } seconds ? TimeSpan.FromSeconds(seconds) : PushMessage.DefaultTimeToLive;

        var padding = parseResult.GetValue(Padding) ?? 0;
        var declarative = ReadDeclarative(parseResult);
        var payload = declarative is null ? ReadPayload(parseResult, encoding, padding) : null;
        var headers = ReadHeaders(parseResult);
        var topic = parseResult.GetValue(Topic);
        try
        {
            if (declarative is not null)
            {
                // The constructor checks the JSON's real length against the encoding and the padding.
                return new PushMessage(declarative, encoding, padding) { TimeToLive = timeToLive, Urgency = urgency, Topic = topic, Headers = headers };
            }

            return payload is null
                ? new PushMessage { TimeToLive = timeToLive, Urgency = urgency, Topic = topic, Headers = headers }
                : new PushMessage(payload) { TimeToLive = timeToLive, Urgency = urgency, Topic = topic, Headers = headers, ContentEncoding = encoding, PaddingLength = padding };
        }
        catch (ArgumentException ex)
        {
            // TTL, urgency, encoding and padding were checked above (for a text payload); the topic, the headers,
            // and the declarative message's size against the padding are checked by PushMessage itself.
            var source = ex.ParamName switch
            {
                "Headers" => Headers.Name,
                "paddingLength" => Padding.Name,
                "message" => $"{Title.Name} and {Payload.Name}",
                _ => Topic.Name,
            };
            throw UsageException.For(source, ex);
        }
    }

    /// <summary>Reads --title and --navigate: a declarative push message when --navigate is given, otherwise <see langword="null"/>.</summary>
    /// <exception cref="UsageException">One is given without the other, with --payload-file, or a value is invalid.</exception>
    private DeclarativePushMessage? ReadDeclarative(ParseResult parseResult)
    {
        var title = parseResult.GetValue(Title);
        if (parseResult.GetValue(Navigate) is not { } navigate)
        {
            return title is null
                ? null
                : throw new UsageException($"{Title.Name} needs {Navigate.Name} <url>: the title is sent in a declarative push message, which opens that URL when clicked.");
        }

        if (title is null)
        {
            throw new UsageException($"{Navigate.Name} needs {Title.Name} <text>: a declarative push message must have a title.");
        }

        if (parseResult.Has(PayloadFile))
        {
            throw new UsageException($"{Navigate.Name} sends a declarative push message, whose body is {Payload.Name} <text>; {PayloadFile.Name} cannot be used with it.");
        }

        if (!Uri.TryCreate(navigate, UriKind.RelativeOrAbsolute, out var url))
        {
            throw new UsageException($"{Navigate.Name}: must be an absolute https: URL (http: only on a loopback host); got '{navigate}'.");
        }

        try
        {
            return new DeclarativePushMessage(new DeclarativeNotification(title, url) { Body = parseResult.GetValue(Payload) });
        }
        catch (ArgumentException ex)
        {
            throw UsageException.For(ex.ParamName == "title" ? Title.Name : Navigate.Name, ex);
        }
    }

    /// <summary>Reads --payload or --payload-file, and checks that it fits one message with the padding.</summary>
    private byte[]? ReadPayload(ParseResult parseResult, ContentEncoding encoding, int padding)
    {
        byte[]? payload = null;
        var source = Payload.Name;
        if (parseResult.GetValue(Payload) is { } text)
        {
            if (parseResult.Has(PayloadFile))
            {
                throw new UsageException("give either --payload <text> or --payload-file <path>, not both.");
            }

            payload = System.Text.Encoding.UTF8.GetBytes(text);
        }
        else if (parseResult.GetValue(PayloadFile) is { } path)
        {
            source = PayloadFile.Name;
            payload = OptionValues.ReadFile(source, path, File.ReadAllBytes);
        }

        if (payload is not null)
        {
            int maximum;
            try
            {
                maximum = WebPushEncryption.GetMaxPlaintextLength(encoding, padding);
            }
            catch (ArgumentException ex)
            {
                throw UsageException.For(Padding.Name, ex);
            }

            if (payload.Length > maximum)
            {
                var withPadding = padding == 0 ? string.Empty : $" with {padding} bytes of padding";
                throw new UsageException($"{source}: at most {maximum} bytes fit in one {EncodingName(encoding)} message{withPadding} (the encrypted body is limited to 4096 bytes); got {payload.Length} bytes.");
            }
        }

        return payload;
    }

    private Dictionary<string, string> ReadHeaders(ParseResult parseResult)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in parseResult.GetValue(Headers) ?? [])
        {
            var colon = header.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new UsageException($"--header: must be 'Name: value', such as 'X-WNS-Type: wns/raw'; got '{header}'.");
            }

            var name = header[..colon].Trim();
            if (!headers.TryAdd(name, header[(colon + 1)..].Trim()))
            {
                throw new UsageException($"--header: '{name}' was given more than once.");
            }
        }

        return headers;
    }

    public static string EncodingName(ContentEncoding encoding) => encoding == ContentEncoding.AesGcm ? "aesgcm" : "aes128gcm";
}
