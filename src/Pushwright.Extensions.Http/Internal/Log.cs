using Microsoft.Extensions.Logging;

namespace Pushwright.Extensions.Http.Internal;

/// <summary>
/// Every log message of the package, source-generated (CA1848). An endpoint is a credential, so
/// only its host is ever logged; keys and tokens never are; and an expected push failure is one
/// line without a stack trace. Per send, at Information and above: one Warning for a final
/// failure, one Information for a gone subscription, nothing for a delivery.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, EventName = "PushAnswered", Level = LogLevel.Debug, Message = "Push service {Host} answered {StatusCode} in {ElapsedMilliseconds} ms")]
    public static partial void PushAnswered(ILogger logger, string host, int statusCode, double elapsedMilliseconds);

    [LoggerMessage(EventId = 2, EventName = "PushRefused", Level = LogLevel.Warning, Message = "Push service {Host} refused a message with {StatusCode} after {ElapsedMilliseconds} ms")]
    public static partial void PushRefused(ILogger logger, string host, int statusCode, double elapsedMilliseconds);

    [LoggerMessage(EventId = 3, EventName = "PushFailed", Level = LogLevel.Warning, Message = "Push to {Host} got no reply after {ElapsedMilliseconds} ms: {ErrorType}")]
    public static partial void PushFailed(ILogger logger, string host, double elapsedMilliseconds, string errorType);

    [LoggerMessage(EventId = 4, EventName = "SubscriptionGone", Level = LogLevel.Information, Message = "Subscription at {Host} is gone ({Outcome}); removal handlers notified")]
    public static partial void SubscriptionGone(ILogger logger, string host, PushOutcome outcome);

    [LoggerMessage(EventId = 5, EventName = "SubjectWarning", Level = LogLevel.Warning, Message = "{Warning}")]
    public static partial void SubjectWarning(ILogger logger, string warning);

    [LoggerMessage(EventId = 6, EventName = "PushRefusedByAddressPolicy", Level = LogLevel.Warning, Message = "Push to {Host} refused before connecting: {Reason}")]
    public static partial void PushRefusedByAddressPolicy(ILogger logger, string host, string reason);

    [LoggerMessage(EventId = 7, EventName = "AttemptRetried", Level = LogLevel.Debug, Message = "Push to {Host}: attempt {AttemptNumber} got {Reply}; retrying in {DelayMilliseconds} ms")]
    public static partial void AttemptRetried(ILogger logger, string host, int attemptNumber, string reply, double delayMilliseconds);
}
