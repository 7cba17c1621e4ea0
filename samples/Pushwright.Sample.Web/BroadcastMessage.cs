using System;
using Pushwright.Encryption;

namespace Pushwright.Sample.Web;

/// <summary>
/// What a broadcast sends, as <c>POST /api/notify</c> took it and the broadcasts table keeps it:
/// a declarative notification when <see cref="Navigate"/> is set, else the <see cref="Payload"/> text
/// (none when it is empty).
/// </summary>
internal sealed record BroadcastMessage(string? Payload, string? Title, string? Body, Uri? Navigate, ContentEncoding Encoding, TimeSpan TimeToLive)
{
    /// <summary>The title of a declarative notification posted without one.</summary>
    public const string DefaultTitle = "Pushwright sample";

    /// <summary>The stored name of <see cref="Encoding"/>: the <c>Content-Encoding</c> token.</summary>
    public string EncodingName => Encoding == ContentEncoding.AesGcm ? "aesgcm" : "aes128gcm";

    /// <summary>Reads an encoding name as <c>POST /api/notify</c> takes it; empty means aes128gcm.</summary>
    public static bool TryParseEncoding(string? name, out ContentEncoding encoding)
    {
        switch (name?.Trim().ToUpperInvariant())
        {
            case null or "" or "AES128GCM":
                encoding = ContentEncoding.Aes128Gcm;
                return true;
            case "AESGCM":
                encoding = ContentEncoding.AesGcm;
                return true;
            default:
                encoding = default;
                return false;
        }
    }

    /// <summary>Builds the message. The broadcast id is its topic, so a copy resent after a crash replaces one still waiting on the device's push service.</summary>
    /// <exception cref="ArgumentException">The declarative notification is not valid, or the payload does not fit the encoding.</exception>
    public PushMessage ToPushMessage(string? topic)
    {
        PushMessage message;
        if (Navigate is not null)
        {
            var notification = new DeclarativeNotification(Title ?? DefaultTitle, Navigate) { Body = Body };
            message = new PushMessage(new DeclarativePushMessage(notification), Encoding, paddingLength: 0) { TimeToLive = TimeToLive, Topic = topic };
        }
        else
        {
            message = string.IsNullOrEmpty(Payload)
                ? new PushMessage { ContentEncoding = Encoding, TimeToLive = TimeToLive, Topic = topic }
                : new PushMessage(Payload) { ContentEncoding = Encoding, TimeToLive = TimeToLive, Topic = topic };
        }

        // The client checks this too, but only when it sends; the endpoint wants a 400 now.
        var max = WebPushEncryption.GetMaxPlaintextLength(Encoding);
        return message.Payload.Length <= max
            ? message
            : throw new ArgumentException($"The payload is {message.Payload.Length} bytes; one {EncodingName} push message holds at most {max}.", nameof(Payload));
    }
}
