using System;
using Pushwright.Encryption;
using Pushwright.Internal;

namespace Pushwright;

/// <content>Messages whose payload is notification JSON built from the typed model.</content>
public sealed partial class PushMessage
{
    /// <summary>The media type of notification JSON payloads.</summary>
    private const string JsonMediaType = "application/json";

    /// <summary>
    /// Initializes a new instance of the <see cref="PushMessage"/> class with a declarative push message as its
    /// payload (UTF-8 JSON), which Safari 18.4 and later show without a service worker.
    /// </summary>
    /// <param name="message">The declarative push message.</param>
    /// <remarks>
    /// The JSON is serialized once, here, and its real length is checked against the limit of the default
    /// encoding (aes128gcm, 3993 bytes without padding), so an oversized notification fails at once. To choose
    /// another encoding or padding, use <see cref="PushMessage(DeclarativePushMessage, ContentEncoding, int)"/>,
    /// which checks against that choice; the <see cref="ContentEncoding"/> and <see cref="PaddingLength"/>
    /// initializers are checked only when the client sends. The client sends the payload with
    /// <c>Content-Type: application/json</c>.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The JSON does not fit a 4096-byte aes128gcm body, or the notification breaks a rule that spans two of its members.</exception>
    public PushMessage(DeclarativePushMessage message)
        : this(Guard.NotNull(message).ToUtf8Json(), nameof(message), ContentEncoding.Aes128Gcm, paddingLength: 0)
    {
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="PushMessage"/> class with a declarative push message as its
    /// payload (UTF-8 JSON), encoded with <paramref name="contentEncoding"/> and padded by <paramref name="paddingLength"/> bytes.
    /// </summary>
    /// <param name="message">The declarative push message.</param>
    /// <param name="contentEncoding">The content coding; the JSON is checked against its limit now.</param>
    /// <param name="paddingLength">The padding, in bytes; the JSON is checked against the limit with this padding now.</param>
    /// <remarks>
    /// The JSON's real length is checked against <see cref="WebPushEncryption.GetMaxPlaintextLength"/> for this
    /// encoding and padding, so an oversized notification fails at once rather than at the push service.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="contentEncoding"/> is not defined, or <paramref name="paddingLength"/> is negative.</exception>
    /// <exception cref="ArgumentException">The padding or the JSON does not fit a 4096-byte body with this encoding, or the notification breaks a rule that spans two of its members.</exception>
    public PushMessage(DeclarativePushMessage message, ContentEncoding contentEncoding, int paddingLength)
        : this(Guard.NotNull(message).ToUtf8Json(), nameof(message), contentEncoding, paddingLength)
    {
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="PushMessage"/> class with <c>{ "title", "options" }</c>
    /// notification JSON as its payload, for a service worker that passes it to <c>showNotification</c>.
    /// </summary>
    /// <param name="notification">The notification payload.</param>
    /// <remarks>
    /// The JSON's real length is checked now against the limit of the default encoding, as for
    /// <see cref="PushMessage(DeclarativePushMessage)"/>. The client sends it with <c>Content-Type: application/json</c>.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="notification"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The JSON does not fit a 4096-byte aes128gcm body, or the notification breaks a rule that spans two of its members.</exception>
    public PushMessage(NotificationPayload notification)
        : this(Guard.NotNull(notification).ToUtf8Json(), nameof(notification), ContentEncoding.Aes128Gcm, paddingLength: 0)
    {
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="PushMessage"/> class with <c>{ "title", "options" }</c>
    /// notification JSON as its payload, encoded with <paramref name="contentEncoding"/> and padded by <paramref name="paddingLength"/> bytes.
    /// </summary>
    /// <param name="notification">The notification payload.</param>
    /// <param name="contentEncoding">The content coding; the JSON is checked against its limit now.</param>
    /// <param name="paddingLength">The padding, in bytes; the JSON is checked against the limit with this padding now.</param>
    /// <remarks>The JSON's real length is checked now, as for <see cref="PushMessage(DeclarativePushMessage, ContentEncoding, int)"/>.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="notification"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="contentEncoding"/> is not defined, or <paramref name="paddingLength"/> is negative.</exception>
    /// <exception cref="ArgumentException">The padding or the JSON does not fit a 4096-byte body with this encoding, or the notification breaks a rule that spans two of its members.</exception>
    public PushMessage(NotificationPayload notification, ContentEncoding contentEncoding, int paddingLength)
        : this(Guard.NotNull(notification).ToUtf8Json(), nameof(notification), contentEncoding, paddingLength)
    {
    }

    private PushMessage(byte[] json, string paramName, ContentEncoding contentEncoding, int paddingLength)
    {
        _contentEncoding = Guard.Defined(contentEncoding);
        _paddingLength = Guard.NotNegative(paddingLength);
        var maxPadding = WebPushEncryption.GetMaxPlaintextLength(contentEncoding);
        if (paddingLength > maxPadding)
        {
            throw Error.PaddingTooLarge(nameof(paddingLength), contentEncoding, maxPadding, paddingLength).ToException();
        }

        if (json.Length > maxPadding - paddingLength)
        {
            throw Error.PayloadJsonTooLarge(paramName, contentEncoding, maxPadding - paddingLength, paddingLength, json.Length);
        }

        _payload = json;
        PayloadMediaType = JsonMediaType;
    }

    /// <summary>
    /// Gets the media type of the payload, for the <c>Content-Type</c> request header:
    /// <c>application/json</c> for notification JSON, <see langword="null"/> for text, bytes or no payload.
    /// </summary>
    internal string? PayloadMediaType { get; }

    /// <summary>Creates a message whose payload is a declarative push message with <paramref name="notification"/> and no other members.</summary>
    /// <param name="notification">The notification to show.</param>
    /// <returns>
    /// The message, with the default encoding and delivery settings. For a TTL, urgency, topic, padding, app badge
    /// or <c>mutable</c>, use a <see cref="PushMessage(DeclarativePushMessage)"/> constructor with an object initializer.
    /// </returns>
    /// <remarks>See <see cref="DeclarativePushMessage"/> for the format and its specification.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="notification"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The JSON does not fit a 4096-byte aes128gcm body, or the notification breaks a rule that spans two of its members.</exception>
    public static PushMessage Declarative(DeclarativeNotification notification) => new(new DeclarativePushMessage(notification));
}
