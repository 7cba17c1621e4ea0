// What each push service does that RFC 8030 does not say, handled in one place:
//   - WNS (Edge on Windows, *.notify.windows.com) refuses TTL: 0 with 400 "Ttl value conflicts
//     with X-WNS-Cache-Policy" unless X-WNS-Cache-Policy: no-cache is sent; it is sent for such
//     messages. WNS explains a refusal in the X-WNS-ERROR-DESCRIPTION and X-WNS-STATUS headers, not
//     in the body; the reader takes them. (Its 406 means throttled: RateLimited.)
//   - Apple (web.push.apple.com) answers {"reason": ...}; BadJwtToken usually means a bad sub.
//     Safari has been reported to drop messages without Urgency, so Urgency: normal is sent to
//     Apple when the message sets none. (A Topic whose length leaves 1 when divided by 4 is
//     refused by PushMessage itself.)
//   - FCM (fcm.googleapis.com) answers 403 with a text naming the sender or the VAPID key when the
//     subscription was created with another applicationServerKey.
//   - Mozilla's bridged endpoints (Firefox on Android and iOS, through FCM and APNs) accept
//     smaller bodies than 4096 bytes (about 3,070 and 2,744 were reported): a 413 suggests
//     WebPushClientOptions.MaxPlaintextLength.
// Hints say what to fix; they are the library's reading, kept apart from PushServiceError, which
// holds only what the service said.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http.Headers;

namespace Pushwright.Sending;

internal static class PushServiceQuirks
{
    /// <summary>The smallest body a bridged Mozilla endpoint was reported to accept, as a plaintext length to suggest.</summary>
    public const int BridgedPlaintextLength = 2744;

    private static readonly HostPatterns s_wns = new(["*.notify.windows.com"]);
    private static readonly HostPatterns s_apple = new(["web.push.apple.com", "*.push.apple.com"]);
    private static readonly HostPatterns s_fcm = new(["fcm.googleapis.com", "android.googleapis.com"]);

    /// <summary>Adds the headers a push service needs beyond RFC 8030; the message's own headers and settings win.</summary>
    public static void AdaptRequest(HttpRequestHeaders headers, Uri endpoint, PushMessage message)
    {
        if (message.TimeToLive == TimeSpan.Zero && s_wns.Matches(endpoint) && !message.Headers.ContainsKey("X-WNS-Cache-Policy"))
        {
            headers.TryAddWithoutValidation("X-WNS-Cache-Policy", "no-cache");
        }

        if (message.Urgency is null && s_apple.Matches(endpoint))
        {
            headers.TryAddWithoutValidation("Urgency", "normal");
        }
    }

    /// <summary>WNS's explanation of a refusal, from its headers, or null.</summary>
    public static string? ErrorFromHeaders(IReadOnlyDictionary<string, IReadOnlyList<string>> headers)
    {
        var description = First(headers, "X-WNS-ERROR-DESCRIPTION");
        var status = First(headers, "X-WNS-STATUS");
        return (description, status) switch
        {
            (null, null) => null,
            (_, null) => description,
            (null, _) => "WNS status: " + status,
            _ => description + " (WNS status: " + status + ")",
        };
    }

    /// <summary>What to fix, for the refusals the library recognises; otherwise null.</summary>
    public static string? Hint(Uri endpoint, PushOutcome outcome, PushServiceError? error)
    {
        if (outcome == PushOutcome.PayloadTooLarge)
        {
            return string.Format(
                CultureInfo.InvariantCulture,
                "The push service refused the size. Bridged endpoints (Firefox on Android and iOS, through FCM and APNs) accept less than 4096 bytes: set WebPushClientOptions.MaxPlaintextLength (for example to {0}) to cap every message, or send less.",
                BridgedPlaintextLength);
        }

        if (outcome != PushOutcome.Unauthorized)
        {
            return null;
        }

        if (s_apple.Matches(endpoint))
        {
            return error?.Reason switch
            {
                "BadJwtToken" => "Apple refused the VAPID token (BadJwtToken); this usually means a bad subject: use a mailto: address or https: URL Apple can reach, not a localhost or .local one.",
                "ExpiredJwtToken" => "Apple found the VAPID token expired (ExpiredJwtToken): check this machine's clock.",
                "BadWebPushTopic" => "Apple refused the Topic (BadWebPushTopic): use at most 32 URL-safe base64 characters.",
                _ => CreatedWithAnotherKey,
            };
        }

        if (s_fcm.Matches(endpoint) && error is not null
            && (Mentions(error.Message, "sender") || Mentions(error.Message, "VAPID") || Mentions(error.Message, "public key")))
        {
            return "FCM says the subscription was created with another applicationServerKey: send with the VAPID identity it was created with, or have the browser subscribe again with this one's public key.";
        }

        return CreatedWithAnotherKey;
    }

    private const string CreatedWithAnotherKey =
        "The push service refused the VAPID credentials: the subscription must have been created with this identity's public key as applicationServerKey, and its subject must be a mailto: or https: contact.";

    private static bool Mentions(string text, string word) =>
#if NET8_0_OR_GREATER
        text.Contains(word, StringComparison.OrdinalIgnoreCase);
#else
        text.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0;
#endif

    private static string? First(IReadOnlyDictionary<string, IReadOnlyList<string>> headers, string name) =>
        headers.TryGetValue(name, out var values) && values.Count > 0 && values[0].Trim().Length > 0 ? values[0].Trim() : null;
}
