using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Pushwright.IntegrationTests.Browser;

/// <summary>
/// The web sample as a process (its own SQLite file, VAPID keys generated on first run, trusting the
/// push endpoint's certificate through SSL_CERT_DIR) and Firefox subscribed on its page with
/// <c>?autosubscribe=1</c>, reached through the push server's start page, which waits for
/// Firefox's push service.
/// </summary>
public sealed class WebSampleFixture : BrowserFixture
{
    private WebSampleApp? _app;

    /// <summary>Gets the running sample.</summary>
    public WebSampleApp App => _app ?? throw new InvalidOperationException("The sample did not start.");

    /// <summary>Waits until the sample's <c>/api/received</c> lists exactly <paramref name="text"/>.</summary>
    public Task WaitForReceivedAsync(string text, PushDeliveryProbe delivery) =>
        WaitForReceivedAsync(async () => (await App.ReceivedAsync()).Contains(text), delivery.Find, $"the sample's service worker to report \"{text}\"");

    /// <inheritdoc/>
    public override string? FailureReason() =>
        _app is { HasExited: true } ? "the web sample exited" : base.FailureReason();

    /// <inheritdoc/>
    public override string Diagnostics() => $"{base.Diagnostics()}\n--- web sample ---\n{_app?.OutputTail()}";

    /// <inheritdoc/>
    public override async Task DisposeAsync()
    {
        _app?.Dispose();
        await base.DisposeAsync();
    }

    /// <inheritdoc/>
    protected override async Task<Uri> PrepareAsync(FirefoxPushServer server)
    {
        var (trustName, trustValue) = server.Certificate.TrustEnvironment();
        _app = await WebSampleApp.StartAsync(
            Path.Combine(RunDirectory, "webpush-sample.db"),
            new Dictionary<string, string>
            {
                ["WebPush__Subject"] = Subject,
                // The push endpoint is on 127.0.0.1: the sample sends only to the known push services,
                // and its transport refuses loopback, unless told otherwise.
                ["WebPush__AllowedHosts__0"] = "127.0.0.1",
                ["WebPush__AllowPrivateNetworkEndpoints"] = "true",
                [trustName] = trustValue,
            });
        return server.StartPageFor(new Uri(_app.BaseAddress, "?autosubscribe=1"));
    }

    /// <inheritdoc/>
    protected override Task WaitForSubscriptionAsync() =>
        Eventually.GetAsync(async () => await App.CountSubscriptionsAsync() == 1 ? "subscribed" : null, SubscribeTimeout, "the sample page to store Firefox's subscription", this);
}
