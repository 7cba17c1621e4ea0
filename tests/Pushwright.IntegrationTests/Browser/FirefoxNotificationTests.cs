using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.Tests.Payloads;
using Xunit;

namespace Pushwright.IntegrationTests.Browser;

/// <summary>
/// The notifications the web sample's service worker shows in Firefox ESR, read and clicked through Marionette.
/// Declarative push messages (W3C Push API): Firefox does not show them by itself but hands the JSON to the
/// service worker, which shows the notification from it and, on a click, opens its <c>navigate</c> URL (a page
/// of the push server, which records the visit). Sent in-process through <see cref="WebPushClient"/> and as a
/// user would, through <c>webpush send-notification</c>. The worker's other shapes: the <c>{ title, options }</c>
/// JSON of <see cref="NotificationPayload"/> and plain text.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FirefoxNotificationTests(WebSampleFixture fixture) : IClassFixture<WebSampleFixture>
{
    [Fact]
    public async Task SendAsync_Declarative_ServiceWorkerShowsNotificationFromJson()
    {
        fixture.EnsureStarted();
        var id = NewId();
        var notification = new DeclarativeNotification($"Declarative {id}", fixture.Server.LandingUrl(id)) { Body = "Your order shipped üñíçødé ✓" };

        var received = await SendAndWaitAsync(PushMessage.Declarative(notification), id);

        received.Should().Be(JsonOf(PushMessage.Declarative(notification)), "Firefox decrypts the exact JSON the client sent");
        DeclarativeSchema.Violations(received).Should().BeEmpty();
        var shown = await WaitForNotificationAsync(notification.Title);
        shown.Body.Should().Be(notification.Body);
    }

    [Fact]
    public async Task ClickNotification_Declarative_OpensNavigateUrl()
    {
        fixture.EnsureStarted();
        var id = NewId();
        var notification = new DeclarativeNotification($"Click me {id}", fixture.Server.LandingUrl(id)) { Body = "Opens the landing page" };
        await SendAndWaitAsync(PushMessage.Declarative(notification), id);
        await WaitForNotificationAsync(notification.Title);

        (await fixture.Firefox.ClickNotificationAsync(notification.Title)).Should().BeTrue();

        await WaitForLandingAsync(id);
        fixture.Server.Landings.Should().NotContain($"{id}-action", "the notification itself was clicked, not its action");
    }

    [Fact]
    public async Task ClickNotification_OnAction_OpensTheActionsNavigateUrl()
    {
        fixture.EnsureStarted();
        var id = NewId();
        var notification = new DeclarativeNotification($"Actions {id}", fixture.Server.LandingUrl(id))
        {
            Body = "Two ways to open",
            Actions = [new NotificationAction("track", "Track", fixture.Server.LandingUrl($"{id}-action"))],
        };
        await SendAndWaitAsync(PushMessage.Declarative(notification), id);
        await WaitForNotificationAsync(notification.Title);

        (await fixture.Firefox.ClickNotificationAsync(notification.Title, "track")).Should().BeTrue();

        await WaitForLandingAsync($"{id}-action");
        fixture.Server.Landings.Should().NotContain(id, "the action's own navigate URL wins over the notification's");
    }

    [Fact]
    public async Task SendNotification_WithTitleAndNavigate_ServiceWorkerShowsTheSameDeclarativeMessage()
    {
        fixture.EnsureStarted();
        var id = NewId();
        var notification = new DeclarativeNotification($"From the CLI {id}", fixture.Server.LandingUrl(id)) { Body = "Sent by webpush ✓" };
        var probe = new PushDeliveryProbe(fixture.Server);

        var (exitCode, output) = await fixture.RunCliAsync(
            "send-notification",
            "--subscription", fixture.SubscriptionFile,
            "--title", notification.Title,
            "--payload", notification.Body!,
            "--navigate", notification.Navigate.AbsoluteUri,
            "--ttl", "60",
            "--vapid-subject", BrowserFixture.Subject,
            "--vapid-pubkey", fixture.Keys.PublicKeyBase64Url,
            "--vapid-pvtkey", fixture.Keys.ExportPrivateKeyBase64Url(),
            "--allow-private-network");

        exitCode.Should().Be(0, "the push service accepted the message. CLI output:\n{0}\n{1}", output, fixture.Diagnostics());
        var received = await fixture.WaitForReportAsync(id, probe);
        received.Should().Be(JsonOf(PushMessage.Declarative(notification)), "the CLI sends the declarative message the library builds");
        DeclarativeSchema.Violations(received).Should().BeEmpty();
        var shown = await WaitForNotificationAsync(notification.Title);
        shown.Body.Should().Be(notification.Body);
    }

    [Fact]
    public async Task SendAsync_NotificationPayload_ServiceWorkerShowsItAndAClickOpensNavigateUrl()
    {
        fixture.EnsureStarted();
        var id = NewId();
        var notification = new DeclarativeNotification($"Title and options {id}", fixture.Server.LandingUrl(id)) { Body = "Shown from options" };
        await SendAndWaitAsync(new PushMessage(new NotificationPayload(notification)), id);
        var shown = await WaitForNotificationAsync(notification.Title);
        shown.Body.Should().Be(notification.Body);

        (await fixture.Firefox.ClickNotificationAsync(notification.Title)).Should().BeTrue();

        await WaitForLandingAsync(id);
    }

    [Fact]
    public async Task SendAsync_PlainText_ServiceWorkerShowsTheTextAsBody()
    {
        fixture.EnsureStarted();
        var text = $"plain {NewId()} {{not json}} ✓";

        await SendAndWaitAsync(new PushMessage(text), text);

        var shown = await Eventually.GetAsync(
            async () => (await fixture.Firefox.NotificationsAsync()).FirstOrDefault(n => n.Body == text),
            BrowserFixture.MessageTimeout,
            $"Firefox to show a notification with the body \"{text}\"",
            fixture);
        shown.Title.Should().Be("Pushwright sample");
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    private static string JsonOf(PushMessage message) => Encoding.UTF8.GetString(message.Payload.Span);

    private async Task<string> SendAndWaitAsync(PushMessage message, string id)
    {
        var (client, http) = fixture.CreateClient();
        using var _ = http;
        var probe = new PushDeliveryProbe(fixture.Server);

        var result = await client.SendAsync(fixture.Subscription, message);

        result.Outcome.Should().Be(PushOutcome.Delivered, "{0}\n{1}", result, fixture.Diagnostics());
        return await fixture.WaitForReportAsync(id, probe);
    }

    private async Task<ShownNotification> WaitForNotificationAsync(string title) =>
        await Eventually.GetAsync(
            async () => (await fixture.Firefox.NotificationsAsync()).FirstOrDefault(n => n.Title == title),
            BrowserFixture.MessageTimeout,
            $"Firefox to show the notification \"{title}\"",
            fixture);

    private Task<string> WaitForLandingAsync(string id) =>
        Eventually.GetAsync(
            () => fixture.Server.Landings.FirstOrDefault(l => l == id),
            BrowserFixture.MessageTimeout,
            $"the click to open the landing page {id}",
            fixture);
}
