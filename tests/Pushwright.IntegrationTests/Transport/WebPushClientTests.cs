// The core WebPushClient (no DI, no retries) against a real push service on Kestrel, over
// HTTP/1.1 and HTTP/2 (h2c): what goes on the wire, and how every reply maps to a PushResult
// (README.md, "Replies").
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.Encryption;
using Pushwright.IntegrationTests.PushService;
using Xunit;

namespace Pushwright.IntegrationTests.Transport;

public sealed class WebPushClientTests : IClassFixture<LoopbackPushServiceFixture>
{
    private const string Subject = "mailto:integration-tests@example.com";

    private readonly LoopbackPushServiceFixture _fixture;

    public WebPushClientTests(LoopbackPushServiceFixture fixture) => _fixture = fixture;

    public static TheoryData<bool> Protocols => new() { false, true };

    /// <summary>Every row of the reply table, over both protocols: reply name, expected outcome, expected status.</summary>
    public static TheoryData<string, PushOutcome, int, bool> ReplyTable
    {
        get
        {
            var data = new TheoryData<string, PushOutcome, int, bool>();
            foreach (var http2 in new[] { false, true })
            {
                foreach (var (name, outcome, status) in ReplyRows)
                {
                    data.Add(name, outcome, status, http2);
                }
            }

            return data;
        }
    }

    private static (string Name, PushOutcome Outcome, int Status)[] ReplyRows =>
    [
        ("201", PushOutcome.Delivered, 201),
        ("202", PushOutcome.Delivered, 202),
        ("400", PushOutcome.Rejected, 400),
        ("401", PushOutcome.Unauthorized, 401),
        ("403", PushOutcome.Unauthorized, 403),
        ("403-apple", PushOutcome.Unauthorized, 403),
        ("404", PushOutcome.SubscriptionGone, 404),
        ("410", PushOutcome.SubscriptionGone, 410),
        ("413", PushOutcome.PayloadTooLarge, 413),
        ("429-seconds", PushOutcome.RateLimited, 429),
        ("429-date", PushOutcome.RateLimited, 429),
        ("406", PushOutcome.RateLimited, 406),
        ("500", PushOutcome.ServerError, 500),
        ("502-html", PushOutcome.ServerError, 502),
        ("503", PushOutcome.ServerError, 503),
    ];

