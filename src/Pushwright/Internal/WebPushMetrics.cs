using System.Collections.Generic;
using System.Diagnostics.Metrics;

namespace Pushwright.Internal;

/// <summary>
/// Metrics of the "Pushwright" meter: <c>pushwright.client.messages</c> (count, tagged with outcome and
/// push-service host) and <c>pushwright.client.send.duration</c> (seconds, same tags). The host tag is
/// a known or allowed push service's name, or "other".
/// </summary>
internal static class WebPushMetrics
{
    public const string MeterName = "Pushwright";

    private static readonly Meter s_meter = new(MeterName, typeof(WebPushMetrics).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> s_messages = s_meter.CreateCounter<long>(
        "pushwright.client.messages", unit: "{message}", description: "Push messages sent, by outcome and push-service host.");

    private static readonly Histogram<double> s_duration = s_meter.CreateHistogram<double>(
        "pushwright.client.send.duration", unit: "s", description: "Time from sending a push message to its outcome, by outcome and push-service host.");

    public static void Record(PushOutcome outcome, string host, double seconds)
    {
        var tags = new[]
        {
            new KeyValuePair<string, object?>("pushwright.outcome", outcome.ToString()),
            new KeyValuePair<string, object?>("server.address", host),
        };
        s_messages.Add(1, tags);
        s_duration.Record(seconds, tags);
    }
}
