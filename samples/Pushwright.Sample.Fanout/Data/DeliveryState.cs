using System.Collections.Generic;

namespace Pushwright.Sample.Fanout.Data;

/// <summary>The outcome of one subscription in one broadcast, as stored in <c>deliveries.outcome</c>.</summary>
internal static class DeliveryState
{
    /// <summary>The push service accepted the message (2xx).</summary>
    public const string Delivered = "delivered";

    /// <summary>The subscription no longer exists (404, 410, or expired); it was deleted.</summary>
    public const string Gone = "gone";

    /// <summary>A retryable failure (429, 5xx, no reply) waiting in the retry queue. The only state that is not final.</summary>
    public const string Retrying = "retrying";

    /// <summary>Still a retryable failure after the last attempt.</summary>
    public const string Failed = "failed";

    /// <summary>Refused for good: 400, 401, 403, 413, or a send the client refused before anything left.</summary>
    public const string Rejected = "rejected";

    /// <summary>Nothing could be sent: no subscription with this id, or its stored JSON or keys are not valid.</summary>
    public const string Invalid = "invalid";

    /// <summary>Gets every state, in the order <c>fanout status</c> prints them.</summary>
    public static IReadOnlyList<string> All { get; } = [Delivered, Gone, Retrying, Failed, Rejected, Invalid];
}
