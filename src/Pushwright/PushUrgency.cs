namespace Pushwright;

/// <summary>How urgent a message is, sent as the <c>Urgency</c> header (RFC 8030 Section 5.3).</summary>
/// <remarks>A device on battery may hold back <see cref="VeryLow"/> and <see cref="Low"/> messages until it is charging or on Wi-Fi.</remarks>
public enum PushUrgency
{
    /// <summary><c>very-low</c>: for example advertisements.</summary>
    VeryLow,

    /// <summary><c>low</c>: for example topic updates.</summary>
    Low,

    /// <summary><c>normal</c>: for example chat messages (the push service's default).</summary>
    Normal,

    /// <summary><c>high</c>: for example an incoming call or a time-sensitive alert.</summary>
    High,
}
