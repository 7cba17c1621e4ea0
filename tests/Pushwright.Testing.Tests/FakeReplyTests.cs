using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using Pushwright.Testing.Tests.Support;
using Xunit;

namespace Pushwright.Testing.Tests;

/// <summary>Scripted replies and faults, per subscription and for all, as the WebPushClient sees them.</summary>
public sealed class FakeReplyTests
{
    private readonly FakeTimeProvider _clock = new(Some.Now);
    private readonly FakePushService _service;
    private readonly VapidDetails _vapid;

    public FakeReplyTests()
    {
        _service = new FakePushService(new FakePushServiceOptions { TimeProvider = _clock });
        _vapid = Some.Vapid(_clock);
    }

    [Fact]
    public async Task Reply_StatusSequence_UsedInOrderAndTheLastRepeats()
    {
        var browser = Subscribe();
        _service.Reply(browser.Subscription, FakeReply.Status(503), FakeReply.Status(503), FakeReply.Created());
        using var client = CreateClient();

        var outcomes = new PushOutcome[4];
        for (var i = 0; i < outcomes.Length; i++)
        {
            outcomes[i] = (await client.SendAsync(browser.Subscription, Some.Message())).Outcome;
        }

        outcomes.Should().Equal(PushOutcome.ServerError, PushOutcome.ServerError, PushOutcome.Delivered, PushOutcome.Delivered);
        _service.DeliveriesTo(browser.Subscription).Should().HaveCount(2);
    }

    [Fact]
    public async Task ReplyToAll_EachSubscriptionWalksTheScriptOnItsOwn_AndItsOwnScriptWins()
    {
        var first = Subscribe();
        var second = Subscribe();
        var own = Subscribe();
        _service.ReplyToAll(FakeReply.Status(500), FakeReply.Created());
        _service.Reply(own.Subscription, FakeReply.Status(404));
        using var client = CreateClient();

        (await client.SendAsync(first.Subscription, Some.Message())).Outcome.Should().Be(PushOutcome.ServerError);
        (await client.SendAsync(second.Subscription, Some.Message())).Outcome.Should().Be(PushOutcome.ServerError);
        (await client.SendAsync(first.Subscription, Some.Message())).Outcome.Should().Be(PushOutcome.Delivered);
        (await client.SendAsync(own.Subscription, Some.Message())).Outcome.Should().Be(PushOutcome.SubscriptionGone);
    }

    [Fact]
    public async Task Remove_ThenSend_GoneOnceAndTheRemovalHandlerRuns()
    {
        var browser = Subscribe();
        var removed = new RemovalRecorder();
        var options = new WebPushClientOptions { TimeProvider = _clock };
        options.RemovalHandlers.Add(removed);
        using var client = new WebPushClient(_service.CreateHttpClient(), _vapid, options);
        _service.Remove(browser.Subscription);

        var result = await client.SendAsync(browser.Subscription, Some.Message());

        result.Outcome.Should().Be(PushOutcome.SubscriptionGone);
        result.StatusCode.Should().Be(HttpStatusCode.Gone);
        result.Error!.Errno.Should().Be(106);
        removed.Results.Should().ContainSingle().Which.Subscription.Should().BeSameAs(browser.Subscription);
    }

