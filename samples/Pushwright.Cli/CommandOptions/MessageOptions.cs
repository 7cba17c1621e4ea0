using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using Pushwright.Encryption;

namespace Pushwright.Cli.CommandOptions;

/// <summary>What to send: the payload and the RFC 8030 delivery headers.</summary>
internal sealed class MessageOptions
{
    public Option<string> Payload { get; } = OptionValues.Text("--payload", "text", "The text to send (UTF-8). Without a payload a data-free push is sent.");

    public Option<string> PayloadFile { get; } = OptionValues.Text("--payload-file", "path", "Send the bytes of a file instead.");

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
        var payload = ReadPayload(parseResult, encoding, padding);
        var headers = ReadHeaders(parseResult);
        var topic = parseResult.GetValue(Topic);
        try
        {
            return payload is null
                ? new PushMessage { TimeToLive = timeToLive, Urgency = urgency, Topic = topic, Headers = headers }
                : new PushMessage(payload) { TimeToLive = timeToLive, Urgency = urgency, Topic = topic, Headers = headers, ContentEncoding = encoding, PaddingLength = padding };
        }
        catch (ArgumentException ex)
        {
            // TTL, urgency, encoding and padding were checked above; the topic and the headers are checked by PushMessage itself.
            throw UsageException.For(ex.ParamName == "Headers" ? Headers.Name : Topic.Name, ex);
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
