using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using Pushwright.Cryptography;
using Pushwright.Encryption;
using Pushwright.Sending;

namespace Pushwright.Internal;

/// <summary>
/// One factory per error message, so each message is written once and says what was expected
/// and what was received, never the secret itself (CONTRIBUTING.md, "Throwing").
/// </summary>
internal static class Error
{
    public static ArgumentException From(ArgumentProblem problem) =>
        problem.IsOutOfRange ? new ArgumentOutOfRangeException(problem.ParamName, problem.Message) : new ArgumentException(problem.Message, problem.ParamName);

    public static ArgumentOutOfRangeException NegativeArgument(string? paramName, int value) =>
        new(paramName, Format("The value must be zero or positive; got {0}.", value));

    public static ArgumentOutOfRangeException UnknownContentEncoding(string? paramName, ContentEncoding value) =>
        new(paramName, Format("The content encoding must be Aes128Gcm or AesGcm; got {0}.", (int)value));

    public static ArgumentProblem EmptyBase64(string? paramName, string what) =>
        ArgumentProblem.Invalid(paramName, Format("The {0} must be base64url (RFC 4648 Section 5) or base64 text; got an empty string.", what));

    public static ArgumentProblem InvalidBase64Character(string? paramName, string what, int position) =>
        ArgumentProblem.Invalid(paramName, Format("The {0} must be base64url (RFC 4648 Section 5) or base64 text; got a character outside both alphabets at position {1}.", what, position));

    public static ArgumentProblem InvalidBase64Length(string? paramName, string what, int length) =>
        ArgumentProblem.Invalid(paramName, Format("The {0} must be base64url (RFC 4648 Section 5) or base64 text; got {1} characters, a length no base64 encoding produces.", what, length));

    public static ArgumentProblem PublicKeyLength(string? paramName, string what, int actual) =>
        ArgumentProblem.Invalid(paramName, Format("The {0} must be a 65-byte uncompressed P-256 point; got {1} bytes.", what, actual));

    public static ArgumentProblem PublicKeyNotUncompressed(string? paramName, string what, byte prefix) =>
        ArgumentProblem.Invalid(paramName, Format("The {0} must be an uncompressed P-256 point starting with 0x04; got a point starting with 0x{1:x2}.", what, prefix));

    public static ArgumentProblem PublicKeyNotOnCurve(string? paramName, string what) =>
        ArgumentProblem.Invalid(paramName, Format("The {0} must be a point on the P-256 curve; got 65 bytes that are not.", what));

    public static ArgumentProblem AuthSecretLength(string? paramName, int actual) =>
        ArgumentProblem.Invalid(paramName, Format("The auth secret must be exactly 16 bytes (RFC 8291 Section 3.2); got {0} bytes.", actual));

    public static ArgumentProblem PrivateKeyLength(string? paramName, int actual) =>
        ArgumentProblem.Invalid(paramName, Format("The private key must be a 32-byte P-256 scalar; got {0} bytes.", actual));

    public static ArgumentProblem PrivateKeyOutOfRange(string? paramName) =>
        ArgumentProblem.Invalid(paramName, "The private key must be a P-256 scalar between 1 and the group order minus 1; got a value outside that range.");

    public static ArgumentProblem KeyPairMismatch(string? paramName) =>
        ArgumentProblem.Invalid(paramName, "The public key must be the public key of the private key; got a public key that belongs to another key.");

    public static ArgumentProblem PaddingSetTwice(string? paramName, int padTo, int paddingLength) =>
        ArgumentProblem.Invalid(paramName, Format("A message is padded either to a length (PadToLength) or by a number of bytes (PaddingLength), not both; got PadToLength {0} and PaddingLength {1}.", padTo, paddingLength));

    public static ArgumentProblem PayloadLongerThanPadTo(string? paramName, int padTo, int actual) =>
        ArgumentProblem.Invalid(paramName, Format("The payload must be at most PadToLength ({0} bytes) to be padded to it; got {1} bytes.", padTo, actual));

    public static ArgumentProblem PlaintextOverCap(string? paramName, int cap, int plaintextLength, int paddingLength) =>
        ArgumentProblem.Invalid(paramName, Format("The payload and its padding must be at most MaxPlaintextLength ({0} bytes); got {1} bytes of payload and {2} of padding.", cap, plaintextLength, paddingLength));

