namespace Pushwright;

/// <summary>
/// Why this process did not send a message (<see cref="PushOutcome.Refused"/>), or did not send
/// it because the subscription had expired. Unlike <see cref="PushServiceError"/>, nothing here
/// comes from a push service.
/// </summary>
public sealed class PushRefusal
{
    internal PushRefusal(RefusalReason reason, string message)
    {
        Reason = reason;
        Message = message;
    }

    /// <summary>Gets why the message was refused.</summary>
    public RefusalReason Reason { get; }

    /// <summary>Gets what was refused and why, and what to change; it names the host only.</summary>
    public string Message { get; }

    /// <summary>Returns <see cref="Message"/>.</summary>
    /// <returns>The message.</returns>
    public override string ToString() => Message;
}
