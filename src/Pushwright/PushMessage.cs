using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Text;
using Pushwright.Encryption;
using Pushwright.Internal;

namespace Pushwright;

/// <summary>
/// A message to send: an optional payload and the delivery headers of RFC 8030 (<c>TTL</c>,
/// <c>Urgency</c>, <c>Topic</c>). One message can be sent to many subscriptions; each is
/// encrypted separately.
/// </summary>
/// <remarks>
/// A message without a payload is a valid data-free wake-up: it has no body and no
/// <c>Content-Encoding</c>. Properties are set once, with object initializers, and checked as they are set.
/// </remarks>
public sealed partial class PushMessage
{
    /// <summary>The default time to live: 4 weeks.</summary>
    public static readonly TimeSpan DefaultTimeToLive = TimeSpan.FromDays(28);

    /// <summary>The headers the client sets itself, in the order the error message lists them.</summary>
    private static readonly string[] s_reservedHeaderNames =
    [
        "TTL", "Urgency", "Topic", "Content-Encoding", "Encryption", "Crypto-Key", "Authorization", "Content-Type", "Content-Length", "Host",
    ];

    private static readonly HashSet<string> s_reservedHeaders = new(s_reservedHeaderNames, StringComparer.OrdinalIgnoreCase);

    private readonly byte[]? _payload;
    private readonly TimeSpan _timeToLive = DefaultTimeToLive;
    private readonly string? _topic;
    private readonly ContentEncoding _contentEncoding = ContentEncoding.Aes128Gcm;
    private readonly int _paddingLength;
    private readonly int? _padToLength;
    private readonly IReadOnlyDictionary<string, string> _headers = new ReadOnlyDictionary<string, string>(new Dictionary<string, string>());

    /// <summary>Initializes a new instance of the <see cref="PushMessage"/> class without a payload (a wake-up).</summary>
    public PushMessage()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PushMessage"/> class with a text payload, sent as UTF-8.</summary>
    /// <param name="payload">The text, for example JSON for the service worker.</param>
    /// <exception cref="ArgumentNullException"><paramref name="payload"/> is <see langword="null"/>.</exception>
    public PushMessage(string payload) => _payload = Encoding.UTF8.GetBytes(Guard.NotNull(payload));

    /// <summary>Initializes a new instance of the <see cref="PushMessage"/> class with a binary payload.</summary>
    /// <param name="payload">The bytes. They are copied.</param>
    public PushMessage(ReadOnlySpan<byte> payload) => _payload = payload.ToArray();

    /// <summary>Gets the payload; empty when <see cref="HasPayload"/> is <see langword="false"/>.</summary>
    public ReadOnlyMemory<byte> Payload => _payload;

    /// <summary>Gets a value indicating whether the message has a payload (even an empty one).</summary>
    public bool HasPayload => _payload is not null;

    /// <summary>Gets how long the push service keeps the message for an offline device (sent as <c>TTL</c> in whole seconds; 0 means deliver now or never).</summary>
    /// <value>The default value is 4 weeks.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or above <see cref="int.MaxValue"/> seconds.</exception>
    public TimeSpan TimeToLive
    {
        get => _timeToLive;
        init => _timeToLive = value >= TimeSpan.Zero && value.TotalSeconds <= int.MaxValue ? value : throw Error.TimeToLive(nameof(TimeToLive), value);
    }

    /// <summary>Gets the urgency, sent as the <c>Urgency</c> header; <see langword="null"/> sends none (the service then assumes normal).</summary>
    public PushUrgency? Urgency { get; init; }

    /// <summary>
    /// Gets the topic: a newer message with the same topic replaces an undelivered older one.
    /// At most 32 characters of the URL-safe base64 alphabet, and not of a length that leaves 1 when divided by 4.
    /// </summary>
    /// <exception cref="ArgumentException">The topic is not valid.</exception>
    public string? Topic
    {
        get => _topic;
        init => _topic = value is null || IsValidTopic(value) ? value : throw Error.InvalidTopic(nameof(Topic), value);
    }

    /// <summary>Gets the content coding of the payload.</summary>
    /// <value>The default value is <see cref="ContentEncoding.Aes128Gcm"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not defined.</exception>
    public ContentEncoding ContentEncoding
    {
        get => _contentEncoding;
        init => _contentEncoding = Guard.Defined(value, nameof(ContentEncoding));
    }

    /// <summary>Gets how many zero bytes to add to the payload so its length does not show.</summary>
    /// <value>The default value is 0.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int PaddingLength
    {
        get => _paddingLength;
        init => _paddingLength = Guard.NotNegative(value, nameof(PaddingLength));
    }

