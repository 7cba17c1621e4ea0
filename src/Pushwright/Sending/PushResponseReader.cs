// A push service's reply -> PushResult. Once the status line has arrived, the status decides
// the outcome (the reply table in README.md, "Replies"); everything else the reply says is a
// detail, read best-effort and never allowed to change or lose that outcome:
//   - the error body is read for at most ErrorBodyTimeout and MaxErrorBodyBytes: a stalled, cut,
//     endless or undecodable body leaves the error empty or partial, not the send hanging;
//   - TTL, Retry-After and Location are parsed leniently: a malformed value is ignored.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Pushwright.Internal;

namespace Pushwright.Sending;

internal static class PushResponseReader
{
    /// <summary>Maps an HTTP status to an outcome.</summary>
    public static PushOutcome Classify(HttpStatusCode statusCode) => (int)statusCode switch
    {
        >= 200 and < 300 => PushOutcome.Delivered,
        401 or 403 => PushOutcome.Unauthorized,
        404 or 410 => PushOutcome.SubscriptionGone,
        413 => PushOutcome.PayloadTooLarge,
        429 or 406 => PushOutcome.RateLimited,
        >= 500 => PushOutcome.ServerError,
        >= 300 and < 400 => PushOutcome.Refused,
        _ => PushOutcome.Rejected,
    };

    /// <summary>
    /// Reads the reply; it never fails. The error body is read until
    /// <see cref="WebPushClientDefaults.ErrorBodyTimeout"/> or <paramref name="deadline"/> (the send's
    /// own deadline), whichever comes first; only <paramref name="cancellationToken"/>, the caller's,
    /// ends the read with <see cref="OperationCanceledException"/>.
    /// </summary>
    public static async Task<PushResult> ReadAsync(PushSubscription subscription, HttpResponseMessage response, TimeProvider timeProvider, CancellationToken deadline, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            headers[header.Key] = header.Value.ToArray();
        }

        var status = response.StatusCode;
        var outcome = Classify(status);
        if (outcome == PushOutcome.Refused)
        {
            var refusal = new PushRefusal(RefusalReason.Redirect, Error.RedirectNotFollowedMessage(subscription.Endpoint.Host, (int)status));
            return new PushResult(subscription, outcome, status, responseHeaders: headers, refusal: refusal);
        }

        PushServiceError? error = null;
        if (outcome != PushOutcome.Delivered)
        {
            var body = await TryReadBodyAsync(response.Content, timeProvider, deadline, cancellationToken).ConfigureAwait(false);
            error = PushServiceErrorParser.Parse(body, response.Content.Headers.ContentType?.MediaType)
                ?? PushServiceErrorParser.Parse(PushServiceQuirks.ErrorFromHeaders(headers), "text/plain");
        }

        return new PushResult(
            subscription,
            outcome,
            status,
            ReadLocation(subscription.Endpoint, headers),
            ReadTimeToLive(headers),
            RetryAfterHeader.Read(response, timeProvider),
            headers,
            error,
            hint: PushServiceQuirks.Hint(subscription.Endpoint, outcome, error));
    }

    /// <summary>The <c>TTL</c> the service granted, or null when absent or not whole seconds.</summary>
    private static TimeSpan? ReadTimeToLive(Dictionary<string, IReadOnlyList<string>> headers) =>
        headers.TryGetValue("TTL", out var ttl) && ttl.Count > 0 && long.TryParse(ttl[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(Math.Min(seconds, int.MaxValue))
            : null;

    /// <summary>The message's <c>Location</c>, resolved against the endpoint, or null when absent or malformed.</summary>
    private static Uri? ReadLocation(Uri endpoint, Dictionary<string, IReadOnlyList<string>> headers) =>
        headers.TryGetValue("Location", out var values) && values.Count > 0 && Uri.TryCreate(endpoint, values[0].Trim(), out var location)
            ? location
            : null;

    /// <summary>
    /// Reads at most <see cref="WebPushClientDefaults.MaxErrorBodyBytes"/> of the body, for at most
    /// <see cref="WebPushClientDefaults.ErrorBodyTimeout"/>. Returns what arrived, which may be
    /// nothing; a stalled, cut or failing body is not an error of the send.
    /// </summary>
    private static async Task<string?> TryReadBodyAsync(HttpContent content, TimeProvider timeProvider, CancellationToken deadline, CancellationToken cancellationToken)
    {
        var buffer = new byte[WebPushClientDefaults.MaxErrorBodyBytes];
        var total = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(deadline, cancellationToken);
        using var timer = timeProvider.CreateTimer(static state => ((CancellationTokenSource)state!).Cancel(), stop, WebPushClientDefaults.ErrorBodyTimeout, Timeout.InfiniteTimeSpan);
        try
        {
#if NET8_0_OR_GREATER
            using var stream = await content.ReadAsStreamAsync(stop.Token).ConfigureAwait(false);
#else
            using var stream = await content.ReadAsStreamAsync().WaitForAsync(stop.Token).ConfigureAwait(false);
#endif
            int read;
            while (total < buffer.Length
                && (read = await ReadAsync(stream, buffer, total, stop.Token).ConfigureAwait(false)) > 0)
            {
                total += read;
            }
        }
#pragma warning disable CA1031 // The body is a detail read best-effort: whatever fails here, the status has decided.
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            // Stalled past the deadline, cut by a reset or an early close, or otherwise unreadable:
            // keep what arrived.
        }

        return total == 0 ? null : Encoding.UTF8.GetString(buffer, 0, total);
    }

    private static Task<int> ReadAsync(Stream stream, byte[] buffer, int offset, CancellationToken cancellationToken) =>
#if NET8_0_OR_GREATER
        stream.ReadAsync(buffer.AsMemory(offset), cancellationToken).AsTask();
#else
        // Older streams may ignore the token: the wait, not the read, honours it.
        stream.ReadAsync(buffer, offset, buffer.Length - offset, cancellationToken).WaitForAsync(cancellationToken);
#endif
}