    [Fact]
    public async Task WithRetryAfter_SecondsAndHttpDate_ReadAsTheSameWait()
    {
        var seconds = Subscribe();
        var date = Subscribe();
        _service.Reply(seconds.Subscription, FakeReply.Status(429).WithRetryAfter(TimeSpan.FromSeconds(30)));
        _service.Reply(date.Subscription, FakeReply.Status(429).WithRetryAfterDate(TimeSpan.FromSeconds(30)));
        using var client = CreateClient();

        var bySeconds = await client.SendAsync(seconds.Subscription, Some.Message());
        var byDate = await client.SendAsync(date.Subscription, Some.Message());

        bySeconds.Outcome.Should().Be(PushOutcome.RateLimited);
        bySeconds.RetryAfter.Should().Be(TimeSpan.FromSeconds(30));
        byDate.Outcome.Should().Be(PushOutcome.RateLimited);
        byDate.ResponseHeaders["Retry-After"].Single().Should().Be(Some.Now.AddSeconds(30).ToString("r", System.Globalization.CultureInfo.InvariantCulture));
        byDate.RetryAfter.Should().Be(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task After_Delay_WaitsOnTheServiceClock()
    {
        var browser = Subscribe();
        // Within the client's SendTimeout (90 s), which runs on the same clock.
        _service.Reply(browser.Subscription, FakeReply.Created().After(TimeSpan.FromMinutes(1)));
        using var client = CreateClient();

        var sending = client.SendAsync(browser.Subscription, Some.Message());
        await WaitUntilAsync(() => _service.Requests.Count == 1);
        sending.IsCompleted.Should().BeFalse();
        _service.Requests.Single().Reply.Should().StartWith("waiting");
        _clock.Advance(TimeSpan.FromMinutes(1));

        (await sending).IsDelivered.Should().BeTrue();
    }

    [Fact]
    public async Task Reset_Send_NetworkErrorWithTheHttpRequestException()
    {
        var browser = Subscribe();
        _service.Reply(browser.Subscription, FakeReply.Reset());
        using var client = CreateClient();

        var result = await client.SendAsync(browser.Subscription, Some.Message());

        result.Outcome.Should().Be(PushOutcome.NetworkError);
        result.Exception.Should().BeOfType<HttpRequestException>().Which.InnerException.Should().BeOfType<IOException>();
        _service.Requests.Single().Reply.Should().Be("connection reset");
        _service.Deliveries.Should().BeEmpty();
    }

    [Fact]
    public async Task Throw_AnyException_ThrownFromTheHandler()
    {
        var browser = Subscribe();
        var socket = new SocketException((int)SocketError.NotConnected);
        _service.Reply(browser.Subscription, FakeReply.Throw(socket));
        using var request = Some.Request(browser, _vapid);
        using var http = _service.CreateHttpClient();

        (await http.Awaiting(h => h.SendAsync(request)).Should().ThrowAsync<SocketException>()).Which.Should().BeSameAs(socket);
    }

    [Fact]
    public async Task Hang_UntilCancelled_TheSendEndsWithTheToken()
    {
        var browser = Subscribe();
        _service.Reply(browser.Subscription, FakeReply.Hang());
        using var client = CreateClient();
        using var cancel = new CancellationTokenSource();

        var sending = client.SendAsync(browser.Subscription, Some.Message(), cancel.Token);
        await WaitUntilAsync(() => _service.Requests.Count == 1);
        sending.IsCompleted.Should().BeFalse();
        _service.MaxConcurrentRequests.Should().Be(1);
        cancel.Cancel();

        await sending.Awaiting(s => s).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task WithStalledBody_HeadersArriveThenTheBodyStallsUntilCancelled()
    {
        var browser = Subscribe();
        _service.Reply(browser.Subscription, FakeReply.Status(410).WithBody(new string('x', 1000), "text/plain").WithStalledBody(10));
        using var request = Some.Request(browser, _vapid);
        using var http = _service.CreateHttpClient();

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.Should().Be(HttpStatusCode.Gone);
        response.Content.Headers.ContentLength.Should().Be(1000);
        using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[100];
        (await body.ReadAsync(buffer)).Should().Be(10);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await body.Awaiting(b => b.ReadAsync(buffer, cancel.Token).AsTask()).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task WithCutBody_HeadersArriveThenTheReadThrowsIOException()
    {
        var browser = Subscribe();
        _service.Reply(browser.Subscription, FakeReply.Status(500).WithCutBody(5));
        using var request = Some.Request(browser, _vapid);
        using var http = _service.CreateHttpClient();

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        using var body = await response.Content.ReadAsStreamAsync();

        await body.Awaiting(b => b.CopyToAsync(Stream.Null)).Should().ThrowAsync<IOException>();
    }

    [Theory]
    [InlineData("Location", "//[")]
    [InlineData("TTL", "forever")]
    [InlineData("Retry-After", "soon-ish")]
    public async Task WithHeader_MalformedValue_SentAsIsReplacingTheServicesOwn(string name, string value)
    {
        var browser = Subscribe();
        _service.Reply(browser.Subscription, FakeReply.Created().WithHeader(name, value));
        using var request = Some.Request(browser, _vapid);
        using var http = _service.CreateHttpClient();

        using var response = await http.SendAsync(request);

        response.Headers.NonValidated[name].Should().ContainSingle().Which.Should().Be(value);
    }

    [Fact]
    public async Task WithBody_InvalidUtf8AndAnUnpairedSurrogate_SentAsGiven()
    {
        var browser = Subscribe();
        var invalidUtf8 = new byte[] { (byte)'{', 0xC3, 0x28, 0xFF, (byte)'}' };
        _service.Reply(browser.Subscription, FakeReply.Status(400).WithBody(invalidUtf8, "application/json"), FakeReply.Status(410).WithBody("""{"errno":100,"message":"bad \ud800 thing"}""", "application/json"));
        using var http = _service.CreateHttpClient();

        using (var first = Some.Request(browser, _vapid))
        using (var response = await http.SendAsync(first))
        {
            (await response.Content.ReadAsByteArrayAsync()).Should().Equal(invalidUtf8);
        }

        using var second = Some.Request(browser, _vapid);
        using var gone = await http.SendAsync(second);
        Encoding.UTF8.GetString(await gone.Content.ReadAsByteArrayAsync()).Should().Contain("\\ud800");
    }

    [Fact]
    public void Factories_InvalidArguments_Throw()
    {
        FluentActions.Invoking(() => FakeReply.Status(199)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("statusCode");
        FluentActions.Invoking(() => FakeReply.Created().After(TimeSpan.FromSeconds(-1))).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("delay");
        FluentActions.Invoking(() => FakeReply.Created().WithStalledBody(-1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("bytesBeforeStall");
        FluentActions.Invoking(() => FakeReply.Throw(null!)).Should().Throw<ArgumentNullException>().WithParameterName("exception");
        FluentActions.Invoking(() => _service.Reply(Subscribe().Subscription)).Should().Throw<ArgumentException>().WithParameterName("replies");
        var stranger = new FakePushService().Subscribe(_vapid.Keys.PublicKey);
        FluentActions.Invoking(() => _service.Remove(stranger.Subscription)).Should().Throw<ArgumentException>().WithParameterName("subscription");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(5, timeout.Token);
        }
    }

    private FakeSubscription Subscribe() => _service.Subscribe(_vapid.Keys.PublicKey);

    private WebPushClient CreateClient() => new(_service.CreateHttpClient(), _vapid, new WebPushClientOptions { TimeProvider = _clock });

    private sealed class RemovalRecorder : ISubscriptionRemovalHandler
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<PushResult> _results = new();

        public PushResult[] Results => _results.ToArray();

        public Task OnSubscriptionRemovedAsync(PushResult result, CancellationToken cancellationToken)
        {
            _results.Enqueue(result);
            return Task.CompletedTask;
        }
    }
}
