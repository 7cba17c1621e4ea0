using System.Threading.Tasks;
using Xunit;

namespace Pushwright.IntegrationTests.PushService;

/// <summary>One <see cref="LoopbackPushService"/> shared by a test class, with the VAPID keys it accepts. Tests isolate themselves by creating their own subscriptions.</summary>
public sealed class LoopbackPushServiceFixture : IAsyncLifetime
{
    private LoopbackPushService? _service;

    /// <summary>Gets the application server's VAPID keys: the key the service's subscriptions are bound to.</summary>
    public VapidKeys VapidKeys { get; } = VapidKeys.Generate();

    /// <summary>Gets the running service.</summary>
    public LoopbackPushService Service => _service!;

    /// <summary>Gets VAPID details for <see cref="VapidKeys"/>.</summary>
    public VapidDetails Vapid => new("mailto:integration-tests@example.com", VapidKeys);

    /// <inheritdoc/>
    public async Task InitializeAsync() => _service = await LoopbackPushService.StartAsync(VapidKeys.PublicKeyBase64Url);

    /// <inheritdoc/>
    public async Task DisposeAsync()
    {
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
    }
}
