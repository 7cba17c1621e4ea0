namespace Pushwright;

/// <summary>What a push service did with a message (see the reply table in the README).</summary>
public enum PushOutcome
{
    /// <summary>201 or 202: the push service accepted the message for delivery.</summary>
    Delivered,

    /// <summary>404 or 410, or a subscription whose expiration time has passed: remove the subscription.</summary>
    SubscriptionGone,

    /// <summary>413: the body was larger than the push service accepts.</summary>
    PayloadTooLarge,

    /// <summary>429 (or Microsoft's 406): too many messages; see <see cref="PushResult.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>401 or 403: the VAPID credentials were refused (wrong key for the subscription, bad <c>sub</c> or <c>exp</c>).</summary>
    Unauthorized,

    /// <summary>400 or another 4xx, or an endpoint refused before sending: the request itself was wrong.</summary>
    Rejected,

    /// <summary>5xx: the push service failed.</summary>
    ServerError,

    /// <summary>No reply: the connection failed or timed out.</summary>
    NetworkError,
}
