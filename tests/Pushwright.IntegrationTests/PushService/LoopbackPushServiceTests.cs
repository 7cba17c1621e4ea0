// The loopback push service is only useful if it refuses what a real one refuses: these tests
// send it broken requests and check that the library maps its refusals as expected.
using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using Pushwright.Encryption;
using Pushwright.IntegrationTests.Transport;
using Xunit;

namespace Pushwright.IntegrationTests.PushService;

public sealed class LoopbackPushServiceTests : IClassFixture<LoopbackPushServiceFixture>
{
    private const string Subject = "mailto:integration-tests@example.com";

    private readonly LoopbackPushServiceFixture _fixture;

    public LoopbackPushServiceTests(LoopbackPushServiceFixture fixture) => _fixture = fixture;

    private LoopbackPushService Service => _fixture.Service;

    [Fact]
    public async Task StartAsync_TwoListeners_SpeakOneProtocolEach()
    {
        Service.Http1Origin.Port.Should().NotBe(Service.Http2Origin.Port);
        using var http1 = WebPushClientTests.CreateHttpClient(http2: false);
        using var http2 = WebPushClientTests.CreateHttpClient(http2: true);

        // HTTP/2 prior knowledge against the HTTP/1.1-only listener fails; HTTP/1.1 against the
        // HTTP/2-only listener gets Kestrel's own 400, never the application.
        var wrong = () => http2.GetAsync(new Uri(Service.Http1Origin, "/push/wrong-protocol"));
        await wrong.Should().ThrowAsync<HttpRequestException>();
        using var refused = await http1.GetAsync(new Uri(Service.Http2Origin, "/push/wrong-protocol"));
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("HTTP/2");
        Service.Requests.Should().NotContain(r => r.Path == "/push/wrong-protocol");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Post_UnknownSubscription_Is404WithErrno102(bool http2)
    {
        using var http = WebPushClientTests.CreateHttpClient(http2);
        var origin = http2 ? Service.Http2Origin : Service.Http1Origin;
        var sut = CreateClient(http, _fixture.Vapid);
        var unknown = new PushSubscription(new Uri(origin, "/push/nobody"), UserAgentKeys.Generate().SubscriptionKeys);

        var result = await sut.SendAsync(unknown, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.SubscriptionGone);
        result.StatusCode.Should().Be(HttpStatusCode.NotFound);
        result.Error!.Errno.Should().Be(102);
    }

    [Fact]
    public async Task Post_Unsubscribed_Is410()
    {
        using var http = WebPushClientTests.CreateHttpClient(http2: false);
        var sut = CreateClient(http, _fixture.Vapid);
        var subscription = Service.CreateSubscription();
        Service.Unsubscribe(subscription);

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.StatusCode.Should().Be(HttpStatusCode.Gone);
        result.Error!.Errno.Should().Be(106);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Post_OtherVapidKey_Is403KeyMismatch(bool http2)
    {
        using var http = WebPushClientTests.CreateHttpClient(http2);
        var sut = CreateClient(http, new VapidDetails(Subject, VapidKeys.Generate()));
        var subscription = Service.CreateSubscription(http2);

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Unauthorized);
        result.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        result.Error!.Errno.Should().Be(109);
        result.Error.Message.Should().Contain("mismatch");
        Service.RequestsFor(subscription).Single().Vapid.Should().BeNull();
    }

    [Fact]
    public async Task Post_SecondAcceptedKey_IsVerifiedAgainstThatKey()
    {
        var other = VapidKeys.Generate();
        await using var service = await LoopbackPushService.StartAsync(_fixture.VapidKeys.PublicKeyBase64Url, other.PublicKeyBase64Url);
        using var http = WebPushClientTests.CreateHttpClient(http2: false);
        var subscription = service.CreateSubscription(applicationServerKey: other.PublicKeyBase64Url);

        var withOther = await CreateClient(http, new VapidDetails(Subject, other)).SendAsync(subscription, new PushMessage("hello"));
        var withFirst = await CreateClient(http, _fixture.Vapid).SendAsync(subscription, new PushMessage("hello"));

        withOther.Outcome.Should().Be(PushOutcome.Delivered, withOther.ToString());
        withFirst.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Post_ExpiredVapidToken_Is401()
    {
        using var http = WebPushClientTests.CreateHttpClient(http2: false);
        var past = new FakeTimeProvider(TimeProvider.System.GetUtcNow().AddDays(-2));
        var sut = CreateClient(http, new VapidDetails(Subject, _fixture.VapidKeys, VapidDetails.DefaultTokenLifetime, past));
        var subscription = Service.CreateSubscription();

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        result.Error!.Message.Should().Contain("expired");
    }

    [Fact]
    public async Task Post_VapidTokenTooFarAhead_Is401()
    {
        using var http = WebPushClientTests.CreateHttpClient(http2: false);
        var future = new FakeTimeProvider(TimeProvider.System.GetUtcNow().AddHours(1));
        var sut = CreateClient(http, new VapidDetails(Subject, _fixture.VapidKeys, VapidDetails.MaxTokenLifetime, future));
        var subscription = Service.CreateSubscription();

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        result.Error!.Message.Should().Contain("more than 24 hours");
    }

    [Fact]
    public async Task Post_TokenForAnotherOrigin_Is401()
    {
        // Sign for the HTTP/1.1 origin, then deliver the same request to the HTTP/2 origin.
        using var http = WebPushClientTests.CreateHttpClient(http2: true);
        var sut = CreateClient(http, _fixture.Vapid);
        var subscription = Service.CreateSubscription(http2: false);
        using var request = sut.CreateRequest(subscription, new PushMessage("hello"));
        request.RequestUri = new Uri(Service.Http2Origin, subscription.Endpoint.AbsolutePath);

        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"errno\":109");
        Service.RequestsFor(subscription).Single().Rejection.Should().Contain("Audience");
    }

    [Fact]
    public async Task Post_MissingTtl_Is400WithErrno111()
    {
        using var http = WebPushClientTests.CreateHttpClient(http2: false);
        var sut = CreateClient(http, _fixture.Vapid);
        var subscription = Service.CreateSubscription();
        using var request = sut.CreateRequest(subscription, new PushMessage("hello"));
        request.Headers.Remove("TTL");

        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"errno\":111");
    }

