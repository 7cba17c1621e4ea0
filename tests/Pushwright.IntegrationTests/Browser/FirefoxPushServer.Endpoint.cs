using System;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using VapidVerifier = Pushwright.Testing.Internal.VapidVerifier;

namespace Pushwright.IntegrationTests.Browser;

/// <content>
/// The push endpoint <c>POST /wpush/&lt;id&gt;</c>, checked like autopush's autoendpoint: unknown or
/// gone id → 410; missing TTL, bad Topic or Urgency, or inconsistent encryption headers → 400; VAPID
/// problems → 401 or 403 (Pushwright.Testing's verifier); body over 4096 bytes → 413. Accepted → 201
/// with <c>Location</c>, and the browser gets the body base64url-encoded without padding, with the
/// <c>encoding</c>, <c>encryption</c> and <c>crypto_key</c> headers (quotes and padding stripped).
/// </content>
public sealed partial class FirefoxPushServer
{
    private const int MaxBodyLength = 4096;
    private const int MaxTtlSeconds = 60 * 24 * 60 * 60;

    private async Task<IResult> HandlePushAsync(HttpContext context, string id)
    {
        var request = context.Request;
        if (!request.IsHttps)
        {
            return Results.NotFound();
        }

        PushRegistration? registration;
        bool gone;
        lock (_lock)
        {
            _registrations.TryGetValue(id, out registration);
            gone = _gone.Contains(id);
        }

        if (registration is null || gone)
        {
            return Reject(410, 106, $"No such subscription ({(gone ? "told to answer 410" : "unknown id")})", id);
        }

        if (!int.TryParse(request.Headers["TTL"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var ttl))
        {
            return Reject(400, 111, "Missing or invalid TTL header", id);
        }

        var topic = request.Headers["Topic"].ToString();
        if (topic.Length > 0 && (topic.Length > 32 || !Base64UrlPattern().IsMatch(topic)))
        {
            return Reject(400, 113, "Topic must be at most 32 base64url characters", id);
        }

        var urgency = request.Headers["Urgency"].ToString();
        if (urgency.Length > 0 && urgency is not ("very-low" or "low" or "normal" or "high"))
        {
            return Reject(400, 112, $"Invalid Urgency '{urgency}'", id);
        }

        string? vapidScheme = null;
        var authorization = request.Headers.Authorization.ToString();
        if (registration.ApplicationServerKey is not null || authorization.Length > 0)
        {
            // The repository's one VAPID verifier, Pushwright.Testing's; an unrestricted channel
            // checks a token against the key it names.
            var cryptoKey = request.Headers["Crypto-Key"].ToString();
            var key = registration.ApplicationServerKey ?? KeyNamedBy(authorization, cryptoKey);
            if (VapidVerifier.Verify(authorization, cryptoKey, EndpointOrigin, key, TimeProvider.System.GetUtcNow(), out var claims) is { } refused)
            {
                return Reject(refused.StatusCode, 109, refused.Message, id);
            }

            vapidScheme = claims!.Scheme.ToLowerInvariant();
        }

        var body = await ReadBodyAsync(request, context.RequestAborted);
        if (body is null)
        {
            return Reject(413, 104, $"Body larger than {MaxBodyLength} bytes", id);
        }

        JsonObject? headers = null;
        if (body.Length > 0)
        {
            if (EncryptionHeaders(request, out headers) is { } headerError)
            {
                return Reject(400, 110, headerError, id);
            }
        }

        var corrupted = false;
        if (body.Length > 0)
        {
            lock (_lock)
            {
                corrupted = _corruptNext > 0;
                _corruptNext -= corrupted ? 1 : 0;
            }
        }

        if (corrupted)
        {
            body[^1] ^= 0x01; // one bit of the AEAD tag: decryption must fail
        }

        var version = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
        var delivery = new PushDelivery(registration, version, (string?)headers?["encoding"], vapidScheme, body.Length, corrupted);
        lock (_lock)
        {
            _deliveries.Add(delivery);
        }

        var notification = new JsonObject
        {
            ["messageType"] = "notification",
            ["channelID"] = registration.ChannelId,
            ["version"] = version,
        };
        if (body.Length > 0)
        {
            notification["data"] = Base64Url.EncodeToString(body);
            notification["headers"] = headers;
        }

        var sent = await ForwardAsync(registration, notification, queueIfOffline: ttl > 0);
        Record($"{(sent ? "-> notification" : "queued notification")} {delivery}");
        context.Response.Headers.Location = $"{EndpointOrigin}/m/{version}";
        context.Response.Headers["TTL"] = Math.Min(ttl, MaxTtlSeconds).ToString(CultureInfo.InvariantCulture);
        return Results.Json(new { version }, statusCode: StatusCodes.Status201Created);
    }

    /// <summary>The VAPID key a request names (k= or p256ecdsa=), for channels made without an applicationServerKey.</summary>
    private static byte[] KeyNamedBy(string authorization, string cryptoKey)
    {
        var match = Regex.Match(authorization + ";" + cryptoKey, @"(?:\bk|p256ecdsa)=([A-Za-z0-9_-]+)");
        return match.Success ? Base64Url.DecodeFromChars(match.Groups[1].Value) : [];
    }

    private IResult Reject(int status, int errno, string message, string id)
    {
        Record($"rejected push to /wpush/{id[..Math.Min(8, id.Length)]}..: {status} {message}");
        return Results.Json(new { code = status, errno, error = ReasonPhrases.GetReasonPhrase(status), message }, statusCode: status);
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxBodyLength + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return length > MaxBodyLength ? null : buffer[..length];
    }

    // aes128gcm: no salt in Encryption, no dh in Crypto-Key. aesgcm: Encryption: salt= required,
    // Crypto-Key: dh= when present, no Encryption-Key.
    private static string? EncryptionHeaders(HttpRequest request, out JsonObject? forwarded)
    {
        forwarded = null;
        var encoding = request.Headers.ContentEncoding.ToString();
        var encryption = request.Headers["Encryption"].ToString();
        var cryptoKey = request.Headers["Crypto-Key"].ToString();
        var encryptionKey = request.Headers["Encryption-Key"].ToString();
        var salt = ParameterPattern("salt").Match(encryption);
        var dh = ParameterPattern("dh").Match(cryptoKey);
        switch (encoding)
        {
            case "aes128gcm":
                if (salt.Success || dh.Success)
                {
                    return "aes128gcm takes neither salt in Encryption nor dh in Crypto-Key";
                }

                break;
            case "aesgcm":
                if (!salt.Success)
                {
                    return "aesgcm needs Encryption: salt=<base64url>";
                }

                if (encryptionKey.Length > 0)
                {
                    return "Encryption-Key is not valid for Web Push draft 02 or later";
                }

                if (cryptoKey.Length > 0 && !dh.Success)
                {
                    return "aesgcm Crypto-Key needs dh=<base64url>";
                }

                break;
            case "":
                return "Missing Content-Encoding header";
            default:
                return $"Unknown Content-Encoding '{encoding}'";
        }

        forwarded = new JsonObject { ["encoding"] = encoding };
        if (encryption.Length > 0)
        {
            forwarded["encryption"] = StripHeader(encryption);
        }

        if (cryptoKey.Length > 0)
        {
            forwarded["crypto_key"] = StripHeader(cryptoKey);
        }

        return null;
    }

    // As autopush's NotificationHeaders::strip_header: no double quotes, no base64 padding.
    private static string StripHeader(string value) => PaddingPattern().Replace(value.Replace("\"", string.Empty, StringComparison.Ordinal), "$1$2");

    private static Regex ParameterPattern(string name) =>
        new($@"(?:^|[;,])\s*{name}\s*=\s*""?[0-9A-Za-z\-_]+=*""?\s*(?:[;,]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    [GeneratedRegex("^[0-9A-Za-z_-]+=*$")]
    private static partial Regex Base64UrlPattern();

    [GeneratedRegex("([0-9A-Za-z_-]+)=+([,;]|$)")]
    private static partial Regex PaddingPattern();
}