    private LoopbackPushService Service => _fixture.Service;

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_Aes128GcmPayload_IsDeliveredAndDecryptsAtTheService(bool http2)
    {
        using var http = CreateHttpClient(http2);
        var sut = CreateSut(http);
        var subscription = Service.CreateSubscription(http2);
        var message = new PushMessage("Your order shipped \u2705") { TimeToLive = TimeSpan.FromHours(1), Urgency = PushUrgency.High, Topic = "order-42" };
        var before = TimeProvider.System.GetUtcNow();

        var result = await sut.SendAsync(subscription, message);

        result.Outcome.Should().Be(PushOutcome.Delivered, result.ToString());
        result.StatusCode.Should().Be(HttpStatusCode.Created);
        result.MessageLocation.Should().NotBeNull();
        result.MessageLocation!.IsAbsoluteUri.Should().BeTrue();
        result.MessageLocation.GetLeftPart(UriPartial.Authority).Should().Be(OriginOf(subscription));
        result.MessageLocation.AbsolutePath.Should().StartWith("/m/");
        result.GrantedTimeToLive.Should().Be(TimeSpan.FromHours(1));
        result.Error.Should().BeNull();
        result.Exception.Should().BeNull();

        var request = Service.RequestsFor(subscription).Should().ContainSingle().Subject;
        request.Rejection.Should().BeNull();
        request.Method.Should().Be("POST");
        request.Protocol.Should().Be(http2 ? "HTTP/2" : "HTTP/1.1");
        request.PlaintextText.Should().Be("Your order shipped \u2705");
        request.Header("TTL").Should().Be("3600");
        request.Header("Urgency").Should().Be("high");
        request.Header("Topic").Should().Be("order-42");
        request.Header("Content-Encoding").Should().Be("aes128gcm");
        request.Header("Content-Type").Should().Be("application/octet-stream");
        request.Header("Content-Length").Should().Be(request.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Header("Encryption").Should().BeNull("aes128gcm carries the salt in the body");
        request.Header("Crypto-Key").Should().BeNull("aes128gcm carries the sender key in the body and VAPID's key in k=");
        request.Header("Authorization").Should().StartWith("vapid t=").And.Contain(", k=" + _fixture.VapidKeys.PublicKeyBase64Url);
        request.Body.Length.Should().Be(WebPushEncryption.GetEncryptedLength(Encoding.UTF8.GetByteCount("Your order shipped \u2705")));

        var vapid = request.Vapid!;
        vapid.Scheme.Should().Be("vapid");
        vapid.Algorithm.Should().Be("ES256");
        vapid.Audience.Should().Be(OriginOf(subscription));
        vapid.Subject.Should().Be(Subject);
        vapid.PublicKey.Should().Be(_fixture.VapidKeys.PublicKeyBase64Url);
        vapid.ExpiresAt.Should().BeAfter(before).And.BeOnOrBefore(before.AddHours(24).AddSeconds(1));
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_AesGcmPayload_IsDeliveredWithLegacyHeaders(bool http2)
    {
        using var http = CreateHttpClient(http2);
        var sut = CreateSut(http);
        var subscription = Service.CreateSubscription(http2);
        var message = new PushMessage("legacy aesgcm") { ContentEncoding = ContentEncoding.AesGcm, Urgency = PushUrgency.VeryLow, TimeToLive = TimeSpan.FromMinutes(5) };

        var result = await sut.SendAsync(subscription, message);

        result.Outcome.Should().Be(PushOutcome.Delivered, result.ToString());
        var request = Service.RequestsFor(subscription).Should().ContainSingle().Subject;
        request.Rejection.Should().BeNull();
        request.PlaintextText.Should().Be("legacy aesgcm");
        request.Header("TTL").Should().Be("300");
        request.Header("Urgency").Should().Be("very-low");
        request.Header("Topic").Should().BeNull();
        request.Header("Content-Encoding").Should().Be("aesgcm");
        request.Header("Encryption").Should().StartWith("salt=");
        var cryptoKey = request.Header("Crypto-Key");
        VapidVerifier.CryptoKeyParameter(cryptoKey, "dh").Should().NotBeNullOrEmpty();
        VapidVerifier.CryptoKeyParameter(cryptoKey, "p256ecdsa").Should().Be(_fixture.VapidKeys.PublicKeyBase64Url);
        request.Header("Authorization").Should().StartWith("WebPush ").And.NotContain("k=");
        request.Vapid!.Scheme.Should().Be("WebPush");
        request.Vapid.Audience.Should().Be(OriginOf(subscription));
    }

    [Theory]
    [InlineData(ContentEncoding.Aes128Gcm, false)]
    [InlineData(ContentEncoding.Aes128Gcm, true)]
    [InlineData(ContentEncoding.AesGcm, false)]
    [InlineData(ContentEncoding.AesGcm, true)]
    public async Task SendAsync_LargestPayload_FitsThe4096ByteLimitAndDecrypts(ContentEncoding encoding, bool http2)
    {
        using var http = CreateHttpClient(http2);
        var sut = CreateSut(http);
        var subscription = Service.CreateSubscription(http2);
        var payload = new byte[WebPushEncryption.GetMaxPlaintextLength(encoding)];
        new Random(42).NextBytes(payload);

        var result = await sut.SendAsync(subscription, new PushMessage(payload) { ContentEncoding = encoding });

        result.Outcome.Should().Be(PushOutcome.Delivered, result.ToString());
        var request = Service.RequestsFor(subscription).Should().ContainSingle().Subject;
        request.Body.Length.Should().BeLessThanOrEqualTo(LoopbackPushService.MaxBodyLength);
        request.Plaintext.Should().Equal(payload);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_NoPayload_SendsNoBodyAndNoContentEncoding(bool http2)
    {
        using var http = CreateHttpClient(http2);
        var sut = CreateSut(http);
        var subscription = Service.CreateSubscription(http2);

        var result = await sut.SendAsync(subscription, new PushMessage());

        result.Outcome.Should().Be(PushOutcome.Delivered, result.ToString());
        var request = Service.RequestsFor(subscription).Should().ContainSingle().Subject;
        request.Rejection.Should().BeNull();
        request.Body.Should().BeEmpty();
        request.Plaintext.Should().BeNull();
        request.Header("Content-Encoding").Should().BeNull();
        request.Header("Encryption").Should().BeNull();
        request.Header("Crypto-Key").Should().BeNull();
        request.Header("TTL").Should().Be(((long)PushMessage.DefaultTimeToLive.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Header("Authorization").Should().StartWith("vapid t=");
        request.Vapid.Should().NotBeNull();
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_ExtraHeadersAndZeroTtl_ReachTheService(bool http2)
    {
        using var http = CreateHttpClient(http2);
        var sut = CreateSut(http);
        var subscription = Service.CreateSubscription(http2);
        var message = new PushMessage("raw")
        {
            TimeToLive = TimeSpan.Zero,
            Headers = new Dictionary<string, string> { ["X-WNS-Type"] = "wns/raw", ["X-WNS-Cache-Policy"] = "no-cache" },
        };

        var result = await sut.SendAsync(subscription, message);

        result.Outcome.Should().Be(PushOutcome.Delivered, result.ToString());
        result.GrantedTimeToLive.Should().Be(TimeSpan.Zero);
        var request = Service.RequestsFor(subscription).Should().ContainSingle().Subject;
        request.Header("TTL").Should().Be("0");
        request.Header("X-WNS-Type").Should().Be("wns/raw");
        request.Header("X-WNS-Cache-Policy").Should().Be("no-cache");
        request.PlaintextText.Should().Be("raw");
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_ServiceGrantsShorterTtl_ReportsGrantedTimeToLive(bool http2)
    {
        using var http = CreateHttpClient(http2);
        var sut = CreateSut(http);
        var subscription = Service.CreateSubscription(http2);
        Service.Reply(subscription, ReplyStep.Created(maxTtlSeconds: 60));

        var result = await sut.SendAsync(subscription, new PushMessage("x"));

        result.Outcome.Should().Be(PushOutcome.Delivered);
        result.GrantedTimeToLive.Should().Be(TimeSpan.FromSeconds(60));
        result.ResponseHeaders.Should().ContainKey("ttl");
        Service.RequestsFor(subscription).Single().Header("TTL").Should().Be("2419200");
    }

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

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_DroppedConnection_ReturnsNetworkError(bool http2)
    {
        using var http = CreateHttpClient(http2);
        var sut = CreateSut(http);
        var subscription = Service.CreateSubscription(http2);
        Service.Reply(subscription, ReplyStep.Drop());

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.NetworkError, result.ToString());
        result.StatusCode.Should().BeNull();
        result.Exception.Should().NotBeNull();
        result.IsSubscriptionGone.Should().BeFalse();
        Service.RequestsFor(subscription).Should().ContainSingle().Which.Reply.Should().Be("dropped connection");

        // The client recovers: the next message goes through on a new connection (or stream).
        Service.Reply(subscription, ReplyStep.Created());
        (await sut.SendAsync(subscription, new PushMessage("again"))).Outcome.Should().Be(PushOutcome.Delivered);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_SlowReplyBeyondHttpClientTimeout_ReturnsNetworkError(bool http2)
    {
        using var http = CreateHttpClient(http2, TimeSpan.FromMilliseconds(300));
        var sut = CreateSut(http);
        var subscription = Service.CreateSubscription(http2);
        Service.Reply(subscription, ReplyStep.Slow(TimeSpan.FromSeconds(20)));
        var watch = Stopwatch.StartNew();

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        result.Outcome.Should().Be(PushOutcome.NetworkError, result.ToString());
        result.StatusCode.Should().BeNull();
        result.Exception.Should().BeAssignableTo<OperationCanceledException>().Which.InnerException.Should().BeOfType<TimeoutException>();
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_TokenCancelledBefore_ThrowsAndSendsNothing(bool http2)
    {
        using var http = CreateHttpClient(http2);
        var sut = CreateSut(http);
        var subscription = Service.CreateSubscription(http2);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var send = () => sut.SendAsync(subscription, new PushMessage("hello"), cancellation.Token);

        await send.Should().ThrowAsync<OperationCanceledException>();
        Service.RequestsFor(subscription).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_TokenCancelledDuringSlowReply_ThrowsPromptly(bool http2)
    {
        using var http = CreateHttpClient(http2);
        var removals = new RecordingRemovalHandler();
        var sut = CreateSut(http, o => o.RemovalHandlers.Add(removals));
        var subscription = Service.CreateSubscription(http2);
        Service.Reply(subscription, ReplyStep.Slow(TimeSpan.FromSeconds(20)));
        using var cancellation = new CancellationTokenSource();
        var sending = sut.SendAsync(subscription, new PushMessage("hello"), cancellation.Token);

        // Cancel once the service holds the request, not after a fixed time: a cold first HTTP/2
        // connection on a busy machine can take longer than any short delay to get there.
        await WaitUntilReceivedAsync(subscription);
        var watch = Stopwatch.StartNew();
        await cancellation.CancelAsync();
        var send = () => sending;

        (await send.Should().ThrowAsync<OperationCanceledException>()).Which.CancellationToken.Should().Be(cancellation.Token);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        removals.Results.Should().BeEmpty();
        var request = await WaitForReplyAsync(subscription);
        request.Reply.Should().StartWith("client gave up");
    }

    [Theory]
    [InlineData("404", false)]
    [InlineData("404", true)]
    [InlineData("410", false)]
    [InlineData("410", true)]
    public async Task SendAsync_GoneSubscription_NotifiesHandlerAndEventOnce(string reply, bool http2)
    {
        using var http = CreateHttpClient(http2);
        var handler = new RecordingRemovalHandler();
        var sut = CreateSut(http, o => o.RemovalHandlers.Add(handler));
        var events = new ConcurrentQueue<(object? Sender, SubscriptionRemovedEventArgs Args)>();
        sut.SubscriptionRemoved += (sender, args) => events.Enqueue((sender, args));
        var subscription = Service.CreateSubscription(http2);
        Service.Reply(subscription, Step(reply));

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.SubscriptionGone);
        handler.Results.Should().ContainSingle().Which.Should().BeSameAs(result);
        events.Should().ContainSingle();
        events.Single().Sender.Should().BeSameAs(sut);
        events.Single().Args.Result.Should().BeSameAs(result);
    }

    [Theory]
    [InlineData("201")]
    [InlineData("400")]
    [InlineData("403")]
    [InlineData("429-seconds")]
    [InlineData("500")]
    [InlineData("drop")]
    public async Task SendAsync_NotGone_NotifiesNobody(string reply)
    {
        using var http = CreateHttpClient(http2: false);
        var handler = new RecordingRemovalHandler();
        var sut = CreateSut(http, o => o.RemovalHandlers.Add(handler));
        var events = 0;
        sut.SubscriptionRemoved += (_, _) => Interlocked.Increment(ref events);
        var subscription = Service.CreateSubscription();
        Service.Reply(subscription, Step(reply));

        await sut.SendAsync(subscription, new PushMessage("hello"));

        handler.Results.Should().BeEmpty();
        events.Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_ExpiredSubscription_IsNotSentAndReportedGoneOnce(bool http2)
    {
        using var http = CreateHttpClient(http2);
        var handler = new RecordingRemovalHandler();
        var sut = CreateSut(http, o => o.RemovalHandlers.Add(handler));
        var events = 0;
        sut.SubscriptionRemoved += (_, _) => Interlocked.Increment(ref events);
        var subscription = Service.CreateSubscription(http2, expirationTime: TimeProvider.System.GetUtcNow().AddMinutes(-1));

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.SubscriptionGone);
        result.StatusCode.Should().BeNull();
        result.Error.Should().BeNull("nothing was asked of a push service");
        result.Refusal!.Reason.Should().Be(RefusalReason.SubscriptionExpired);
        result.Refusal.Message.Should().Contain("expirationTime");
        handler.Results.Should().ContainSingle().Which.Should().BeSameAs(result);
        events.Should().Be(1);
        Service.RequestsFor(subscription).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_FutureExpirationTime_IsSent(bool http2)
    {
        using var http = CreateHttpClient(http2);
        var sut = CreateSut(http);
        var subscription = Service.CreateSubscription(http2, expirationTime: TimeProvider.System.GetUtcNow().AddDays(1));

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Delivered);
        Service.RequestsFor(subscription).Should().ContainSingle();
    }

    [Fact]
    public async Task SendAsync_HttpEndpointWithoutOptIn_IsRefusedBeforeSending()
    {
        using var http = CreateHttpClient(http2: false);
        var sut = new WebPushClient(http, _fixture.Vapid, new WebPushClientOptions { AllowHttpEndpoints = false });
        var subscription = Service.CreateSubscription();

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Refused);
        result.StatusCode.Should().BeNull();
        result.Error.Should().BeNull();
        result.Refusal!.Reason.Should().Be(RefusalReason.EndpointNotHttps);
        result.Refusal.Message.Should().Contain("https:").And.NotContain(LoopbackPushService.IdOf(subscription), "an endpoint is a capability and must not be echoed");
        Service.RequestsFor(subscription).Should().BeEmpty();
        sut.Invoking(c => c.CreateRequest(subscription, new PushMessage("hello"))).Should().Throw<ArgumentException>().WithParameterName("subscription");
    }

    [Fact]
    public async Task SendAsync_DefaultOptions_RefuseHttpEndpoints()
    {
        using var http = CreateHttpClient(http2: false);
        var sut = new WebPushClient(http, _fixture.Vapid);
        var subscription = Service.CreateSubscription();

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Refused);
        result.Refusal!.Reason.Should().Be(RefusalReason.EndpointNotHttps);
        Service.RequestsFor(subscription).Should().BeEmpty();
    }

    [Theory]
    [InlineData("push.example.com")]
    [InlineData("*.127.0.0.1")]
    [InlineData("*.0.0.1")]
    public async Task SendAsync_HostNotInAllowedHosts_IsRefusedBeforeSending(string allowed)
    {
        using var http = CreateHttpClient(http2: false);
        var sut = CreateSut(http, o => o.AllowedHosts.Add(allowed));
        var subscription = Service.CreateSubscription();

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Refused, result.ToString());
        result.Refusal!.Reason.Should().Be(RefusalReason.HostNotAllowed);
        result.Refusal.Message.Should().Contain("AllowedHosts");
        Service.RequestsFor(subscription).Should().BeEmpty();
    }

    [Fact]
    public async Task SendAsync_HttpClientFollowingRedirects_ReportsRefusedRedirect()
    {
        // A caller's own HttpClient may follow redirects (the default); a push service never
        // redirects, so a followed redirect is reported instead of passing as the target's reply.
        using var http = new HttpClient { DefaultRequestVersion = HttpVersion.Version11, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var sut = CreateSut(http);
        var subscription = Service.CreateSubscription();
        var target = Service.CreateSubscription();
        Service.Reply(subscription, ReplyStep.Status(307, null, "text/plain", ("Location", target.Endpoint.AbsoluteUri)));

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
        var subscription = Service.CreateSubscription();

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Delivered);
    }

    [Fact]
    public async Task SendAsync_HttpClientWithDefaultVersion_UsesHttp11OverCleartext()
    {
        // Without an exact version the client asks for HTTP/2 or lower; over cleartext that is HTTP/1.1.
        using var http = new HttpClient();
        var sut = CreateSut(http);
        var subscription = Service.CreateSubscription();

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Delivered, result.ToString());
        Service.RequestsFor(subscription).Single().Protocol.Should().Be("HTTP/1.1");
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_SeveralMessages_ShareOneVapidToken(bool http2)
    {
        using var http = CreateHttpClient(http2);
        var sut = CreateSut(http);
        var first = Service.CreateSubscription(http2);
        var second = Service.CreateSubscription(http2);

        await sut.SendAsync(first, new PushMessage("one"));
        await sut.SendAsync(second, new PushMessage("two"));
        await sut.SendAsync(first, new PushMessage("three") { ContentEncoding = ContentEncoding.AesGcm });

        var requests = Service.RequestsFor(first).Concat(Service.RequestsFor(second)).ToArray();
        requests.Should().HaveCount(3).And.OnlyContain(r => r.Vapid != null);
        requests.Select(r => r.Vapid!.Token).Distinct().Should().ContainSingle("one token per audience, in both header forms");
        requests.Select(r => Convert.ToBase64String(r.Body)).Distinct().Should().HaveCount(3, "every message has its own salt and key");
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendManyAsync_200Subscriptions_BoundedConcurrencySharedTokenAndGoneOnce(bool http2)
    {
        await using var service = await LoopbackPushService.StartAsync(_fixture.VapidKeys.PublicKeyBase64Url);
        using var http = CreateHttpClient(http2);
        var handler = new RecordingRemovalHandler();
        var sut = CreateSut(http, o =>
        {
            o.MaxConcurrency = 8;
            o.RemovalHandlers.Add(handler);
        });
        var events = new ConcurrentQueue<SubscriptionRemovedEventArgs>();
        sut.SubscriptionRemoved += (_, args) => events.Enqueue(args);
        var subscriptions = Enumerable.Range(0, 200).Select(_ => service.CreateSubscription(http2)).ToArray();
        var gone = new HashSet<PushSubscription>();
        for (var i = 0; i < subscriptions.Length; i++)
        {
            if (i % 10 == 3)
            {
                service.Reply(subscriptions[i], ReplyStep.Gone());
                gone.Add(subscriptions[i]);
            }
            else
            {
                // A little latency so that requests overlap and the bound is actually tested.
                service.Reply(subscriptions[i], ReplyStep.Slow(TimeSpan.FromMilliseconds(10)));
            }
        }

        var results = new List<PushResult>();
        await foreach (var result in sut.SendManyAsync(subscriptions, new PushMessage("to everyone")))
        {
            results.Add(result);
        }

        results.Should().HaveCount(200);
        results.Select(r => r.Subscription).Should().OnlyHaveUniqueItems();
        results.Select(r => r.Subscription).ToHashSet().SetEquals(subscriptions).Should().BeTrue();
        results.Where(r => gone.Contains(r.Subscription)).Should().HaveCount(20).And.OnlyContain(r => r.Outcome == PushOutcome.SubscriptionGone);
        results.Where(r => !gone.Contains(r.Subscription)).Should().OnlyContain(r => r.Outcome == PushOutcome.Delivered);

        service.MaxConcurrentRequests.Should().BeLessThanOrEqualTo(8).And.BeGreaterThan(1);
        var requests = service.Requests;
        requests.Should().HaveCount(200).And.OnlyContain(r => r.Rejection == null && r.PlaintextText == "to everyone");
        requests.Should().OnlyContain(r => r.Protocol == (http2 ? "HTTP/2" : "HTTP/1.1"));
        requests.Select(r => r.Vapid!.Token).Distinct().Should().ContainSingle("the VAPID token is shared");
        requests.Select(r => r.SubscriptionId).Should().OnlyHaveUniqueItems();

        handler.Results.Select(r => r.Subscription).Should().OnlyHaveUniqueItems().And.HaveCount(20);
        handler.Results.Select(r => r.Subscription).ToHashSet().SetEquals(gone).Should().BeTrue();
        events.Select(e => e.Result.Subscription).Should().OnlyHaveUniqueItems().And.HaveCount(20);
    }

    [Fact]
    public async Task SendManyAsync_SameGoneSubscriptionTwice_NotifiesOnce()
    {
        using var http = CreateHttpClient(http2: false);
        var handler = new RecordingRemovalHandler();
        var sut = CreateSut(http, o => o.RemovalHandlers.Add(handler));
        var subscription = Service.CreateSubscription();
        var copy = new PushSubscription(subscription.Endpoint, subscription.Keys);
        Service.Reply(subscription, ReplyStep.Gone());

        var results = await CollectAsync(sut.SendManyAsync([subscription, copy], new PushMessage("hello")));

        results.Should().HaveCount(2).And.OnlyContain(r => r.Outcome == PushOutcome.SubscriptionGone);
        handler.Results.Should().ContainSingle();
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendManyAsync_BreakEarly_StopsSending(bool http2)
    {
        await using var service = await LoopbackPushService.StartAsync(_fixture.VapidKeys.PublicKeyBase64Url);
        using var http = CreateHttpClient(http2);
        const int MaxConcurrency = 4;
        var sut = CreateSut(http, o => o.MaxConcurrency = MaxConcurrency);
        var subscriptions = Enumerable.Range(0, 200).Select(_ => service.CreateSubscription(http2)).ToArray();
        foreach (var subscription in subscriptions)
        {
            service.Reply(subscription, ReplyStep.Slow(TimeSpan.FromMilliseconds(20)));
        }

        var taken = 0;
        await foreach (var result in sut.SendManyAsync(subscriptions, new PushMessage("hello")))
        {
            result.Outcome.Should().Be(PushOutcome.Delivered);
            if (++taken == 5)
            {
                break;
            }
        }

        // Once the loop is left, nothing new starts: at most what was consumed, buffered and in flight.
        await Task.Delay(300);
        var seen = service.Requests.Count;
        seen.Should().BeLessThanOrEqualTo(taken + (2 * MaxConcurrency) + 1);
        await Task.Delay(200);
        service.Requests.Count.Should().Be(seen);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendManyAsync_Cancelled_ThrowsAndStopsSending(bool http2)
    {
        await using var service = await LoopbackPushService.StartAsync(_fixture.VapidKeys.PublicKeyBase64Url);
        using var http = CreateHttpClient(http2);
        var sut = CreateSut(http, o => o.MaxConcurrency = 4);
        var subscriptions = Enumerable.Range(0, 100).Select(_ => service.CreateSubscription(http2)).ToArray();
        foreach (var subscription in subscriptions)
        {
            service.Reply(subscription, ReplyStep.Slow(TimeSpan.FromMilliseconds(50)));
        }

        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var consume = () => CollectAsync(sut.SendManyAsync(subscriptions, new PushMessage("hello"), cancellation.Token));

        await consume.Should().ThrowAsync<OperationCanceledException>();
        await Task.Delay(200);
        var seen = service.Requests.Count;
        seen.Should().BeLessThan(100);
        await Task.Delay(200);
        service.Requests.Count.Should().Be(seen);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendManyAsync_MixedReplies_OneResultEach(bool http2)
    {
        using var http = CreateHttpClient(http2);
        var sut = CreateSut(http, o => o.MaxConcurrency = 3);
        var rows = ReplyRows.Select(r => r.Name).Append("drop").ToArray();
        var subscriptions = rows.Select(_ => Service.CreateSubscription(http2)).ToArray();
        for (var i = 0; i < rows.Length; i++)
        {
            Service.Reply(subscriptions[i], Step(rows[i]));
        }

        var results = await CollectAsync(sut.SendManyAsync(subscriptions, new PushMessage("hello")));

        results.Should().HaveCount(rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            var expected = rows[i] == "drop" ? PushOutcome.NetworkError : ReplyRows.Single(r => r.Name == rows[i]).Outcome;
            results.Single(r => r.Subscription == subscriptions[i]).Outcome.Should().Be(expected, rows[i]);
        }
    }

    internal static HttpClient CreateHttpClient(bool http2, TimeSpan? timeout = null) => new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        DefaultRequestVersion = http2 ? HttpVersion.Version20 : HttpVersion.Version11,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = timeout ?? TimeSpan.FromSeconds(10),
    };

    internal static ReplyStep Step(string name) => name switch
    {
        "201" => ReplyStep.Created(),
        "202" => ReplyStep.Accepted(),
        "400" => ReplyStep.BadRequest(),
        "401" => ReplyStep.Unauthorized(),
        "403" => ReplyStep.Forbidden(),
        "403-apple" => ReplyStep.AppleBadJwtToken(),
        "404" => ReplyStep.NotFound(),
        "410" => ReplyStep.Gone(),
        "413" => ReplyStep.PayloadTooLarge(),
        "429-seconds" => ReplyStep.TooManyRequests(TimeSpan.FromSeconds(30)),
        "429-date" => ReplyStep.TooManyRequestsUntil(TimeSpan.FromSeconds(30)),
        "406" => ReplyStep.WnsThrottled(),
        "500" => ReplyStep.InternalServerError(),
        "502-html" => ReplyStep.BadGatewayHtml(),
        "503" => ReplyStep.ServiceUnavailable(),
        "drop" => ReplyStep.Drop(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown reply."),
    };

    internal static string OriginOf(PushSubscription subscription) => subscription.Endpoint.GetLeftPart(UriPartial.Authority);

    private static async Task<List<PushResult>> CollectAsync(IAsyncEnumerable<PushResult> results)
    {
        var list = new List<PushResult>();
        await foreach (var result in results)
        {
            list.Add(result);
        }

        return list;
    }

    private async Task WaitUntilReceivedAsync(PushSubscription subscription)
    {
        var watch = Stopwatch.StartNew();
        while (Service.RequestsFor(subscription).Count == 0)
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException("The service did not receive the request.");
            }

            await Task.Delay(10);
        }
    }

    private async Task<ReceivedRequest> WaitForReplyAsync(PushSubscription subscription)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(5))
        {
            var request = Service.RequestsFor(subscription).SingleOrDefault();
            if (request?.Reply is not null)
            {
                return request;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("The service did not finish the request.");
    }

    private WebPushClient CreateSut(HttpClient http, Action<WebPushClientOptions>? configure = null)
    {
        var options = new WebPushClientOptions { AllowHttpEndpoints = true };
        configure?.Invoke(options);
        return new WebPushClient(http, _fixture.Vapid, options);
    }
}