    [Fact]
    public async Task Post_MissingAuthorization_Is401()
    {
        using var http = WebPushClientTests.CreateHttpClient(http2: false);
        var sut = CreateClient(http, _fixture.Vapid);
        var subscription = Service.CreateSubscription();
        using var request = sut.CreateRequest(subscription, new PushMessage("hello"));
        request.Headers.Remove("Authorization");

        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Post_TamperedSignature_Is401()
    {
        using var http = WebPushClientTests.CreateHttpClient(http2: false);
        var sut = CreateClient(http, _fixture.Vapid);
        var subscription = Service.CreateSubscription();
        using var request = sut.CreateRequest(subscription, new PushMessage("hello"));
        var authorization = request.Headers.GetValues("Authorization").Single();
        var t = authorization.IndexOf(", k=", StringComparison.Ordinal);
        var tampered = authorization[..(t - 2)] + (authorization[t - 2] == 'A' ? 'B' : 'A') + authorization[(t - 1)..];
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", tampered);

        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        Service.RequestsFor(subscription).Single().Rejection.Should().Contain("Invalid VAPID token");
    }

    [Theory]
    [InlineData(ContentEncoding.Aes128Gcm)]
    [InlineData(ContentEncoding.AesGcm)]
    public async Task Post_TamperedCiphertext_Is400AndRejected(ContentEncoding encoding)
    {
        using var http = WebPushClientTests.CreateHttpClient(http2: false);
        var sut = CreateClient(http, _fixture.Vapid);
        var subscription = Service.CreateSubscription();
        using var request = sut.CreateRequest(subscription, new PushMessage("hello") { ContentEncoding = encoding });
        var body = await request.Content!.ReadAsByteArrayAsync();
        body[^1] ^= 1;
        var content = new ByteArrayContent(body);
        foreach (var header in request.Content.Headers)
        {
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        request.Content = content;

        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"errno\":110");
        var received = Service.RequestsFor(subscription).Single();
        received.Rejection.Should().Contain(nameof(DecryptionError.AuthenticationFailed));
        received.Plaintext.Should().BeNull();
        received.Vapid.Should().NotBeNull();
    }

    [Fact]
    public async Task Post_SubscriptionForOtherBrowserKeys_Is400()
    {
        // The sender encrypts to keys the browser does not hold.
        using var http = WebPushClientTests.CreateHttpClient(http2: false);
        var sut = CreateClient(http, _fixture.Vapid);
        var real = Service.CreateSubscription();
        var wrongKeys = new PushSubscription(real.Endpoint, UserAgentKeys.Generate().SubscriptionKeys);

        var result = await sut.SendAsync(wrongKeys, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Rejected);
        result.Error!.Errno.Should().Be(110);
    }

    [Fact]
    public async Task ReplyNext_NextRequests_UseEachStepOnceThenScript()
    {
        using var http = WebPushClientTests.CreateHttpClient(http2: false);
        await using var service = await LoopbackPushService.StartAsync(_fixture.VapidKeys.PublicKeyBase64Url);
        var sut = CreateClient(http, _fixture.Vapid);
        var subscription = service.CreateSubscription();
        service.Reply(subscription, ReplyStep.InternalServerError(), ReplyStep.Accepted());
        service.ReplyNext(ReplyStep.Gone(), ReplyStep.PayloadTooLarge());

        var statuses = new int?[5];
        for (var i = 0; i < statuses.Length; i++)
        {
            statuses[i] = (int?)(await sut.SendAsync(subscription, new PushMessage("hello"))).StatusCode;
        }

        statuses.Should().Equal(410, 413, 500, 202, 202);
        service.Requests.Select(r => r.Sequence).Should().Equal(1, 2, 3, 4, 5);
    }

    private static WebPushClient CreateClient(HttpClient http, VapidDetails vapid) =>
        new(http, vapid, new WebPushClientOptions { AllowHttpEndpoints = true });
}
