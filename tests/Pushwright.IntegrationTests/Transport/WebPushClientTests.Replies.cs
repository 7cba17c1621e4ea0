using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.IntegrationTests.PushService;
using Xunit;

namespace Pushwright.IntegrationTests.Transport;

public sealed partial class WebPushClientTests
{
    [Theory]
    [MemberData(nameof(ReplyTable))]
    public async Task SendAsync_Reply_MapsToOutcome(string reply, PushOutcome outcome, int status, bool http2)
    {
        using var http = CreateHttpClient(http2);
        var sut = CreateSut(http);
        var subscription = Service.CreateSubscription(http2);
        Service.Reply(subscription, Step(reply));

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(outcome, result.ToString());
        result.StatusCode.Should().Be((HttpStatusCode)status);
        result.Subscription.Should().BeSameAs(subscription);
        result.Exception.Should().BeNull();
        result.IsDelivered.Should().Be(outcome == PushOutcome.Delivered);
        result.IsSubscriptionGone.Should().Be(outcome == PushOutcome.SubscriptionGone);
        if (outcome == PushOutcome.Delivered)
        {
            result.Error.Should().BeNull();
            result.Invoking(r => r.EnsureDelivered()).Should().NotThrow();
        }
        else
        {
            result.Invoking(r => r.EnsureDelivered()).Should().Throw<WebPushException>();
        }

        // The request itself was valid: the reply is the scripted one, not a refusal.
        var request = Service.RequestsFor(subscription).Should().ContainSingle().Subject;
        request.Rejection.Should().BeNull();
        request.PlaintextText.Should().Be("hello");
    }

    [Theory]
    [InlineData(400, 110, false)]
    [InlineData(400, 110, true)]
    [InlineData(401, 109, false)]
    [InlineData(403, 109, true)]
    [InlineData(404, 102, false)]
    [InlineData(410, 106, true)]
    [InlineData(413, 104, false)]
    [InlineData(429, 201, true)]
    public async Task SendAsync_MozillaErrnoBody_IsParsed(int status, int errno, bool http2)
    {
        using var http = CreateHttpClient(http2);
        var sut = CreateSut(http);
        var subscription = Service.CreateSubscription(http2);
        Service.Reply(subscription, ReplyStep.Errno(status, errno, "Something specific went wrong"));

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.StatusCode.Should().Be((HttpStatusCode)status);
        result.Error.Should().NotBeNull();
        result.Error!.Errno.Should().Be(errno);
        result.Error.Code.Should().Be(status);
        result.Error.Message.Should().Be("Something specific went wrong");
        result.Error.MoreInfo.Should().StartWith("http://autopush.readthedocs.io/");
        result.Error.Reason.Should().BeNull();
        result.ToString().Should().Contain("errno " + errno).And.NotContain("/push/");
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_AppleBadJwtToken_IsUnauthorizedWithReason(bool http2)
    {
        using var http = CreateHttpClient(http2);
        var sut = CreateSut(http);
        var subscription = Service.CreateSubscription(http2);
        Service.Reply(subscription, ReplyStep.AppleBadJwtToken());

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Unauthorized);
        result.Error!.Reason.Should().Be("BadJwtToken");
        result.Error.Message.Should().Be("BadJwtToken");
        result.Error.Errno.Should().BeNull();
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_HtmlErrorPage_IsReducedToShortText(bool http2)
    {
        using var http = CreateHttpClient(http2);
        var sut = CreateSut(http);
        var subscription = Service.CreateSubscription(http2);
        Service.Reply(subscription, ReplyStep.BadGatewayHtml());

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.ServerError);
        var message = result.Error!.Message;
        message.Should().Contain("Error 502 (Server Error)").And.Contain("temporary error");
        message.Should().NotContain("<").And.NotContain(">").And.NotContain("\n").And.NotContain("  ");
        message.Length.Should().BeLessThanOrEqualTo(301);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_TooManyRequestsWithSeconds_ReportsRetryAfter(bool http2)
    {
        using var http = CreateHttpClient(http2);
        var sut = CreateSut(http);
        var subscription = Service.CreateSubscription(http2);
        Service.Reply(subscription, ReplyStep.TooManyRequests(TimeSpan.FromSeconds(30)));

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.RateLimited);
        result.RetryAfter.Should().Be(TimeSpan.FromSeconds(30));
        result.ResponseHeaders["Retry-After"].Should().Equal("30");
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_TooManyRequestsWithHttpDate_ReportsRetryAfterFromNow(bool http2)
    {
        using var http = CreateHttpClient(http2);
        var sut = CreateSut(http);
        var subscription = Service.CreateSubscription(http2);
        Service.Reply(subscription, ReplyStep.TooManyRequestsUntil(TimeSpan.FromMinutes(2)));

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.RateLimited);
        result.RetryAfter.Should().BeGreaterThan(TimeSpan.FromSeconds(110)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(121));
        result.ResponseHeaders["Retry-After"].Single().Should().EndWith("GMT");
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_ServiceUnavailableWithRetryAfter_IsServerErrorWithRetryAfter(bool http2)
    {
        using var http = CreateHttpClient(http2);
        var sut = CreateSut(http);
        var subscription = Service.CreateSubscription(http2);
        Service.Reply(subscription, ReplyStep.ServiceUnavailable(TimeSpan.FromSeconds(7)));

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.ServerError);
        result.RetryAfter.Should().Be(TimeSpan.FromSeconds(7));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_WnsThrottling_IsRateLimitedWithoutBody(bool http2)
    {
        using var http = CreateHttpClient(http2);
        var sut = CreateSut(http);
        var subscription = Service.CreateSubscription(http2);
        Service.Reply(subscription, ReplyStep.WnsThrottled());

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.RateLimited);
        result.StatusCode.Should().Be(HttpStatusCode.NotAcceptable);
        result.Error.Should().BeNull();
        result.ResponseHeaders["X-WNS-Status"].Should().Equal("dropped");
    }
}