    public static ArgumentProblem PlaintextTooLarge(string? paramName, ContentEncoding encoding, int maximum, int paddingLength, int actual) =>
        ArgumentProblem.Invalid(paramName, Format(
            "The plaintext must be at most {0} bytes for {1} with {2} bytes of padding (an encrypted Web Push body is at most 4096 bytes); got {3} bytes.",
            maximum,
            encoding.ToWireName(),
            paddingLength,
            actual));

    public static ArgumentProblem PaddingTooLarge(string? paramName, ContentEncoding encoding, int maximum, int actual) =>
        ArgumentProblem.Invalid(paramName, Format(
            "The padding length must be at most {0} bytes for {1} (an encrypted Web Push body is at most 4096 bytes); got {2}.",
            maximum,
            encoding.ToWireName(),
            actual));

    public static ArgumentException MissingAesGcmHeader(string? paramName, string headerName) =>
        new(Format("An aesgcm payload must carry the {0} header value; got none.", headerName), paramName);

    public static ArgumentException UnexpectedAes128GcmHeader(string? paramName, string headerName) =>
        new(Format("An aes128gcm payload carries its salt and key in the body, not in a {0} header; got a {0} header value.", headerName), paramName);

    public static ArgumentProblem Pem(string? paramName, EcPrivateKeyDer.Failure failure, string? detail) => ArgumentProblem.Invalid(
        paramName,
        failure switch
        {
            EcPrivateKeyDer.Failure.NoPem => "The PEM text must hold a \"PRIVATE KEY\" or \"EC PRIVATE KEY\" block; got no PEM block.",
            EcPrivateKeyDer.Failure.Encrypted => "The PEM private key must be unencrypted; got an \"ENCRYPTED PRIVATE KEY\" block (decrypt it first, for example with openssl pkcs8).",
            EcPrivateKeyDer.Failure.PublicOnly => "The PEM text must hold a private key; got only a public key.",
            EcPrivateKeyDer.Failure.NotEc => Format("The PEM key must be an elliptic-curve P-256 key; got a {0} key.", detail),
            EcPrivateKeyDer.Failure.OtherCurve => Format("The PEM key must be on the P-256 curve (prime256v1, OID 1.2.840.10045.3.1.7); got {0}.", detail),
            _ => "The PEM private key must be valid DER (PKCS#8 or SEC 1); got malformed data.",
        });

    public static ArgumentProblem SubjectNotMailtoOrHttps(string? paramName, string subject) =>
        ArgumentProblem.Invalid(paramName, Format("The VAPID subject must be a mailto: address or an https: URL (RFC 8292 Section 2.1); got '{0}'.", subject));

    public static ArgumentProblem SubjectBareEmail(string? paramName, string subject) =>
        ArgumentProblem.Invalid(paramName, Format("The VAPID subject must be a mailto: address or an https: URL (RFC 8292 Section 2.1); got the bare address '{0}'. Use 'mailto:{0}'.", subject));

    public static ArgumentProblem SubjectMailtoWithoutAddress(string? paramName, string subject) =>
        ArgumentProblem.Invalid(paramName, Format("The VAPID mailto: subject must hold one e-mail address after 'mailto:'; got '{0}'.", subject));

    public static ArgumentProblem SubjectHttp(string? paramName, string subject) =>
        ArgumentProblem.Invalid(paramName, Format("The VAPID subject URL must use https:, not http:; got '{0}'.", subject));

    public static ArgumentProblem TokenLifetime(string? paramName, TimeSpan minimum, TimeSpan maximum, TimeSpan actual) =>
        ArgumentProblem.OutOfRange(paramName, Format(
            "The VAPID token lifetime must be between {0} and {1} (RFC 8292 Section 2 caps exp at 24 hours; tokens are renewed with a quarter of their lifetime left and at most once an hour); got {2}.",
            minimum,
            maximum,
            actual));

    public static ArgumentException EndpointNotAbsolute(string? paramName) =>
        new("The push endpoint must be an absolute http: or https: URL; got a relative or non-HTTP URL.", paramName);

    public static ArgumentProblem SubscriptionJson(string? paramName, string expected, string actual) =>
        ArgumentProblem.Invalid(paramName, Format("The subscription JSON must have {0}, as PushSubscription.toJSON() gives it; got {1}.", expected, actual));

