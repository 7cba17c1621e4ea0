using System;
using System.Text.Json;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace Pushwright.IntegrationTests.Browser;

/// <summary>
/// samples/Pushwright.Sample.Web end to end: Firefox subscribes on the sample's page, <c>POST /api/notify</c>
/// queues a broadcast that the sample's background service sends through <c>AddWebPush()</c> and
/// <c>SendManyAsync</c>, <c>GET /api/notify/{id}</c> reports it finished, and the sample's service
/// worker reports what Firefox decrypted to <c>/api/received</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FirefoxWebSampleTests(WebSampleFixture fixture) : IClassFixture<WebSampleFixture>
{
    [Theory]
    [InlineData("aes128gcm", "vapid")]
    [InlineData("aesgcm", "webpush")]
    public async Task Notify_JsonMessageWithEncoding_ServiceWorkerGetsTitleAndBody(string encoding, string vapidScheme)
    {
        fixture.EnsureStarted();
        var id = Guid.NewGuid().ToString("N");
        var title = $"sample {encoding}";
        var body = $"{id} üñíçødé ✓ <&>";
        var probe = new PushDeliveryProbe(fixture.Server);

        var summary = await fixture.App.NotifyAndWaitAsync(new { title, body, encoding, ttl = 60 });

        summary.GetProperty("total").GetInt32().Should().Be(1);
        summary.GetProperty("delivered").GetInt32().Should().Be(1, "{0}\n{1}", summary, fixture.Diagnostics());
        var text = await fixture.WaitForReportAsync(id, probe);
        using (var payload = JsonDocument.Parse(text))
        {
            payload.RootElement.GetProperty("title").GetString().Should().Be(title);
            payload.RootElement.GetProperty("body").GetString().Should().Be(body);
        }

        text.Should().Contain("üñíçødé ✓", "the sample sends non-ASCII text as UTF-8, not as \\u escapes");
        var delivery = probe.Find()!;
        delivery.Encoding.Should().Be(encoding);
        delivery.VapidScheme.Should().Be(vapidScheme);
        (await delivery.Ack.WaitAsync(BrowserFixture.MessageTimeout)).Should().Be(100);
    }

    [Fact]
    public async Task Notify_PlainText_ServiceWorkerGetsExactText()
    {
        fixture.EnsureStarted();
        var text = $"plain {Guid.NewGuid():N} üñíçødé ✓ {{not json}}";
        var probe = new PushDeliveryProbe(fixture.Server);

        var (status, accepted) = await fixture.App.NotifyTextAsync(text, "?ttl=60");

        status.Should().Be(202, accepted.ToString());
        var summary = await fixture.App.WaitForBroadcastAsync(accepted.GetProperty("id").GetString()!, BrowserFixture.MessageTimeout);
        summary.GetProperty("delivered").GetInt32().Should().Be(1, "{0}\n{1}", summary, fixture.Diagnostics());
        await fixture.WaitForReceivedAsync(text, probe);
        probe.Find()!.Encoding.Should().Be("aes128gcm", "aes128gcm is the default");
    }

    [Fact]
    public async Task Notify_UnknownEncoding_Returns400AndSendsNothing()
    {
        fixture.EnsureStarted();
        var before = fixture.Server.Deliveries.Count;

        var (status, body) = await fixture.App.NotifyAsync(new { title = "t", body = "b", encoding = "aes256" });

        status.Should().Be(400);
        body.GetProperty("error").GetString().Should().Contain("aes256");
        fixture.Server.Deliveries.Should().HaveCount(before);
    }
}
