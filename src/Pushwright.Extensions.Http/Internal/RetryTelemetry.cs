using System;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Pushwright.Extensions.Http.Internal;

/// <summary>
/// What a retry leaves behind: one Debug line, and an event on the send's span (the
/// <c>Pushwright</c> activity that <see cref="WebPushClient"/> starts), both by host and status or
/// exception type only.
/// </summary>
internal static class RetryTelemetry
{
    public static void Record(ILogger logger, string? host, int attemptNumber, string reply, TimeSpan delay)
    {
        host ??= "(none)";
        Log.AttemptRetried(logger, host, attemptNumber, reply, delay.TotalMilliseconds);
        Activity.Current?.AddEvent(new ActivityEvent(
            "pushwright.retry",
            tags: new ActivityTagsCollection
            {
                ["pushwright.attempt"] = attemptNumber,
                ["pushwright.attempt.reply"] = reply,
                ["pushwright.retry.delay_ms"] = delay.TotalMilliseconds,
            }));
    }
}