    public static ArgumentProblem SubscriptionJsonSyntax(string? paramName, long? lineNumber, long? bytePositionInLine) =>
        ArgumentProblem.Invalid(paramName, Format(
            "The subscription JSON must be valid JSON, as PushSubscription.toJSON() gives it; got text that is not, at line {0}, byte {1}.",
            (lineNumber ?? 0) + 1,
            (bytePositionInLine ?? 0) + 1));

    public static ArgumentProblem SubscriptionJsonNotUtf16(string? paramName, string where) =>
        ArgumentProblem.Invalid(paramName, Format("The subscription JSON must be valid UTF-16 text; got an unpaired surrogate {0}.", where));

    public static ArgumentProblem SubscriptionKeys(string? paramName, ArgumentProblem inner) =>
        ArgumentProblem.Invalid(paramName, Format("The subscription JSON's keys must be valid: {0}", inner.Message));

    public static ArgumentOutOfRangeException TimeToLive(string? paramName, TimeSpan actual) =>
        new(paramName, Format("The time to live must be between 0 and {0} seconds (whole seconds, sent as the TTL header); got {1}.", int.MaxValue, actual));

    public static ArgumentException InvalidTopic(string? paramName, string topic) =>
        new(Format(
            "The topic must be 1 to 32 characters of the URL-safe base64 alphabet (A-Z a-z 0-9 - _) and its length must not leave 1 when divided by 4 (RFC 8030 Section 5.4; Apple cannot decode such a topic); got {0} characters{1}.",
            topic.Length,
            topic.Length is > 0 and <= 32 && topic.Length % 4 != 1 ? " with a character outside the alphabet" : string.Empty), paramName);

    public static ArgumentException ReservedHeader(string? paramName, string name, IEnumerable<string> reserved) =>
        new(Format("Extra headers must not replace a header the client sets itself ({0}); got '{1}'.", string.Join(", ", reserved), name), paramName);

    public static ArgumentException InvalidHeaderName(string? paramName, string name) =>
        new(Format("Extra header names must be HTTP tokens; got '{0}'.", name), paramName);

    public static ArgumentException InvalidHeaderValue(string? paramName, string name) =>
        new(Format("Extra header values must be single-line text without control characters (CR and LF would inject headers); got one in the value of '{0}'.", name), paramName);

    public static string EndpointNotHttpsMessage(string host) =>
        Format("The push endpoint must use https: (set AllowHttpEndpoints for local testing); got an http: endpoint on host '{0}'.", host);

    public static string EndpointHostNotAllowedMessage(string host) =>
        Format("The push endpoint's host must be in AllowedHosts (or in KnownPushServiceHosts, with RestrictToKnownPushServices); got '{0}'.", host);

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

    public static string RedirectNotFollowedMessage(string host, int status) =>
        Format("Push services never redirect, so redirects are not followed; the push service at '{0}' answered {1} with a redirect and nothing was delivered.", host, status);

    public static string RedirectFollowedMessage(string host) =>
        Format("The HttpClient followed a redirect from the push service at '{0}' to another location; push services never redirect. Give the client a handler with AllowAutoRedirect = false (WebPushClient.CreateHttpHandler and AddWebPush() do).", host);

    public static string SubscriptionExpiredMessage(string host) =>
        Format("The subscription at '{0}' passed its expirationTime, so nothing was sent; remove it.", host);

    public static ArgumentException EndpointRefused(string? paramName, PushRefusal refusal) =>
        new(refusal.Message, paramName);

    public static string ConcurrencyMessage(int actual) =>
        Format("MaxConcurrency must be between {0} and {1}; got {2}.", WebPushClientDefaults.MaxConcurrencyMinimum, WebPushClientDefaults.MaxConcurrencyMaximum, actual);

    public static string MaxPlaintextLengthMessage(int actual) =>
        Format("MaxPlaintextLength must be between 1 and {0}; got {1}.", WebPushClientDefaults.MaxPlaintextLengthMaximum, actual);

    public static string SendTimeoutMessage(TimeSpan actual) =>
        Format("SendTimeout must be between {0} and {1}; got {2}.", WebPushClientDefaults.SendTimeoutMinimum, WebPushClientDefaults.SendTimeoutMaximum, actual);

