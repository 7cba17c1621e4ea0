// Subscription + message + identity -> the HTTP request (RFC 8030 Section 5, RFC 8291, RFC 8292).
// Pure: encryption and VAPID, no I/O. The request's HTTP version is the transport's business.
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using Pushwright.Encryption;

namespace Pushwright.Sending;

internal static class PushRequestFactory
{
    /// <summary>
    /// Builds the request: TTL, Urgency, Topic, the encrypted body with its Content-Encoding (and
    /// for aesgcm the Encryption and Crypto-Key headers), and VAPID authorization.
    /// </summary>
    public static HttpRequestMessage Create(PushSubscription subscription, PushMessage message, VapidDetails vapidDetails) =>
        Create(subscription, message, vapidDetails, out _);

    /// <summary>Builds the request like <see cref="Create(PushSubscription, PushMessage, VapidDetails)"/>, and says whether its VAPID token came from the cache.</summary>
    public static HttpRequestMessage Create(PushSubscription subscription, PushMessage message, VapidDetails vapidDetails, out bool tokenCached)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, subscription.Endpoint);
        try
        {
            var headers = request.Headers;
            headers.TryAddWithoutValidation("TTL", ((long)message.TimeToLive.TotalSeconds).ToString(CultureInfo.InvariantCulture));
            if (message.Urgency is { } urgency)
            {
                headers.TryAddWithoutValidation("Urgency", UrgencyValue(urgency));
            }

            if (message.Topic is not null)
            {
                headers.TryAddWithoutValidation("Topic", message.Topic);
            }

            PushServiceQuirks.AdaptRequest(headers, subscription.Endpoint, message);

            var encoding = message.HasPayload ? message.ContentEncoding : ContentEncoding.Aes128Gcm;
            var vapid = vapidDetails.GetHeaders(subscription.Endpoint, encoding, out tokenCached);
            headers.TryAddWithoutValidation("Authorization", vapid.Authorization);

            if (message.HasPayload)
            {
                // The client checked the payload's size once, at its public boundary.
                var payload = WebPushEncryption.EncryptUnchecked(subscription.Keys, message.Payload.Span, message.ContentEncoding, message.EffectivePaddingLength);
                // The body is one array the payload owns: hand it over without a copy. A retry resends these same bytes.
                var content = new ByteArrayContent(payload.BodyArray);
                // Content-Type names the payload before its Content-Encoding: JSON for notification payloads.
                content.Headers.ContentType = new MediaTypeHeaderValue(message.PayloadMediaType ?? "application/octet-stream");
                content.Headers.TryAddWithoutValidation("Content-Encoding", payload.ContentEncodingName);
                request.Content = content;
                if (payload.EncryptionHeader is not null)
                {
                    headers.TryAddWithoutValidation("Encryption", payload.EncryptionHeader);
                }

                var cryptoKey = vapid.JoinCryptoKey(payload.CryptoKeyHeader);
                if (cryptoKey is not null)
                {
                    headers.TryAddWithoutValidation("Crypto-Key", cryptoKey);
                }
            }
            else
            {
                // A data-free wake-up: no body, no Content-Encoding (RFC 8030 Section 5).
                request.Content = new ByteArrayContent([]);
            }

            foreach (var header in message.Headers)
            {
                headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            return request;
        }
        catch
        {
            request.Dispose();
            throw;
        }
    }

    private static string UrgencyValue(PushUrgency urgency) => urgency switch
    {
        PushUrgency.VeryLow => "very-low",
        PushUrgency.Low => "low",
        PushUrgency.High => "high",
        _ => "normal",
    };
}
