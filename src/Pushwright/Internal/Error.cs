using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using Pushwright.Cryptography;
using Pushwright.Encryption;
using Pushwright.Sending;

namespace Pushwright.Internal;

/// <summary>
/// One factory per error message, so each message is written once and says what was expected
/// and what was received, never the secret itself (STYLE.md 11 and 12).
/// </summary>
internal static class Error
{
    public static ArgumentOutOfRangeException NegativeArgument(string? paramName, int value) =>
        new(paramName, Format("The value must be zero or positive; got {0}.", value));

    public static ArgumentOutOfRangeException UnknownContentEncoding(string? paramName, ContentEncoding value) =>
        new(paramName, Format("The content encoding must be Aes128Gcm or AesGcm; got {0}.", (int)value));

    public static ArgumentException EmptyBase64(string? paramName, string what) =>
        new(Format("The {0} must be base64url (RFC 4648 Section 5) or base64 text; got an empty string.", what), paramName);

    public static ArgumentException InvalidBase64Character(string? paramName, string what, int position) =>
        new(Format("The {0} must be base64url (RFC 4648 Section 5) or base64 text; got a character outside both alphabets at position {1}.", what, position), paramName);

    public static ArgumentException InvalidBase64Length(string? paramName, string what, int length) =>
        new(Format("The {0} must be base64url (RFC 4648 Section 5) or base64 text; got {1} characters, a length no base64 encoding produces.", what, length), paramName);

    public static ArgumentException PublicKeyLength(string? paramName, string what, int actual) =>
        new(Format("The {0} must be a 65-byte uncompressed P-256 point; got {1} bytes.", what, actual), paramName);

    public static ArgumentException PublicKeyNotUncompressed(string? paramName, string what, byte prefix) =>
        new(Format("The {0} must be an uncompressed P-256 point starting with 0x04; got a point starting with 0x{1:x2}.", what, prefix), paramName);

    public static ArgumentException PublicKeyNotOnCurve(string? paramName, string what) =>
        new(Format("The {0} must be a point on the P-256 curve; got 65 bytes that are not.", what), paramName);

    public static ArgumentException AuthSecretLength(string? paramName, int actual) =>
        new(Format("The auth secret must be exactly 16 bytes (RFC 8291 Section 3.2); got {0} bytes.", actual), paramName);

    public static ArgumentException PrivateKeyLength(string? paramName, int actual) =>
        new(Format("The private key must be a 32-byte P-256 scalar; got {0} bytes.", actual), paramName);

    public static ArgumentException PrivateKeyOutOfRange(string? paramName) =>
        new("The private key must be a P-256 scalar between 1 and the group order minus 1; got a value outside that range.", paramName);

    public static ArgumentException KeyPairMismatch(string? paramName) =>
        new("The public key must be the public key of the private key; got a public key that belongs to another key.", paramName);

    public static ArgumentException SaltLength(string? paramName, int actual) =>
        new(Format("The salt must be exactly 16 bytes; got {0} bytes.", actual), paramName);

    public static ArgumentOutOfRangeException RecordSizeTooSmall(string? paramName, int minimum, int actual) =>
        new(paramName, Format("The record size must be at least {0} bytes; got {1}.", minimum, actual));

    public static ArgumentException KeyIdTooLong(string? paramName, int actual) =>
        new(Format("The key id must be at most 255 bytes; got {0} bytes.", actual), paramName);

    public static ArgumentException PlaintextTooLarge(string? paramName, ContentEncoding encoding, int maximum, int paddingLength, int actual) =>
        new(Format(
            "The plaintext must be at most {0} bytes for {1} with {2} bytes of padding (an encrypted Web Push body is at most 4096 bytes); got {3} bytes.",
            maximum,
            ContentEncodingName(encoding),
            paddingLength,
            actual), paramName);

    public static ArgumentException PaddingTooLarge(string? paramName, ContentEncoding encoding, int maximum, int actual) =>
        new(Format(
            "The padding length must be at most {0} bytes for {1} (an encrypted Web Push body is at most 4096 bytes); got {2}.",
            maximum,
            ContentEncodingName(encoding),
            actual), paramName);

    public static ArgumentException MissingAesGcmHeader(string? paramName, string headerName) =>
        new(Format("An aesgcm payload must carry the {0} header value; got none.", headerName), paramName);

