using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;

namespace Pushwright.IntegrationTests.Browser;

/// <summary>Firefox subscribed on the push server's own test page, with a fresh VAPID key pair.</summary>
public sealed class TestPageFixture : BrowserFixture
{
    private PushSubscription? _subscription;

    /// <summary>Gets the VAPID keys the page subscribed with.</summary>
    public VapidKeys Keys { get; } = VapidKeys.Generate();

    /// <summary>Gets Firefox's subscription.</summary>
    public PushSubscription Subscription => _subscription ?? throw new InvalidOperationException("Not subscribed.");

    /// <summary>Gets a file holding the subscription JSON exactly as the page's <c>toJSON()</c> gave it.</summary>
    public string SubscriptionFile => Path.Combine(RunDirectory, "subscription.json");

    /// <summary>Creates a client that trusts the push endpoint's certificate and signs with <paramref name="keys"/> (default: <see cref="Keys"/>).</summary>
    public (WebPushClient Client, HttpClient Http) CreateClient(VapidKeys? keys = null) => CreateClientSigningWith(keys ?? Keys);

    /// <summary>Waits until the test page's service worker reports exactly <paramref name="text"/>.</summary>
    public Task WaitForReceivedAsync(string text, PushDeliveryProbe delivery) =>
        WaitForReceivedAsync(() => Task.FromResult(Server.Received.Contains(text)), delivery.Find, $"the service worker to report \"{text}\"");

    /// <inheritdoc/>
    protected override Task<Uri> PrepareAsync(FirefoxPushServer server)
    {
        server.TestPageVapidPublicKey = Keys.PublicKeyBase64Url;
        return Task.FromResult(server.TestPageUrl);
    }

    /// <inheritdoc/>
    protected override async Task WaitForSubscriptionAsync()
    {
        var json = await Eventually.GetAsync(() => Server.PostedSubscriptions.FirstOrDefault(), SubscribeTimeout, "Firefox to subscribe on the test page", this);
        await File.WriteAllTextAsync(SubscriptionFile, json);
        _subscription = PushSubscription.Parse(json);
    }
}
