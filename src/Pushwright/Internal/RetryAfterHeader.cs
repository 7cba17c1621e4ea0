using System;
using System.Net.Http;

namespace Pushwright.Internal;

/// <summary>
/// Reads <c>Retry-After</c> (RFC 9110 Section 10.2.3) as a wait from now: seconds, or an HTTP date
/// measured against the injected clock; never negative. Shared by the client's results and the
/// retry policy of Pushwright.Extensions.Http, so both read the header the same way.
/// </summary>
internal static class RetryAfterHeader
{
    public static TimeSpan? Read(HttpResponseMessage? response, TimeProvider timeProvider)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
