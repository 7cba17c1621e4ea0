using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.Testing.Tests.Support;
using Xunit;

namespace Pushwright.Testing.Tests.Loopback;

/// <summary>The loopback service is the in-memory one behind real sockets: the same checks, records and scripts, on the wire.</summary>
public sealed class LoopbackPushServiceTests
{
    private static readonly WebPushClientOptions s_local = new() { AllowHttpEndpoints = true, AllowPrivateNetworkEndpoints = true };

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task SendAsync_EachListener_DeliveredWithItsProtocol(bool http2, bool tls)
    {
        await using var loopback = await LoopbackPushService.StartAsync(new LoopbackPushServiceOptions { UseTls = tls });
        var vapid = Some.Vapid();
        var browser = loopback.Subscribe(vapid.Keys.PublicKey, http2);
        using var client = new WebPushClient(loopback.CreateHttpClient(http2), vapid, s_local);

        var result = await client.SendAsync(browser.Subscription, Some.Message("over the wire"));

        result.IsDelivered.Should().BeTrue(result.ToString());
        browser.Subscription.Endpoint.Scheme.Should().Be(tls ? "https" : "http");
        var delivery = loopback.Service.DeliveriesTo(browser.Subscription).Single();
        delivery.Text.Should().Be("over the wire");
        delivery.HttpVersion.Should().Be(http2 ? HttpVersion.Version20 : HttpVersion.Version11);
        delivery.Vapid!.Audience.Should().Be((http2 ? loopback.Http2Origin : loopback.Http1Origin).GetLeftPart(UriPartial.Authority));
        result.MessageLocation!.Authority.Should().Be(browser.Subscription.Endpoint.Authority);
    }

    [Fact]
    public async Task StartAsync_TwoListeners_SpeakOneProtocolEach()
    {
        await using var loopback = await LoopbackPushService.StartAsync();
        using var http1 = loopback.CreateHttpClient(http2: false);
        using var http2 = loopback.CreateHttpClient(http2: true);

        loopback.Http1Origin.Port.Should().NotBe(loopback.Http2Origin.Port);
        await http2.Awaiting(h => h.GetAsync(new Uri(loopback.Http1Origin, "/push/x"))).Should().ThrowAsync<HttpRequestException>();
        using var refused = await http1.GetAsync(new Uri(loopback.Http2Origin, "/push/x"));
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        loopback.Service.Requests.Should().BeEmpty("Kestrel refused both before the service saw them");
    }

    [Fact]
    public async Task SendAsync_Refusals_CrossTheSocketWithTheirErrno()
    {
        await using var loopback = await LoopbackPushService.StartAsync();
        var vapid = Some.Vapid();
        var browser = loopback.Subscribe(vapid.Keys.PublicKey);
        using var stranger = new WebPushClient(loopback.CreateHttpClient(), Some.Vapid(), s_local);
        using var client = new WebPushClient(loopback.CreateHttpClient(), vapid, s_local);

        var mismatch = await stranger.SendAsync(browser.Subscription, Some.Message());
        loopback.Service.Remove(browser.Subscription);
        var gone = await client.SendAsync(browser.Subscription, Some.Message());

        mismatch.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        mismatch.Error!.Errno.Should().Be(109);
        gone.IsSubscriptionGone.Should().BeTrue();
        gone.Error!.Errno.Should().Be(106);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reset_OnTheWire_NetworkError(bool http2)
    {
        await using var loopback = await LoopbackPushService.StartAsync();
        var vapid = Some.Vapid();
        var browser = loopback.Subscribe(vapid.Keys.PublicKey, http2);
        loopback.Service.Reply(browser.Subscription, FakeReply.Reset());
        using var client = new WebPushClient(loopback.CreateHttpClient(http2), vapid, s_local);

        var result = await client.SendAsync(browser.Subscription, Some.Message());

        result.Outcome.Should().Be(PushOutcome.NetworkError);
        loopback.Service.Requests.Single().Reply.Should().Be("connection reset");
    }

    [Fact]
    public async Task CutBody_OnTheWire_StatusThenAnIOException()
    {
        await using var loopback = await LoopbackPushService.StartAsync();
        var vapid = Some.Vapid();
        var browser = loopback.Subscribe(vapid.Keys.PublicKey);
        loopback.Service.Reply(browser.Subscription, FakeReply.Status(410).WithBody(new string('x', 1000), "text/plain").WithCutBody(10));
        using var http = loopback.CreateHttpClient();
        using var request = Some.Request(browser, vapid);

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        response.StatusCode.Should().Be(HttpStatusCode.Gone);
        response.Content.Headers.ContentLength.Should().Be(1000);
        await response.Content.Awaiting(c => c.ReadAsByteArrayAsync()).Should().ThrowAsync<Exception>().Where(e => e is IOException || e is HttpRequestException);
    }

    [Fact]
    public async Task StalledBody_OnTheWire_TheReadWaitsUntilCancelled()
    {
        await using var loopback = await LoopbackPushService.StartAsync();
        var vapid = Some.Vapid();
        var browser = loopback.Subscribe(vapid.Keys.PublicKey);
        loopback.Service.Reply(browser.Subscription, FakeReply.Status(500).WithBody(new string('x', 1000), "text/plain").WithStalledBody(10));
        using var http = loopback.CreateHttpClient();
        using var request = Some.Request(browser, vapid);

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1000];
        var read = 0;
        while (read < 10)
        {
            read += await body.ReadAsync(buffer.AsMemory(read));
        }

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await body.Awaiting(b => b.ReadAsync(buffer.AsMemory(read), cancel.Token).AsTask()).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task Hang_OnTheWire_TheClientsTimeoutEndsIt()
    {
        await using var loopback = await LoopbackPushService.StartAsync();
        var vapid = Some.Vapid();
        var browser = loopback.Subscribe(vapid.Keys.PublicKey);
        loopback.Service.Reply(browser.Subscription, FakeReply.Hang());
        var http = loopback.CreateHttpClient();
        http.Timeout = TimeSpan.FromMilliseconds(300);
        using var client = new WebPushClient(http, vapid, s_local);

        var result = await client.SendAsync(browser.Subscription, Some.Message());

        result.Outcome.Should().Be(PushOutcome.NetworkError);
        loopback.Service.Requests.Single().Reply.Should().Be("no answer until cancelled");
    }
}