    public static ArgumentException UnexpectedAes128GcmHeader(string? paramName, string headerName) =>
        new(Format("An aes128gcm payload carries its salt and key in the body, not in a {0} header; got a {0} header value.", headerName), paramName);

    public static ArgumentException MismatchedEncoding(string? paramName, ContentEncoding expected, ContentEncoding actual) =>
        new(Format("The payload must be encoded with {0}; got {1}.", ContentEncodingName(expected), ContentEncodingName(actual)), paramName);

    public static ArgumentException Pem(string? paramName, EcPrivateKeyDer.Failure failure, string? detail) => new(
        failure switch
        {
            EcPrivateKeyDer.Failure.NoPem => "The PEM text must hold a \"PRIVATE KEY\" or \"EC PRIVATE KEY\" block; got no PEM block.",
            EcPrivateKeyDer.Failure.Encrypted => "The PEM private key must be unencrypted; got an \"ENCRYPTED PRIVATE KEY\" block (decrypt it first, for example with openssl pkcs8).",
            EcPrivateKeyDer.Failure.PublicOnly => "The PEM text must hold a private key; got only a public key.",
            EcPrivateKeyDer.Failure.NotEc => Format("The PEM key must be an elliptic-curve P-256 key; got a {0} key.", detail),
            EcPrivateKeyDer.Failure.OtherCurve => Format("The PEM key must be on the P-256 curve (prime256v1, OID 1.2.840.10045.3.1.7); got {0}.", detail),
            _ => "The PEM private key must be valid DER (PKCS#8 or SEC 1); got malformed data.",
        },
        paramName);

    public static ArgumentException SubjectNotMailtoOrHttps(string? paramName, string subject) =>
        new(Format("The VAPID subject must be a mailto: address or an https: URL (RFC 8292 Section 2.1); got '{0}'.", subject), paramName);

    public static ArgumentException SubjectBareEmail(string? paramName, string subject) =>
        new(Format("The VAPID subject must be a mailto: address or an https: URL (RFC 8292 Section 2.1); got the bare address '{0}'. Use 'mailto:{0}'.", subject), paramName);

    public static ArgumentException SubjectMailtoWithoutAddress(string? paramName, string subject) =>
        new(Format("The VAPID mailto: subject must hold one e-mail address after 'mailto:'; got '{0}'.", subject), paramName);

    public static ArgumentException SubjectHttp(string? paramName, string subject) =>
        new(Format("The VAPID subject URL must use https:, not http:; got '{0}'.", subject), paramName);

    public static ArgumentOutOfRangeException TokenLifetime(string? paramName, TimeSpan minimum, TimeSpan maximum, TimeSpan actual) =>
        new(paramName, Format(
            "The VAPID token lifetime must be between {0} and {1} (RFC 8292 Section 2 caps exp at 24 hours; tokens are renewed with a quarter of their lifetime left and at most once an hour); got {2}.",
            minimum,
            maximum,
            actual));

    public static ArgumentException EndpointNotAbsolute(string? paramName) =>
        new("The push endpoint must be an absolute http: or https: URL; got a relative or non-HTTP URL.", paramName);

    public static ArgumentException SubscriptionJson(string? paramName, string expected, string actual) =>
        new(Format("The subscription JSON must have {0}, as PushSubscription.toJSON() gives it; got {1}.", expected, actual), paramName);

    public static ArgumentException SubscriptionJsonSyntax(string? paramName, Exception inner) =>
        new("The subscription JSON must be valid JSON, as PushSubscription.toJSON() gives it; got text that is not: " + inner.Message, paramName, inner);

    public static ArgumentException SubscriptionKeys(string? paramName, ArgumentException inner) =>
        new(Format("The subscription JSON's keys must be valid: {0}", inner.Message), paramName, inner);

    public static ArgumentOutOfRangeException TimeToLive(string? paramName, TimeSpan actual) =>
        new(paramName, Format("The time to live must be between 0 and {0} seconds (whole seconds, sent as the TTL header); got {1}.", int.MaxValue, actual));

    public static ArgumentException InvalidTopic(string? paramName, string topic) =>
        new(Format(
            "The topic must be 1 to 32 characters of the URL-safe base64 alphabet (A-Z a-z 0-9 - _) and its length must not leave 1 when divided by 4 (RFC 8030 Section 5.4; Apple cannot decode such a topic); got {0} characters{1}.",
            topic.Length,
            topic.Length is > 0 and <= 32 && topic.Length % 4 != 1 ? " with a character outside the alphabet" : string.Empty), paramName);