    /// <summary>
    /// Gets the length every message is padded to, so that message lengths do not reveal their
    /// content: the payload plus zero bytes of padding make exactly this many bytes. <see langword="null"/>
    /// (the default) pads by <see cref="PaddingLength"/> instead.
    /// </summary>
    /// <remarks>
    /// The payload must not be longer than this, and it must fit the encoding's maximum plaintext
    /// (<see cref="Encryption.WebPushEncryption.GetMaxPlaintextLength"/>), and the client's
    /// <see cref="WebPushClientOptions.MaxPlaintextLength"/>; both are checked when the message is sent.
    /// Use one of <see cref="PadToLength"/> and <see cref="PaddingLength"/>, not both.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int? PadToLength
    {
        get => _padToLength;
        init => _padToLength = value is { } length ? Guard.NotNegative(length, nameof(PadToLength)) : null;
    }

    /// <summary>Gets the padding the body gets: <see cref="PaddingLength"/>, or what brings the payload to <see cref="PadToLength"/>.</summary>
    internal int EffectivePaddingLength => _padToLength is { } target ? Math.Max(0, target - Payload.Length) : _paddingLength;

    /// <summary>
    /// Checks, once per send at the client's boundary, that the payload with its padding fits the
    /// encoding, the padding settings agree, and the client's cap (<paramref name="maxPlaintextLength"/>) holds.
    /// </summary>
    internal bool TryCheckSize(int? maxPlaintextLength, out ArgumentProblem problem)
    {
        problem = default;
        if (!HasPayload)
        {
            return true;
        }

        if (_padToLength is { } target)
        {
            if (_paddingLength != 0)
            {
                problem = Error.PaddingSetTwice(nameof(PadToLength), target, _paddingLength);
                return false;
            }

            if (Payload.Length > target)
            {
                problem = Error.PayloadLongerThanPadTo(nameof(PadToLength), target, Payload.Length);
                return false;
            }
        }

        var padding = EffectivePaddingLength;
        if (!WebPushEncryption.TryCheckSizes(Payload.Length, ContentEncoding, padding, out problem))
        {
            return false;
        }

        if (maxPlaintextLength is { } cap && Payload.Length + padding > cap)
        {
            problem = Error.PlaintextOverCap("message", cap, Payload.Length, padding);
            return false;
        }

        return true;
    }

    /// <summary>Gets extra request headers, for example Microsoft's <c>X-WNS-Type</c> or <c>X-WNS-Cache-Policy</c>.</summary>
    /// <exception cref="ArgumentException">A name is not an HTTP token or names a header the client sets itself, or a value holds a control character such as CR or LF.</exception>
    public IReadOnlyDictionary<string, string> Headers
    {
        get => _headers;
        init => _headers = CopyHeaders(Guard.NotNull(value, nameof(Headers)));
    }

    /// <summary>Returns the payload length and delivery settings; never the payload.</summary>
    /// <returns>A string for diagnostics.</returns>
    public override string ToString() =>
        $"PushMessage {{ Payload = {(_payload is null ? "none" : _payload.Length + " bytes")}, Padding = {EffectivePaddingLength} bytes, TimeToLive = {TimeToLive}, Urgency = {Urgency?.ToString() ?? "default"}, Topic = {Topic ?? "none"} }}";

    private static bool IsValidTopic(string topic)
    {
        if (topic.Length is 0 or > 32 || topic.Length % 4 == 1)
        {
            return false;
        }

        foreach (var c in topic)
        {
            if (!(c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static ReadOnlyDictionary<string, string> CopyHeaders(IReadOnlyDictionary<string, string> headers)
    {
        var copy = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in headers)
        {
            if (string.IsNullOrEmpty(pair.Key) || !IsToken(pair.Key))
            {
                throw Error.InvalidHeaderName(nameof(Headers), pair.Key ?? string.Empty);
            }

            if (s_reservedHeaders.Contains(pair.Key))
            {
                throw Error.ReservedHeader(nameof(Headers), pair.Key, s_reservedHeaderNames);
            }

            var value = pair.Value ?? string.Empty;
            foreach (var c in value)
            {
                // CR or LF would start a new header line (header injection, request smuggling).
                if ((c < ' ' && c != '\t') || c == '\u007f')
                {
                    throw Error.InvalidHeaderValue(nameof(Headers), pair.Key);
                }
            }

            copy[pair.Key] = value;
        }

        return new ReadOnlyDictionary<string, string>(copy);
    }

    private static bool IsToken(string name)
    {
        foreach (var c in name)
        {
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".AsSpan().IndexOf(c) >= 0)
            {
                return false;
            }
        }

        return true;
    }
}
