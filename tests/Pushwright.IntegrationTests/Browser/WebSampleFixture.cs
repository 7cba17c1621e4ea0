using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
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
    private VapidKeys? _keys;
    private PushSubscription? _subscription;

    /// <summary>Gets the running sample.</summary>
    public WebSampleApp App => _app ?? throw new InvalidOperationException("The sample did not start.");

    /// <summary>Gets the VAPID keys the sample generated and its page subscribed with.</summary>
    public VapidKeys Keys => _keys ?? throw new InvalidOperationException("Not subscribed.");

    /// <summary>Gets Firefox's subscription, as the sample stored it.</summary>
    public PushSubscription Subscription => _subscription ?? throw new InvalidOperationException("Not subscribed.");

    /// <summary>Gets a file holding the subscription JSON as the sample stored it.</summary>
    public string SubscriptionFile => Path.Combine(RunDirectory, "subscription.json");

    /// <summary>Creates a client that sends as the sample does: trusting the push endpoint's certificate, signing with <see cref="Keys"/>.</summary>
    public (WebPushClient Client, HttpClient Http) CreateClient() => CreateClientSigningWith(Keys);

    /// <summary>Waits until the sample's <c>/api/received</c> lists exactly <paramref name="text"/>.</summary>
    public Task WaitForReceivedAsync(string text, PushDeliveryProbe delivery) =>
        WaitForReceivedAsync(async () => (await App.ReceivedAsync()).Contains(text), delivery.Find, $"the sample's service worker to report \"{text}\"");

    /// <summary>Waits until the sample's <c>/api/received</c> lists a text containing <paramref name="id"/>, and returns that text.</summary>
    public async Task<string> WaitForReportAsync(string id, PushDeliveryProbe delivery)
    {
        string? found = null;
        await WaitForReceivedAsync(
            async () => (found = (await App.ReceivedAsync()).FirstOrDefault(t => t?.Contains(id, StringComparison.Ordinal) == true)) is not null,
            delivery.Find,
            $"the sample's service worker to report the message {id}");
        return found!;
    }

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
    protected override async Task WaitForSubscriptionAsync()
    {
        await Eventually.GetAsync(async () => await App.CountSubscriptionsAsync() == 1 ? "subscribed" : null, SubscribeTimeout, "the sample page to store Firefox's subscription", this);
        var json = App.ReadStoredSubscriptions().Single();
        await File.WriteAllTextAsync(SubscriptionFile, json);
        _subscription = PushSubscription.Parse(json);
        _keys = App.ReadStoredVapidKeys();
    }
}
