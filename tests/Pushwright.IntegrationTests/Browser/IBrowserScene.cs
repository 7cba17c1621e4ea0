namespace Pushwright.IntegrationTests.Browser;

/// <summary>What a wait needs from a fixture: whether to give up early, and what to print when it does.</summary>
public interface IBrowserScene
{
    /// <summary>Returns why waiting is pointless (Firefox exited, a page reported an error), or <see langword="null"/>.</summary>
    string? FailureReason();

    /// <summary>Returns the push server's events and the browser's push log, for failure messages.</summary>
    string Diagnostics();
}
