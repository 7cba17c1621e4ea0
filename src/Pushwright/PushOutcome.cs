namespace Pushwright;

/// <summary>What a push service did with a message (see the reply table in the README).</summary>
public enum PushOutcome
{
    /// <summary>Any 2xx (usually 201): the push service accepted the message for delivery.</summary>
    Delivered,

    /// <summary>404 or 410, or a subscription whose expiration time has passed: remove the subscription.</summary>
    SubscriptionGone,

    /// <summary>413: the body was larger than the push service accepts.</summary>
    PayloadTooLarge,

    /// <summary>429 (or Microsoft's 406): too many messages; see <see cref="PushResult.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>401 or 403: the VAPID credentials were refused (wrong key for the subscription, bad <c>sub</c> or <c>exp</c>).</summary>
    Unauthorized,

    /// <summary>400 or another 4xx not listed here: the push service refused the request itself.</summary>
    Rejected,

    /// <summary>5xx: the push service failed.</summary>
    ServerError,

    /// <summary>No reply: the connection failed or timed out.</summary>
    NetworkError,

    /// <summary>
    /// Nothing was delivered because this process refused: the endpoint was not allowed, or the
    /// push service redirected. <see cref="PushResult.Refusal"/> says why.
    /// </summary>
    Refused,
}
