// A push service's reply -> PushResult: the status decides the outcome (the reply table in the
// README), and the reader collects what the reply says beside it: the error body (bounded), the
// TTL the service granted, Retry-After and the message's Location.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Pushwright.Internal;

namespace Pushwright.Sending;

internal static class PushResponseReader
{
    /// <summary>The most of an error body that is read: an explanation is short, and a hostile endpoint must not make us buffer gigabytes.</summary>
    private const int MaxErrorBodyBytes = 8192;

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

    public static async Task<PushResult> ReadAsync(PushSubscription subscription, HttpResponseMessage response, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            headers[header.Key] = header.Value.ToArray();
        }

        var outcome = Classify(response.StatusCode);
        if (outcome == PushOutcome.Refused)
        {
            var refusal = new PushRefusal(RefusalReason.Redirect, Error.RedirectNotFollowedMessage(subscription.Endpoint.Host, (int)response.StatusCode));
            return new PushResult(subscription, outcome, response.StatusCode, responseHeaders: headers, refusal: refusal);
        }

        TimeSpan? grantedTtl = null;
        if (headers.TryGetValue("TTL", out var ttl) && long.TryParse(ttl[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            grantedTtl = TimeSpan.FromSeconds(Math.Min(seconds, int.MaxValue));
        }

        PushServiceError? error = null;
        if (outcome != PushOutcome.Delivered)
        {
            var body = await ReadBodyAsync(response.Content, cancellationToken).ConfigureAwait(false);
            error = PushServiceErrorParser.Parse(body, response.Content.Headers.ContentType?.MediaType);
        }

        var location = response.Headers.Location;
        if (location is not null && !location.IsAbsoluteUri)
        {
            location = new Uri(subscription.Endpoint, location);
        }

        return new PushResult(subscription, outcome, response.StatusCode, location, grantedTtl, RetryAfterHeader.Read(response, timeProvider), headers, error);
    }

    private static async Task<string> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
#if NET8_0_OR_GREATER
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
        var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
        using (stream)
        {
            var buffer = new byte[MaxErrorBodyBytes];
            var total = 0;
            int read;
#if NET8_0_OR_GREATER
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
#else
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer, total, buffer.Length - total, cancellationToken).ConfigureAwait(false)) > 0)
#endif
            {
                total += read;
            }

            return System.Text.Encoding.UTF8.GetString(buffer, 0, total);
        }
    }
}
