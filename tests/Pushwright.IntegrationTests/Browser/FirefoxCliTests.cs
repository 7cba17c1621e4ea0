using System;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace Pushwright.IntegrationTests.Browser;

/// <summary>
/// <c>webpush send-notification</c> (samples/Pushwright.Cli, run as a process the way a user runs it)
/// sends to a real Firefox subscription; Firefox's own code decrypts the message and the service
/// worker reports the exact text.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FirefoxCliTests(TestPageFixture fixture) : IClassFixture<TestPageFixture>
{
    [Theory]
    [InlineData("aes128gcm", "vapid")]
    [InlineData("aesgcm", "webpush")]
    public async Task SendNotification_WithEncoding_FirefoxDecryptsExactText(string encoding, string vapidScheme)
    {
        fixture.EnsureStarted();
        var text = $"cli {encoding} {Guid.NewGuid():N} üñíçødé ✓";
        var delivery = new PushDeliveryProbe(fixture.Server);

        var (exitCode, output) = await fixture.RunCliAsync(
            "send-notification",
            "--subscription", fixture.SubscriptionFile,
            "--payload", text,
            "--encoding", encoding,
            "--ttl", "60",
            "--vapid-subject", BrowserFixture.Subject,
            "--vapid-pubkey", fixture.Keys.PublicKeyBase64Url,
            "--vapid-pvtkey", fixture.Keys.ExportPrivateKeyBase64Url(),
            "--allow-private-network");

        exitCode.Should().Be(0, "the push service accepted the message. CLI output:\n{0}\n{1}", output, fixture.Diagnostics());
        await fixture.WaitForReceivedAsync(text, delivery);
        var accepted = delivery.Find()!;
        accepted.Encoding.Should().Be(encoding);
        accepted.VapidScheme.Should().Be(vapidScheme);
        (await accepted.Ack.WaitAsync(BrowserFixture.MessageTimeout)).Should().Be(100, "Firefox acks 100 for a delivered message");
    }
}
