// The full AddWebPush() stack (typed client from IHttpClientFactory, Polly retries and timeouts,
// removal handlers from DI, host-only logging) against the loopback push service, over HTTP/1.1
// and HTTP/2: which replies are retried (README.md, "Replies"), and that a retry resends the
// bytes it encrypted once. The timing cases are in AddWebPushStackTimeoutTests.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Pushwright.IntegrationTests.PushService;
using Pushwright.Testing;
using Xunit;

namespace Pushwright.IntegrationTests.Transport;

public sealed class AddWebPushStackTests : IClassFixture<LoopbackPushServiceFixture>
{
    private readonly LoopbackPushServiceFixture _fixture;

    public AddWebPushStackTests(LoopbackPushServiceFixture fixture) => _fixture = fixture;

    public static TheoryData<bool> Protocols => new() { false, true };

    /// <summary>Replies that must never be retried, over both protocols.</summary>
    public static TheoryData<string, PushOutcome, bool> NotRetried
    {
        get
        {
            var data = new TheoryData<string, PushOutcome, bool>();
            foreach (var http2 in new[] { false, true })
            {
                data.Add("400", PushOutcome.Rejected, http2);
                data.Add("401", PushOutcome.Unauthorized, http2);
                data.Add("403", PushOutcome.Unauthorized, http2);
                data.Add("403-apple", PushOutcome.Unauthorized, http2);
                data.Add("404", PushOutcome.SubscriptionGone, http2);
                data.Add("410", PushOutcome.SubscriptionGone, http2);
                data.Add("413", PushOutcome.PayloadTooLarge, http2);
                data.Add("201", PushOutcome.Delivered, http2);
                data.Add("202", PushOutcome.Delivered, http2);
            }

            return data;
        }
    }

    /// <summary>Replies that are retried until the attempts run out, over both protocols.</summary>
    public static TheoryData<string, PushOutcome, bool> RetriedUntilExhausted
    {
        get
        {
            var data = new TheoryData<string, PushOutcome, bool>();
            foreach (var http2 in new[] { false, true })
            {
                data.Add("500", PushOutcome.ServerError, http2);
                data.Add("502-html", PushOutcome.ServerError, http2);
                data.Add("503", PushOutcome.ServerError, http2);
                data.Add("406", PushOutcome.RateLimited, http2);
                data.Add("drop", PushOutcome.NetworkError, http2);
            }

            return data;
        }
    }

