namespace Pushwright.Sample.Web;

/// <summary>
/// The body of <c>POST /api/notify</c> as JSON. <see cref="Encoding"/> is <c>aes128gcm</c> (the
/// default, RFC 8291) or <c>aesgcm</c> (older browsers); <see cref="Ttl"/> is in seconds (default 3600).
/// </summary>
internal sealed record NotifyRequest(string? Title, string? Body, string? Encoding, int? Ttl);
