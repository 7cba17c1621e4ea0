using System.Collections.Generic;

namespace Pushwright.Testing.Internal;

/// <summary>What the service knows of one subscription: the browser's keys, whether it was removed, and where it is in its script.</summary>
internal sealed class Subscriber
{
    public Subscriber(FakeSubscription subscription) => Subscription = subscription;

    public FakeSubscription Subscription { get; }

    public bool Removed { get; set; }

    /// <summary>The replies scripted for this subscription alone, or null.</summary>
    public Queue<FakeReply>? Script { get; set; }

    /// <summary>How far this subscription is in the script for all.</summary>
    public int SharedScriptPosition { get; set; }
}