    public static ArgumentException ReservedHeader(string? paramName, string name) =>
        new(Format("Extra headers must not replace a header the client sets itself (TTL, Urgency, Topic, Content-Encoding, Encryption, Crypto-Key, Authorization, Content-Type, Content-Length); got '{0}'.", name), paramName);

    public static ArgumentException InvalidHeaderName(string? paramName, string name) =>
        new(Format("Extra header names must be HTTP tokens; got '{0}'.", name), paramName);

    public static ArgumentException InvalidHeaderValue(string? paramName, string name) =>
        new(Format("Extra header values must be single-line text without control characters (CR and LF would inject headers); got one in the value of '{0}'.", name), paramName);

    public static ArgumentException EndpointNotHttps(string? paramName, string host) =>
        new(Format("The push endpoint must use https: (set AllowHttpEndpoints for local testing); got an http: endpoint on host '{0}'.", host), paramName);

    public static ArgumentException EndpointHostNotAllowed(string? paramName, string host) =>
        new(Format("The push endpoint's host must be in AllowedHosts (or in KnownPushServiceHosts, with RestrictToKnownPushServices); got '{0}'.", host), paramName);

    public static EndpointRefusedException EndpointAddressNotPublic(string host, bool isLiteral, IReadOnlyList<(IPAddress Address, AddressKind Kind)> refused, bool onlySome)
    {
        // A hostile name may resolve to many addresses: quote a few, count the rest.
        const int Quoted = 4;
        var reasons = string.Join(", ", refused.Take(Quoted).Select(r => r.Address + " is " + AddressClassifier.Describe(r.Kind)));
        if (refused.Count > Quoted)
        {
            reasons += Format(", and {0} more", refused.Count - Quoted);
        }

        var what = isLiteral ? "is not a public address" : onlySome ? "resolved to a non-public address" : "resolved only to non-public addresses";
        return new(Format("The push endpoint's host '{0}' {1} ({2}); set AllowPrivateNetworkEndpoints to allow private networks.", host, what, reasons));
    }

    public static ArgumentOutOfRangeException Concurrency(string? paramName, int actual) =>
        new(paramName, Format("The maximum concurrency must be between 1 and 1024; got {0}.", actual));

    public static WebPushDecryptionException Decryption(DecryptionError error) =>
        new(error, DecryptionMessage(error));

    public static string DecryptionMessage(DecryptionError error) => error switch
    {
        DecryptionError.InvalidHeader => "The aes128gcm header must hold a 16-byte salt, a 4-byte record size of at least 18 and a key id; got a body too short or a record size too small (RFC 8188 Section 2.1).",
        DecryptionError.InvalidParameters => "The aesgcm Encryption and Crypto-Key header values must hold a 16-byte salt, a record size of at least 3 and a dh key; got values that do not.",
        DecryptionError.InvalidSenderKey => "The sender's public key must be a 65-byte uncompressed point on P-256; got a key that is not.",
        DecryptionError.TruncatedRecord => "Every record must hold at least one byte of content and the 16-byte tag, and the last one must end the message; got a truncated record or a message cut at a record boundary (RFC 8188 Section 2).",
        DecryptionError.AuthenticationFailed => "The record's AES-GCM tag must verify; got a tag that does not (wrong keys, or the ciphertext was changed).",
        DecryptionError.InvalidPaddingDelimiter => "Each record's padding must start with the delimiter 0x01 (0x02 in the last record); got another value or none (RFC 8188 Section 2).",
        DecryptionError.NonZeroPadding => "Padding bytes must be zero; got a non-zero padding byte (RFC 8188 Section 2).",
        DecryptionError.RecordAfterLast => "No record may follow the one marked last; got more data after it (RFC 8188 Section 2).",
        DecryptionError.InvalidPaddingLength => "An aesgcm record's 2-byte padding length must fit in the record; got a longer one.",
        _ => "The payload could not be decrypted.",
    };

    public static string ContentEncodingName(ContentEncoding encoding) => encoding switch
    {
        ContentEncoding.Aes128Gcm => "aes128gcm",
        ContentEncoding.AesGcm => "aesgcm",
        _ => ((int)encoding).ToString(CultureInfo.InvariantCulture),
    };

    private static string Format(string format, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, format, args);
}
