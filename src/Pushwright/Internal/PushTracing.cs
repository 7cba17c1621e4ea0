// Traces of the "Pushwright" ActivitySource: one span per send ("pushwright.send") and one per
// batch ("pushwright.send_many", the parent of its sends, with totals). Attributes follow
// OpenTelemetry's HTTP semantic conventions where one applies (server.address,
// http.request.method, http.response.status_code, error.type); the rest are pushwright.*. A span
// carries the push service's host only: never the endpoint's path, a key or a token. Retries add
// "pushwright.retry" events to the send's span (AddWebPush() records them).
using System.Collections.Generic;
using System.Diagnostics;
using Pushwright.Encryption;

namespace Pushwright.Internal;

internal static class PushTracing
{
    /// <summary>The name of the ActivitySource, as OpenTelemetry's AddSource takes it.</summary>
    public const string SourceName = "Pushwright";

    private static readonly ActivitySource s_source = new(SourceName, typeof(PushTracing).Assembly.GetName().Version?.ToString());

    /// <summary>Starts the span of one send, or returns null when nobody listens.</summary>
    public static Activity? StartSend(PushSubscription subscription, PushMessage message)
    {
        var activity = s_source.StartActivity("pushwright.send", ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("server.address", subscription.Endpoint.Host);
            activity.SetTag("http.request.method", "POST");
            activity.SetTag("pushwright.content_encoding", message.HasPayload ? message.ContentEncoding.ToWireName() : "none");
            activity.SetTag("pushwright.payload.size", message.Payload.Length);
        }

        return activity;
    }

    /// <summary>Records a send's result on its span and ends it.</summary>
    public static void Complete(Activity? activity, PushResult result, bool? tokenCached)
    {
        if (activity is null)
        {
            return;
        }

        if (activity.IsAllDataRequested)
        {
            activity.SetTag("pushwright.outcome", result.Outcome.ToString());
            if (result.StatusCode is { } status)
            {
                activity.SetTag("http.response.status_code", (int)status);
            }

            if (tokenCached is { } cached)
            {
                activity.SetTag("pushwright.vapid.token_cached", cached);
            }

            if (!result.IsDelivered)
            {
                activity.SetTag("error.type", result.Outcome.ToString());
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }

        activity.Stop();
    }

    /// <summary>Starts the span of a batch, or returns null when nobody listens.</summary>
    public static Activity? StartSendMany() => s_source.StartActivity("pushwright.send_many", ActivityKind.Internal);

    /// <summary>Records a batch's totals on its span and ends it.</summary>
    public static void CompleteSendMany(Activity? activity, int total, Dictionary<PushOutcome, int> byOutcome)
    {
        if (activity is null)
        {
            return;
        }

        if (activity.IsAllDataRequested)
        {
            activity.SetTag("pushwright.batch.size", total);
            foreach (var pair in byOutcome)
            {
                activity.SetTag("pushwright.batch." + pair.Key.ToString().ToLowerInvariant(), pair.Value);
            }
        }

        activity.Stop();
    }
}
