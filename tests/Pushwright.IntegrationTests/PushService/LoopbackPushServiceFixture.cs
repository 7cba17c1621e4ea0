using System;
using System.Threading.Tasks;
using Pushwright.Testing;
using Xunit;

namespace Pushwright.IntegrationTests.PushService;

/// <summary>One loopback push service (Pushwright.Testing.AspNetCore) shared by a test class, with the VAPID keys its subscriptions are bound to. Tests isolate themselves by creating their own subscriptions.</summary>
public sealed class LoopbackPushServiceFixture : IAsyncLifetime
{
    private LoopbackPushService? _loopback;

    /// <summary>Gets the application server's VAPID keys: the key the service's subscriptions are bound to.</summary>
    public VapidKeys VapidKeys { get; } = VapidKeys.Generate();

    /// <summary>Gets VAPID details for <see cref="VapidKeys"/>.</summary>
    public VapidDetails Vapid => new("mailto:integration-tests@example.com", VapidKeys);

    /// <summary>Gets the running loopback service.</summary>
    public LoopbackPushService Loopback => _loopback!;

    /// <summary>Gets the push service behind it: scripts and records.</summary>
    public FakePushService Service => Loopback.Service;

    /// <summary>Subscribes a simulated browser bound to <see cref="VapidKeys"/> (or <paramref name="applicationServerKey"/>).</summary>
    public PushSubscription CreateSubscription(bool http2 = false, VapidKeys? applicationServerKey = null, DateTimeOffset? expirationTime = null) =>
        Loopback.Subscribe((applicationServerKey ?? VapidKeys).PublicKey, http2, expirationTime).Subscription;

    /// <inheritdoc/>
    public async Task InitializeAsync() => _loopback = await LoopbackPushService.StartAsync();

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_loopback is not null)
        {
            await _loopback.DisposeAsync();
        }
    }
}
