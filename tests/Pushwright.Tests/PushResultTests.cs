using System;
using System.Net;
using FluentAssertions;
using Pushwright.Sending;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.Tests;

public sealed class PushResultTests
{
    private static readonly PushSubscription s_subscription = new(new Uri("https://push.example.net/secret"), Some.Receiver.SubscriptionKeys);

    [Theory]
    [InlineData(201, PushOutcome.Delivered)]
    [InlineData(202, PushOutcome.Delivered)]
    [InlineData(400, PushOutcome.Rejected)]
    [InlineData(401, PushOutcome.Unauthorized)]
    [InlineData(403, PushOutcome.Unauthorized)]
    [InlineData(404, PushOutcome.SubscriptionGone)]
    [InlineData(410, PushOutcome.SubscriptionGone)]
    [InlineData(413, PushOutcome.PayloadTooLarge)]
    [InlineData(429, PushOutcome.RateLimited)]
    [InlineData(406, PushOutcome.RateLimited)]
    [InlineData(500, PushOutcome.ServerError)]
    [InlineData(503, PushOutcome.ServerError)]
    [InlineData(418, PushOutcome.Rejected)]
    [InlineData(302, PushOutcome.Refused)]
    [InlineData(307, PushOutcome.Refused)]
    [InlineData(200, PushOutcome.Delivered)]
    public void Classify_Status_FollowsTheReplyTable(int status, PushOutcome expected)
    {
        PushResponseReader.Classify((HttpStatusCode)status).Should().Be(expected);
    }

    [Fact]
    public void EnsureDelivered_NotDelivered_ThrowsWithTheResult()
    {
        var result = new PushResult(s_subscription, PushOutcome.SubscriptionGone, HttpStatusCode.Gone);

        var act = () => result.EnsureDelivered();

        act.Should().Throw<WebPushException>().Which.Result.Should().BeSameAs(result);
    }

    [Fact]
    public void EnsureDelivered_Delivered_ReturnsItself()
    {
        var result = new PushResult(s_subscription, PushOutcome.Delivered, HttpStatusCode.Created);

        result.EnsureDelivered().Should().BeSameAs(result);
    }

    [Fact]
    public void ToString_ShowsHostNotEndpoint()
    {
        var result = new PushResult(s_subscription, PushOutcome.Rejected, HttpStatusCode.BadRequest, error: PushServiceErrorParser.Parse("""{"errno":111,"message":"Missing TTL"}""", "application/json"));

        result.ToString().Should().Contain("push.example.net").And.Contain("400").And.Contain("Missing TTL").And.NotContain("secret");
    }
}
