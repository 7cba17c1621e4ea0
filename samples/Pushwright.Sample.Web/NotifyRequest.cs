namespace Pushwright.Sample.Web;

/// <summary>
/// The body of <c>POST /api/notify</c> as JSON. <see cref="Encoding"/> is <c>aes128gcm</c> (the
/// default, RFC 8291) or <c>aesgcm</c> (older browsers); <see cref="Ttl"/> is in seconds (default 3600).
/// With <see cref="Navigate"/> (an https URL) the message is a declarative notification, which
/// Safari 18.4 and later show without a service worker; without it, title and body go as JSON text.
/// </summary>
internal sealed record NotifyRequest(string? Title, string? Body, string? Encoding, int? Ttl, string? Navigate);
