using System;
using Pushwright.Internal;

namespace Pushwright;

/// <summary>The data of <see cref="WebPushClient.SubscriptionRemoved"/>.</summary>
public sealed class SubscriptionRemovedEventArgs : EventArgs
{
    /// <summary>Initializes a new instance of the <see cref="SubscriptionRemovedEventArgs"/> class.</summary>
    /// <param name="result">The result that reported the subscription gone.</param>
    public SubscriptionRemovedEventArgs(PushResult result) => Result = Guard.NotNull(result);

    /// <summary>Gets the result; <see cref="PushResult.Subscription"/> is the subscription to remove.</summary>
    public PushResult Result { get; }
}
