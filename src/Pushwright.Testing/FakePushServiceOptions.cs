using System;

namespace Pushwright.Testing;

/// <summary>Settings of a <see cref="FakePushService"/>.</summary>
public sealed class FakePushServiceOptions
{
    /// <summary>Gets or sets how the service looks to a sender: its endpoints' host and its error replies.</summary>
    /// <value>The default value is <see cref="PushServiceProfile.Mozilla"/>.</value>
    public PushServiceProfile Profile { get; set; } = PushServiceProfile.Mozilla;

    /// <summary>
    /// Gets or sets the service's clock: VAPID <c>exp</c> is checked against it, scripted delays
    /// and <c>Retry-After</c> dates use it, and deliveries are stamped with it. Give the sender the
    /// same (fake) clock to move both together.
    /// </summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