    public static string AllowedHostMessage(string? host) =>
        Format("AllowedHosts must hold host names such as 'fcm.googleapis.com' or '*.push.apple.com', without scheme, port, path or spaces; got '{0}'.", host);

    public static ArgumentException InvalidOptions(string? paramName, string message) =>
        new(Format("The WebPushClientOptions are invalid: {0}", message), paramName);

    public static WebPushException RemovalHandlersFailed(PushResult result, List<Exception> failures) => new(
        "A subscription removal handler failed; the subscription may still be stored. The result is in WebPushException.Result.",
        result,
        new AggregateException(failures));

    public static ArgumentException NotificationTitleEmpty(string? paramName) =>
        new("The notification title must be a non-empty string (a user agent drops a declarative message whose title is missing or empty); got an empty string.", paramName);

    public static ArgumentException NavigateNotHttps(string? paramName, string what, string url) =>
        new(Format("The {0} must be an absolute https: URL (http: only on localhost or a loopback address), because the user agent opens it without a base URL; got '{1}'.", what, url), paramName);

    public static ArgumentException ResourceUrlNotAbsolute(string? paramName, string what, string url) =>
        new(Format("The {0} must be an absolute https:, http: or data: URL, because WebKit parses it without a base URL and drops the whole declarative message otherwise; got '{1}'.", what, url), paramName);

    public static ArgumentOutOfRangeException UnknownNotificationDirection(string? paramName, NotificationDirection value) =>
        new(paramName, Format("The notification direction ('dir') must be Auto, Ltr or Rtl; got {0}.", (int)value));

    public static ArgumentException LanguageTagNotWellFormed(string? paramName, string tag) =>
        new(Format("The notification language ('lang') must be a well-formed BCP 47 language tag (RFC 5646 Section 2.1), such as 'en' or 'de-CH'; got '{0}'.", tag), paramName);

    public static ArgumentOutOfRangeException AppBadgeNegative(string? paramName, long value) =>
        new(paramName, Format("The app badge ('app_badge') must be zero or positive, as the specification makes it an unsigned integer; got {0}.", value));

    public static ArgumentOutOfRangeException VibrationDuration(string? paramName, int index, TimeSpan value) =>
        new(paramName, Format("Each vibration duration ('vibrate') must be between 0 and {0} milliseconds (a 32-bit unsigned integer); got {1} ms at index {2}.", uint.MaxValue, value.TotalMilliseconds, index));

    public static ArgumentOutOfRangeException TimestampBeforeEpoch(string? paramName, DateTimeOffset value) =>
        new(paramName, Format("The notification timestamp must not be before 1970-01-01T00:00:00Z, as it is sent as unsigned milliseconds since the Unix epoch; got {0:O}.", value));

    public static ArgumentException UndefinedJsonData(string? paramName) =>
        new("The notification data must be a JSON value; got a default JsonElement, which holds none (ValueKind Undefined).", paramName);

    public static ArgumentException NullNotificationAction(string? paramName, int index) =>
        new(Format("The notification actions must not contain null; got null at index {0}.", index), paramName);

    public static ArgumentException SilentWithVibration(string? paramName) =>
        new("A silent notification must not have a vibration pattern (the Notifications Standard makes the user agent refuse it, so the message would be dropped); got Silent = true and a VibrationPattern.", paramName);

    public static ArgumentException RenotifyWithoutTag(string? paramName) =>
        new("A notification with Renotify = true must have a non-empty tag (the Notifications Standard makes the user agent refuse it, so the message would be dropped); got no tag or an empty one.", paramName);

    public static ArgumentException PayloadJsonTooLarge(string? paramName, ContentEncoding encoding, int maximum, int paddingLength, int actual) =>
        new(Format(
            "The notification JSON must be at most {0} bytes of UTF-8 for {1} with {2} bytes of padding (an encrypted Web Push body is at most 4096 bytes); got {3} bytes. Shorten the body or the data.",
            maximum,
            encoding.ToWireName(),
            paddingLength,
            actual), paramName);

    public static CryptographicException BackendRefusedCheckedKey() =>
        new("The crypto backend refused a public key that passed the P-256 point check; this is a fault in the backend, not bad input.");

    public static WebPushDecryptionException Decryption(DecryptionError error) =>
        new(error, DecryptionMessage(error));

    private static string DecryptionMessage(DecryptionError error) => error switch
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

    private static string Format(string format, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, format, args);
}
