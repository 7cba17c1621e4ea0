namespace Pushwright.Cli;

/// <summary>The process exit codes of <c>webpush</c>; scripts can rely on them.</summary>
internal static class ExitCodes
{
    /// <summary>The message was delivered (or the command did what it was asked).</summary>
    public const int Success = 0;

    /// <summary>Anything else went wrong: the push service refused, failed or could not be reached, or the demo did not match.</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong: unknown command or option, a missing or invalid value. Nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>The push service says the subscription is gone (404 or 410): remove it from your store.</summary>
    public const int SubscriptionGone = 3;
}
