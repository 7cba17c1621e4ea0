namespace Pushwright.Cli;

/// <summary>
/// The process exit codes of <c>webpush</c>; scripts can rely on them. A command that sends reports
/// the most severe category present, in the order <see cref="Usage"/>, <see cref="Failure"/>,
/// <see cref="RetryLater"/>, <see cref="SubscriptionGone"/>, <see cref="Success"/>.
/// </summary>
internal static class ExitCodes
{
    /// <summary>Every message was delivered (or the command did what it was asked).</summary>
    public const int Success = 0;

    /// <summary>
    /// A permanent failure: the push service refused the message (400, 401, 403, 413 or another
    /// 4xx), it was refused before sending, a subscription was invalid, or the demo did not match.
    /// Sending the same message again will fail again.
    /// </summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong: unknown command or option, a missing or invalid value. Nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>A subscription is gone (404, 410, or its expiration time has passed): remove it from your store.</summary>
    public const int SubscriptionGone = 3;

    /// <summary>A failure that may succeed later: 429, 5xx, or no reply, after the retries.</summary>
    public const int RetryLater = 4;

    /// <summary>Stopped by Ctrl+C (SIGINT), as shells report 128 + 2.</summary>
    public const int Cancelled = 130;

    /// <summary>The exit code that stands for one outcome.</summary>
    public static int For(PushOutcome outcome) => outcome switch
    {
        PushOutcome.Delivered => Success,
        PushOutcome.SubscriptionGone => SubscriptionGone,
        PushOutcome.RateLimited or PushOutcome.ServerError or PushOutcome.NetworkError => RetryLater,
        _ => Failure,
    };

    /// <summary>The more severe of two exit codes: <see cref="Cancelled"/>, then 2, 1, 4, 3, 0.</summary>
    public static int MostSevere(int first, int second) => Severity(first) >= Severity(second) ? first : second;

    private static int Severity(int exitCode) => exitCode switch
    {
        Cancelled => 5,
        Usage => 4,
        Failure => 3,
        RetryLater => 2,
        SubscriptionGone => 1,
        _ => 0,
    };
}