    private FakePushService Service => _fixture.Service;

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_Delivered_ThroughTheStack(bool http2)
    {
        await using var provider = WebPushStack.BuildProvider(_fixture, http2);
        var sut = provider.GetRequiredService<WebPushClient>();
        var subscription = _fixture.CreateSubscription(http2);

        var result = await sut.SendAsync(subscription, new PushMessage("through the stack") { Urgency = PushUrgency.Low, Topic = "stacks" });

        result.Outcome.Should().Be(PushOutcome.Delivered, result.ToString());
        result.MessageLocation!.AbsolutePath.Should().StartWith("/m/");
        var request = Service.RequestsTo(subscription).Should().ContainSingle().Subject;
        request.HttpVersion.Should().Be(http2 ? HttpVersion.Version20 : HttpVersion.Version11);
        request.Text.Should().Be("through the stack");
        request.Header("Urgency").Should().Be("low");
        request.Header("Topic").Should().Be("stacks");
        request.Vapid!.Subject.Should().Be("mailto:stack-tests@example.com");
        request.Vapid.PublicKey.Should().Be(_fixture.VapidKeys.PublicKeyBase64Url);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_503Then503Then201_IsRetriedWithTheSameCiphertext(bool http2)
    {
        await using var provider = WebPushStack.BuildProvider(_fixture, http2);
        var sut = provider.GetRequiredService<WebPushClient>();
        var subscription = _fixture.CreateSubscription(http2);
        Service.Reply(subscription, FakeReply.Status(503), FakeReply.Status(503), FakeReply.Created());

        var result = await sut.SendAsync(subscription, new PushMessage("retry me"));

        result.Outcome.Should().Be(PushOutcome.Delivered, result.ToString());
        result.StatusCode.Should().Be(HttpStatusCode.Created);
        var requests = Service.RequestsTo(subscription);
        requests.Should().HaveCount(3);
        requests.Should().OnlyContain(r => r.Rejection == null && r.Text == "retry me");
        requests.Select(r => Convert.ToBase64String(r.Body.ToArray())).Distinct().Should().ContainSingle("the message is encrypted once and the same bytes are resent");
        requests.Select(r => r.Header("Authorization")).Distinct().Should().ContainSingle();
        requests.Select(r => r.StatusCode).Should().Equal(503, 503, 201);
    }

    [Theory]
    [InlineData(ContentEncoding.Aes128Gcm, false)]
    [InlineData(ContentEncoding.Aes128Gcm, true)]
    [InlineData(ContentEncoding.AesGcm, false)]
    [InlineData(ContentEncoding.AesGcm, true)]
    public async Task SendAsync_RetriedAfter500_ResendsTheSameHeadersAndBody(ContentEncoding encoding, bool http2)
    {
        await using var provider = WebPushStack.BuildProvider(_fixture, http2);
        var sut = provider.GetRequiredService<WebPushClient>();
        var subscription = _fixture.CreateSubscription(http2);
        Service.Reply(subscription, FakeReply.Status(500), FakeReply.Created());

        var result = await sut.SendAsync(subscription, new PushMessage("retry after 500") { ContentEncoding = encoding });

        result.Outcome.Should().Be(PushOutcome.Delivered, result.ToString());
        var requests = Service.RequestsTo(subscription);
        requests.Should().HaveCount(2).And.OnlyContain(r => r.Text == "retry after 500");
        requests.Select(r => Convert.ToBase64String(r.Body.ToArray())).Distinct().Should().ContainSingle();
        requests.Select(r => r.Header("Encryption")).Distinct().Should().ContainSingle();
        requests.Select(r => r.Header("Crypto-Key")).Distinct().Should().ContainSingle();
    }

    [Theory]
    [MemberData(nameof(RetriedUntilExhausted))]
    public async Task SendAsync_RetriableReplyEveryTime_ExhaustsRetries(string reply, PushOutcome outcome, bool http2)
    {
        await using var provider = WebPushStack.BuildProvider(_fixture, http2);
        var sut = provider.GetRequiredService<WebPushClient>();
        var subscription = _fixture.CreateSubscription(http2);
        Service.Reply(subscription, WebPushClientTests.Step(reply));

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(outcome, result.ToString());
        Service.RequestsTo(subscription).Should().HaveCount(1 + WebPushStack.MaxRetryAttempts);
        if (outcome == PushOutcome.NetworkError)
        {
            result.StatusCode.Should().BeNull();
            result.Exception.Should().NotBeNull();
        }
    }

    [Theory]
    [MemberData(nameof(NotRetried))]
    public async Task SendAsync_FinalReply_IsNeverRetried(string reply, PushOutcome outcome, bool http2)
    {
        await using var provider = WebPushStack.BuildProvider(_fixture, http2);
        var sut = provider.GetRequiredService<WebPushClient>();
        var subscription = _fixture.CreateSubscription(http2);
        Service.Reply(subscription, WebPushClientTests.Step(reply), FakeReply.Created());

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(outcome, result.ToString());
        result.StatusCode.Should().Be((HttpStatusCode)int.Parse(reply[..3], System.Globalization.CultureInfo.InvariantCulture));
        Service.RequestsTo(subscription).Should().ContainSingle();
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_406Then201_IsRetried(bool http2)
    {
        await using var provider = WebPushStack.BuildProvider(_fixture, http2);
        var sut = provider.GetRequiredService<WebPushClient>();
        var subscription = _fixture.CreateSubscription(http2);
        Service.Reply(subscription, FakeReply.Status(406).WithBody([], null).WithHeader("X-WNS-Status", "dropped").WithHeader("X-WNS-Error-Description", "Throttle limit exceeded"), FakeReply.Created());

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Delivered, result.ToString());
        Service.RequestsTo(subscription).Should().HaveCount(2);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_DroppedConnectionThen201_IsRetried(bool http2)
    {
        await using var provider = WebPushStack.BuildProvider(_fixture, http2);
        var sut = provider.GetRequiredService<WebPushClient>();
        var subscription = _fixture.CreateSubscription(http2);
        Service.Reply(subscription, FakeReply.Reset(), FakeReply.Reset(), FakeReply.Created());

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Delivered, result.ToString());
        var requests = Service.RequestsTo(subscription);
        requests.Should().HaveCount(3);
        requests.Select(r => Convert.ToBase64String(r.Body.ToArray())).Distinct().Should().ContainSingle();
    }

    [Theory]
    [InlineData("404", false)]
    [InlineData("404", true)]
    [InlineData("410", false)]
    [InlineData("410", true)]
    public async Task SendAsync_Gone_CallsTheRemovalHandlerFromDiOnce(string reply, bool http2)
    {
        var handler = new RecordingRemovalHandler();
        await using var provider = WebPushStack.BuildProvider(_fixture, http2, removalHandler: handler);
        var sut = provider.GetRequiredService<WebPushClient>();
        var events = 0;
        sut.SubscriptionRemoved += (_, _) => events++;
        var subscription = _fixture.CreateSubscription(http2);
        Service.Reply(subscription, WebPushClientTests.Step(reply));

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.SubscriptionGone);
        handler.Results.Should().ContainSingle().Which.Should().BeSameAs(result);
        events.Should().Be(1);
        Service.RequestsTo(subscription).Should().ContainSingle();
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_ServerErrorsThenGone_CallsTheRemovalHandlerOnce(bool http2)
    {
        var handler = new RecordingRemovalHandler();
        await using var provider = WebPushStack.BuildProvider(_fixture, http2, removalHandler: handler);
        var sut = provider.GetRequiredService<WebPushClient>();
        var subscription = _fixture.CreateSubscription(http2);
        Service.Reply(subscription, FakeReply.Status(503), FakeReply.Reset(), FakeReply.Status(410));

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.SubscriptionGone);
        handler.Results.Should().ContainSingle();
        Service.RequestsTo(subscription).Should().HaveCount(3);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendManyAsync_ThroughTheStack_RetriesEachAndRespectsMaxConcurrency(bool http2)
    {
        await using var loopback = await LoopbackPushService.StartAsync();
        var service = loopback.Service;
        var handler = new RecordingRemovalHandler();
        await using var provider = WebPushStack.BuildProvider(_fixture, http2, o => o.MaxConcurrency = 5, handler);
        var sut = provider.GetRequiredService<WebPushClient>();
        var subscriptions = Enumerable.Range(0, 60).Select(_ => loopback.Subscribe(_fixture.VapidKeys.PublicKey, http2).Subscription).ToArray();
        for (var i = 0; i < subscriptions.Length; i++)
        {
            service.Reply(subscriptions[i], (i % 3) switch
            {
                0 => [FakeReply.Status(503), FakeReply.Created().After(TimeSpan.FromMilliseconds(10))],
                1 => [FakeReply.Created().After(TimeSpan.FromMilliseconds(10))],
                _ => [FakeReply.Reset(), FakeReply.Status(410)],
            });
        }

        var results = new List<PushResult>();
        await foreach (var result in sut.SendManyAsync(subscriptions, new PushMessage("many")))
        {
            results.Add(result);
        }

        results.Should().HaveCount(60);
        results.Count(r => r.Outcome == PushOutcome.Delivered).Should().Be(40);
        results.Count(r => r.Outcome == PushOutcome.SubscriptionGone).Should().Be(20);
        handler.Results.Select(r => r.Subscription).Should().HaveCount(20).And.OnlyHaveUniqueItems();
        service.Requests.Should().HaveCount(100);
        service.MaxConcurrentRequests.Should().BeLessThanOrEqualTo(5);
        service.Requests.Select(r => r.Vapid!.Token).Distinct().Should().ContainSingle();
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_Retried_LogsHostsButNeverEndpointsOrTokens(bool http2)
    {
        await using var provider = WebPushStack.BuildProvider(_fixture, http2, logging: true);
        var sut = provider.GetRequiredService<WebPushClient>();
        var subscription = _fixture.CreateSubscription(http2);
        Service.Reply(subscription, FakeReply.Status(503), FakeReply.Reset(), FakeReply.Status(410));

        await sut.SendAsync(subscription, new PushMessage("hello"));

        var logs = provider.GetFakeLogCollector().GetSnapshot();
        logs.Should().NotBeEmpty();
        logs.Should().Contain(r => r.Message.Contains("127.0.0.1", StringComparison.Ordinal));
        var token = Service.RequestsTo(subscription)[0].Vapid!.Token;
        var id = subscription.Endpoint.Segments[^1];
        foreach (var record in logs)
        {
            var text = record.Message + " " + record.Exception + " " + string.Join(' ', record.StructuredState?.Select(s => s.Value) ?? []);
            text.Should().NotContain(id).And.NotContain(token).And.NotContain(_fixture.VapidKeys.ExportPrivateKeyBase64Url());
        }
    }

    [Theory]
    [InlineData(307, false)]
    [InlineData(307, true)]
    [InlineData(308, false)]
    [InlineData(301, false)]
    public async Task SendAsync_Redirect_IsNotFollowed(int status, bool http2)
    {
        // A push service never redirects; following one would let a subscription aim the POST
        // (with its VAPID token) at a host AllowedHosts never approved.
        await using var provider = WebPushStack.BuildProvider(_fixture, http2);
        var sut = provider.GetRequiredService<WebPushClient>();
        var subscription = _fixture.CreateSubscription(http2);
        var target = _fixture.CreateSubscription(http2);
        Service.Reply(subscription, FakeReply.Status(status).WithBody([], null).WithHeader("Location", target.Endpoint.AbsoluteUri));

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Refused);
        result.Refusal!.Reason.Should().Be(RefusalReason.Redirect);
        result.StatusCode.Should().Be((HttpStatusCode)status);
        Service.RequestsTo(subscription).Should().ContainSingle();
        Service.RequestsTo(target).Should().BeEmpty();
    }

    [Fact]
    public async Task AddWebPush_ResilienceDisabled_SendsOnce()
    {
        await using var provider = WebPushStack.BuildProvider(_fixture, http2: false, o => o.Resilience.Enabled = false);
        var sut = provider.GetRequiredService<WebPushClient>();
        var subscription = _fixture.CreateSubscription();
        Service.Reply(subscription, FakeReply.Status(503), FakeReply.Created());

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.ServerError);
        Service.RequestsTo(subscription).Should().ContainSingle();
    }

    [Fact]
    public async Task AddWebPush_HttpEndpointsNotAllowed_RefusesBeforeSending()
    {
        await using var provider = WebPushStack.BuildProvider(_fixture, http2: false, o => o.AllowHttpEndpoints = false);
        var sut = provider.GetRequiredService<WebPushClient>();
        var subscription = _fixture.CreateSubscription();

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Refused);
        result.Refusal!.Reason.Should().Be(RefusalReason.EndpointNotHttps);
        Service.RequestsTo(subscription).Should().BeEmpty();
    }

    [Fact]
    public async Task AddWebPush_AllowedHostsElsewhere_RefusesBeforeSending()
    {
        await using var provider = WebPushStack.BuildProvider(_fixture, http2: false, o => o.AllowedHosts.Add("*.push.services.mozilla.com"));
        var sut = provider.GetRequiredService<WebPushClient>();
        var subscription = _fixture.CreateSubscription();

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Refused);
        result.Refusal!.Reason.Should().Be(RefusalReason.HostNotAllowed);
        Service.RequestsTo(subscription).Should().BeEmpty();
    }
}
