using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.Encryption;
using Pushwright.Sending;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.Tests.Sending;

/// <summary>What each push service does differently, handled in the request and read from the reply.</summary>
public sealed class PushServiceQuirksTests
{
    private static readonly VapidDetails s_vapid = new("mailto:ops@example.com", VapidKeys.Generate());

    [Fact]
    public void Create_WnsWithTtlZero_SendsNoCacheSoWnsAcceptsIt()
    {
        using var request = Create("https://wns2-by3p.notify.windows.com/w/?token=abc", new PushMessage("hi") { TimeToLive = TimeSpan.Zero });

        request.Headers.GetValues("X-WNS-Cache-Policy").Should().Equal("no-cache");
    }

    [Theory]
    [InlineData("https://wns2-by3p.notify.windows.com/w/?token=abc", 60)]
    [InlineData("https://fcm.googleapis.com/fcm/send/abc", 0)]
    public void Create_WnsWithTtlOrOtherService_SendsNoCachePolicy(string endpoint, int ttl)
    {
        using var request = Create(endpoint, new PushMessage("hi") { TimeToLive = TimeSpan.FromSeconds(ttl) });

        request.Headers.Contains("X-WNS-Cache-Policy").Should().BeFalse();
    }

    [Fact]
    public void Create_WnsWithTheCallersOwnCachePolicy_KeepsTheCallers()
    {
        var message = new PushMessage("hi") { TimeToLive = TimeSpan.Zero, Headers = new System.Collections.Generic.Dictionary<string, string> { ["X-WNS-Cache-Policy"] = "cache" } };

        using var request = Create("https://wns2-by3p.notify.windows.com/w/?token=abc", message);

        request.Headers.GetValues("X-WNS-Cache-Policy").Should().Equal("cache");
    }

    [Theory]
    [InlineData("https://web.push.apple.com/QGx1c2Vy", null, "normal")]
    [InlineData("https://web.push.apple.com/QGx1c2Vy", PushUrgency.High, "high")]
    [InlineData("https://fcm.googleapis.com/fcm/send/abc", null, null)]
    public void Create_UrgencyForApple_DefaultsToNormal(string endpoint, PushUrgency? urgency, string? expected)
    {
        using var request = Create(endpoint, new PushMessage("hi") { Urgency = urgency });

        (request.Headers.TryGetValues("Urgency", out var values) ? values.Single() : null).Should().Be(expected);
    }

    [Fact]
    public async Task ReadAsync_WnsErrorInHeaders_BecomesTheServiceError()
    {
        using var response = Reply(HttpStatusCode.BadRequest, "https://wns2-by3p.notify.windows.com/w/?token=abc", body: null);
        response.Headers.TryAddWithoutValidation("X-WNS-ERROR-DESCRIPTION", "Ttl value conflicts with X-WNS-Cache-Policy");
        response.Headers.TryAddWithoutValidation("X-WNS-STATUS", "dropped");

        var result = await ReadAsync(response);

        result.Outcome.Should().Be(PushOutcome.Rejected);
        result.Error!.Message.Should().Be("Ttl value conflicts with X-WNS-Cache-Policy (WNS status: dropped)");
    }

    [Fact]
    public async Task ReadAsync_WnsThrottling406_IsRateLimited()
    {
        using var response = Reply(HttpStatusCode.NotAcceptable, "https://wns2-by3p.notify.windows.com/w/?token=abc", body: null);

        (await ReadAsync(response)).Outcome.Should().Be(PushOutcome.RateLimited);
    }

    [Fact]
    public async Task ReadAsync_AppleBadJwtToken_HintsAtTheSubject()
    {
        using var response = Reply(HttpStatusCode.Forbidden, "https://web.push.apple.com/QGx1c2Vy", """{"reason":"BadJwtToken"}""");

        var result = await ReadAsync(response);

        result.Outcome.Should().Be(PushOutcome.Unauthorized);
        result.Error!.Reason.Should().Be("BadJwtToken");
        result.Hint.Should().Contain("subject");
        result.ToString().Should().Contain("BadJwtToken").And.Contain("subject");
    }

    [Fact]
    public async Task ReadAsync_FcmSenderMismatch_SaysTheSubscriptionHasAnotherKey()
    {
        using var response = Reply(HttpStatusCode.Forbidden, "https://fcm.googleapis.com/fcm/send/abc", "the key in the authorization header does not correspond to the sender ID used to subscribe this user. Please ensure you are using the correct sender ID and server Key from the Firebase console.");

        var result = await ReadAsync(response);

        result.Outcome.Should().Be(PushOutcome.Unauthorized);
        result.Hint.Should().Contain("another applicationServerKey");
    }

