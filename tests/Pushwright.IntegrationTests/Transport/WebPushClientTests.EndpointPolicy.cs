using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.Testing;
using Xunit;

namespace Pushwright.IntegrationTests.Transport;

public sealed partial class WebPushClientTests
{
    [Fact]
    public async Task SendAsync_HttpEndpointWithoutOptIn_IsRefusedBeforeSending()
    {
        using var http = CreateHttpClient(http2: false);
        var sut = new WebPushClient(http, _fixture.Vapid, new WebPushClientOptions { AllowHttpEndpoints = false });
        var subscription = _fixture.CreateSubscription();

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Refused);
        result.StatusCode.Should().BeNull();
        result.Error.Should().BeNull();
        result.Refusal!.Reason.Should().Be(RefusalReason.EndpointNotHttps);
        result.Refusal.Message.Should().Contain("https:").And.NotContain(subscription.Endpoint.Segments[^1], "an endpoint is a capability and must not be echoed");
        Service.RequestsTo(subscription).Should().BeEmpty();
        sut.Invoking(c => c.CreateRequest(subscription, new PushMessage("hello"))).Should().Throw<ArgumentException>().WithParameterName("subscription");
    }

    [Fact]
    public async Task SendAsync_DefaultOptions_RefuseHttpEndpoints()
    {
        using var http = CreateHttpClient(http2: false);
        var sut = new WebPushClient(http, _fixture.Vapid);
        var subscription = _fixture.CreateSubscription();

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Refused);
        result.Refusal!.Reason.Should().Be(RefusalReason.EndpointNotHttps);
        Service.RequestsTo(subscription).Should().BeEmpty();
    }

    [Theory]
    [InlineData("push.example.com")]
    [InlineData("*.127.0.0.1")]
    [InlineData("*.0.0.1")]
    public async Task SendAsync_HostNotInAllowedHosts_IsRefusedBeforeSending(string allowed)
    {
        using var http = CreateHttpClient(http2: false);
        var sut = CreateSut(http, o => o.AllowedHosts.Add(allowed));
        var subscription = _fixture.CreateSubscription();

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Refused, result.ToString());
        result.Refusal!.Reason.Should().Be(RefusalReason.HostNotAllowed);
        result.Refusal.Message.Should().Contain("AllowedHosts");
        Service.RequestsTo(subscription).Should().BeEmpty();
    }

    [Fact]
    public async Task SendAsync_HttpClientFollowingRedirects_ReportsRefusedRedirect()
    {
        // A caller's own HttpClient may follow redirects (the default); a push service never
        // redirects, so a followed redirect is reported instead of passing as the target's reply.
        using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version11, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var sut = CreateSut(http);
        var subscription = _fixture.CreateSubscription();
        var target = _fixture.CreateSubscription();
        Service.Reply(subscription, FakeReply.Status(307).WithBody([], null).WithHeader("Location", target.Endpoint.AbsoluteUri));

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Refused, result.ToString());
        result.Refusal!.Reason.Should().Be(RefusalReason.Redirect);
        result.Refusal.Message.Should().Contain("AllowAutoRedirect = false");
    }

    [Fact]
    public async Task SendAsync_HostInAllowedHosts_IsSent()
    {
        using var http = CreateHttpClient(http2: false);
        var sut = CreateSut(http, o =>
        {
            o.AllowedHosts.Add("push.example.com");
            o.AllowedHosts.Add("127.0.0.1");
        });
        var subscription = _fixture.CreateSubscription();

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Delivered);
    }

    [Fact]
    public async Task SendAsync_HttpClientWithDefaultVersion_UsesHttp11OverCleartext()
    {
        // Without an exact version the client asks for HTTP/2 or lower; over cleartext that is HTTP/1.1.
        using var http = new HttpClient();
        var sut = CreateSut(http);
        var subscription = _fixture.CreateSubscription();

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Delivered, result.ToString());
        Service.RequestsTo(subscription).Single().HttpVersion.Should().Be(HttpVersion.Version11);
    }
}
