using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.Testing;
using Xunit;

namespace Pushwright.Tests.Sending;

public sealed partial class WebPushClientTests
{
    [Theory]
    [MemberData(nameof(ReplyTable))]
    public async Task SendAsync_Reply_MapsToOutcome(string reply, PushOutcome outcome, int status)
    {
        var sut = CreateSut();
        var subscription = CreateSubscription();
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
        var request = Service.RequestsTo(subscription).Should().ContainSingle().Subject;
        request.Rejection.Should().BeNull();
        request.Text.Should().Be("hello");
    }

    [Theory]
    [InlineData(400, 110)]
    [InlineData(401, 109)]
    [InlineData(403, 109)]
    [InlineData(404, 102)]
    [InlineData(410, 106)]
    [InlineData(413, 104)]
    [InlineData(429, 201)]
    public async Task SendAsync_MozillaErrnoBody_IsParsed(int status, int errno)
    {
        var sut = CreateSut();
        var subscription = CreateSubscription();
        Service.Reply(subscription, Errno(status, errno, "Something specific went wrong"));

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

    [Fact]
    public async Task SendAsync_AppleBadJwtToken_IsUnauthorizedWithReason()
    {
        var sut = CreateSut();
        var subscription = CreateSubscription();
        Service.Reply(subscription, FakeReply.Status(403).WithBody("{\"reason\":\"BadJwtToken\"}", "application/json"));

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Unauthorized);
        result.Error!.Reason.Should().Be("BadJwtToken");
        result.Error.Message.Should().Be("BadJwtToken");
        result.Error.Errno.Should().BeNull();
    }

    [Fact]
    public async Task SendAsync_HtmlErrorPage_IsReducedToShortText()
    {
        var sut = CreateSut();
        var subscription = CreateSubscription();
        Service.Reply(subscription, Step("502-html"));

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.ServerError);
        var message = result.Error!.Message;
        message.Should().Contain("Error 502 (Server Error)").And.Contain("temporary error");
        message.Should().NotContain("<").And.NotContain(">").And.NotContain("\n").And.NotContain("  ");
        message.Length.Should().BeLessThanOrEqualTo(301);
    }

    [Fact]
    public async Task SendAsync_TooManyRequestsWithSeconds_ReportsRetryAfter()
    {
        var sut = CreateSut();
        var subscription = CreateSubscription();
        Service.Reply(subscription, FakeReply.Status(429).WithRetryAfter(TimeSpan.FromSeconds(30)));

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.RateLimited);
        result.RetryAfter.Should().Be(TimeSpan.FromSeconds(30));
        result.ResponseHeaders["Retry-After"].Should().Equal("30");
    }

    [Fact]
    public async Task SendAsync_TooManyRequestsWithHttpDate_ReportsRetryAfterFromNow()
    {
        var sut = CreateSut();
        var subscription = CreateSubscription();
        Service.Reply(subscription, FakeReply.Status(429).WithRetryAfterDate(TimeSpan.FromMinutes(2)));

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.RateLimited);
        result.RetryAfter.Should().BeGreaterThan(TimeSpan.FromSeconds(110)).And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(121));
        result.ResponseHeaders["Retry-After"].Single().Should().EndWith("GMT");
    }

    [Fact]
    public async Task SendAsync_ServiceUnavailableWithRetryAfter_IsServerErrorWithRetryAfter()
    {
        var sut = CreateSut();
        var subscription = CreateSubscription();
        Service.Reply(subscription, FakeReply.Status(503).WithRetryAfter(TimeSpan.FromSeconds(7)));

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.ServerError);
        result.RetryAfter.Should().Be(TimeSpan.FromSeconds(7));
    }

    [Fact]
    public async Task SendAsync_WnsThrottling_IsRateLimitedWithTheReasonFromItsHeaders()
    {
        var sut = CreateSut();
        var subscription = CreateSubscription();
        Service.Reply(subscription, FakeReply.Status(406).WithBody([], null).WithHeader("X-WNS-Status", "dropped").WithHeader("X-WNS-Error-Description", "Throttle limit exceeded"));

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.RateLimited);
        result.StatusCode.Should().Be(HttpStatusCode.NotAcceptable);
        result.Error!.Message.Should().Be("Throttle limit exceeded (WNS status: dropped)", "WNS explains a refusal in headers, not in the body");
        result.ResponseHeaders["X-WNS-Status"].Should().Equal("dropped");
    }
}