    [Fact]
    public async Task ReadAsync_PayloadTooLarge_SuggestsTheBridgedEndpointCap()
    {
        using var response = Reply(HttpStatusCode.RequestEntityTooLarge, "https://updates.push.services.mozilla.com/wpush/v2/abc", """{"code":413,"errno":104,"error":"Payload Too Large"}""");

        var result = await ReadAsync(response);

        result.Outcome.Should().Be(PushOutcome.PayloadTooLarge);
        result.Hint.Should().Contain("MaxPlaintextLength").And.Contain("2744");
    }

    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    [InlineData(202)]
    public async Task ReadAsync_MozillaSuccess_IsDelivered(int status)
    {
        // Firefox on Android has been answered 200 instead of 201.
        using var response = Reply((HttpStatusCode)status, "https://updates.push.services.mozilla.com/wpush/v2/abc", body: null);

        var result = await ReadAsync(response);

        result.Outcome.Should().Be(PushOutcome.Delivered);
        result.Hint.Should().BeNull();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(1000)]
    public async Task Create_PadToLength_EveryBodyHasTheSameLength(int payloadLength)
    {
        var message = new PushMessage(new byte[payloadLength]) { PadToLength = 1000 };

        using var request = Create("https://fcm.googleapis.com/fcm/send/abc", message);

        var body = await request.Content!.ReadAsByteArrayAsync();
        body.Length.Should().Be(WebPushEncryption.GetEncryptedLength(1000));
        WebPushEncryption.Decrypt(Some.Receiver, new EncryptedPayload(ContentEncoding.Aes128Gcm, body)).Length.Should().Be(payloadLength);
    }

    [Fact]
    public async Task SendAsync_PayloadLongerThanPadToLength_ThrowsNamingIt()
    {
        using var client = new WebPushClient(new HttpClient(), s_vapid);

        var act = () => client.SendAsync(Subscription("https://fcm.googleapis.com/fcm/send/abc"), new PushMessage(new byte[20]) { PadToLength = 10 });

        (await act.Should().ThrowAsync<ArgumentException>().WithParameterName("PadToLength")).Which.Message.Should().Contain("got 20 bytes");
    }

    [Fact]
    public async Task SendAsync_PadToLengthAndPaddingLength_ThrowsNamingBoth()
    {
        using var client = new WebPushClient(new HttpClient(), s_vapid);

        var act = () => client.SendAsync(Subscription("https://fcm.googleapis.com/fcm/send/abc"), new PushMessage("hi") { PadToLength = 10, PaddingLength = 3 });

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("PadToLength 10").And.Contain("PaddingLength 3");
    }

    [Fact]
    public async Task SendAsync_OverMaxPlaintextLength_ThrowsBeforeSending()
    {
        using var client = new WebPushClient(new HttpClient(), s_vapid, new WebPushClientOptions { MaxPlaintextLength = 2744 });

        var act = () => client.SendAsync(Subscription("https://updates.push.services.mozilla.com/wpush/v2/abc"), new PushMessage(new byte[2745]));

        (await act.Should().ThrowAsync<ArgumentException>().WithParameterName("message")).Which.Message.Should().Contain("MaxPlaintextLength (2744 bytes)");
    }

    [Fact]
    public void Ctor_MaxPlaintextLengthOutOfRange_Throws()
    {
        var act = () => new WebPushClient(new HttpClient(), s_vapid, new WebPushClientOptions { MaxPlaintextLength = 5000 });

        act.Should().Throw<ArgumentException>().WithParameterName("options").Which.Message.Should().Contain("MaxPlaintextLength");
    }

    private static HttpRequestMessage Create(string endpoint, PushMessage message) => PushRequestFactory.Create(Subscription(endpoint), message, s_vapid);

    private static PushSubscription Subscription(string endpoint) => new(new Uri(endpoint), Some.Receiver.SubscriptionKeys);

    private static HttpResponseMessage Reply(HttpStatusCode status, string endpoint, string? body)
    {
        var response = new HttpResponseMessage(status) { RequestMessage = new HttpRequestMessage(HttpMethod.Post, endpoint) };
        if (body is not null)
        {
            response.Content = new StringContent(body, Encoding.UTF8, body.StartsWith('{') ? "application/json" : "text/plain");
        }

        return response;
    }

    private static Task<PushResult> ReadAsync(HttpResponseMessage response) =>
        PushResponseReader.ReadAsync(Subscription(response.RequestMessage!.RequestUri!.AbsoluteUri), response, TimeProvider.System, CancellationToken.None, CancellationToken.None);
}
