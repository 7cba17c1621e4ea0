using System;

namespace Pushwright.Testing;

/// <summary>Settings of a <see cref="LoopbackPushService"/>.</summary>
public sealed class LoopbackPushServiceOptions
{
    /// <summary>Gets or sets the form of the service's error replies.</summary>
    /// <value>The default value is <see cref="PushServiceProfile.Mozilla"/>.</value>
    public PushServiceProfile Profile { get; set; } = PushServiceProfile.Mozilla;

    /// <summary>Gets or sets the service's clock (VAPID <c>exp</c>, scripted delays, <c>Retry-After</c> dates).</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Gets or sets a value indicating whether the listeners use TLS (<c>https:</c> endpoints) with
    /// a certificate generated for 127.0.0.1; <see cref="LoopbackPushService.CreateHttpClient(bool)"/> trusts it.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: <c>http:</c> endpoints, and HTTP/2 by prior knowledge (h2c).</value>
    public bool UseTls { get; set; }
}
