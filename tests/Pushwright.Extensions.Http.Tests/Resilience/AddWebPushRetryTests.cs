using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pushwright.Testing;
using Xunit;

namespace Pushwright.Extensions.Http.Tests.Resilience;

/// <summary>
/// AddWebPush()'s whole pipeline (Polly v8 retries, Retry-After, the caps) against the in-memory
/// push service of Pushwright.Testing on a fake clock: the waits are exact and cost no real time.
/// Over real sockets the stack is tested in Pushwright.IntegrationTests.
/// </summary>
public sealed class AddWebPushRetryTests : IAsyncDisposable
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(s_start);
    private readonly FakePushService _service;
    private readonly VapidKeys _keys = VapidKeys.Generate();
    private readonly ServiceProvider _provider;
    private readonly FakeSubscription _browser;

    public AddWebPushRetryTests()
    {
        _service = new FakePushService(new FakePushServiceOptions { TimeProvider = _clock });
        _browser = _service.Subscribe(_keys.PublicKey);
        var services = new ServiceCollection().AddSingleton<TimeProvider>(_clock).AddFakePushService(_service);
        services.AddWebPush(o =>
        {
            o.Subject = "mailto:tests@example.com";
            o.PublicKey = _keys.PublicKeyBase64Url;
            o.PrivateKey = _keys.ExportPrivateKeyBase64Url();
            o.Resilience.UseJitter = false;
        });
        _provider = services.BuildServiceProvider();
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SendAsync_429WithRetryAfterWithinTheCap_WaitsExactlyThatLongThenDelivers(bool asDate)
    {
        var limited = FakeReply.Status(429);
        _service.Reply(_browser.Subscription, asDate ? limited.WithRetryAfterDate(TimeSpan.FromSeconds(20)) : limited.WithRetryAfter(TimeSpan.FromSeconds(20)), FakeReply.Created());

        var result = await SendAsync();

        result.IsDelivered.Should().BeTrue(result.ToString());
        var requests = _service.RequestsTo(_browser.Subscription);
        requests.Select(r => r.StatusCode).Should().Equal(429, 201);
        // The clock moves in whole seconds while the test waits, so the retry lands within one step of the wait.
        (requests[1].ReceivedAt - requests[0].ReceivedAt).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(20), "Retry-After is honoured, not the backoff")
            .And.BeLessThan(TimeSpan.FromSeconds(22));
    }

    [Theory]
    [InlineData(429, false)]
    [InlineData(429, true)]
    [InlineData(503, false)]
    public async Task SendAsync_RetryAfterBeyondTheCap_ReturnsAtOnceWithIt(int status, bool asDate)
    {
        var limited = FakeReply.Status(status);
        _service.Reply(_browser.Subscription, asDate ? limited.WithRetryAfterDate(TimeSpan.FromMinutes(2)) : limited.WithRetryAfter(TimeSpan.FromMinutes(2)), FakeReply.Created());

        var result = await SendAsync();

        result.StatusCode.Should().Be((HttpStatusCode)status);
        result.RetryAfter.Should().Be(TimeSpan.FromMinutes(2));
        _service.RequestsTo(_browser.Subscription).Should().ContainSingle();
        (_clock.GetUtcNow() - s_start).Should().BeLessThan(TimeSpan.FromMinutes(2), "the two minutes were not waited for");
    }

    [Fact]
    public async Task SendAsync_5xxAndResets_RetriedWithBackoffUntilDelivered()
    {
        _service.Reply(_browser.Subscription, FakeReply.Status(500), FakeReply.Reset(), FakeReply.Status(503), FakeReply.Created());

        var result = await SendAsync();

        result.IsDelivered.Should().BeTrue(result.ToString());
        var requests = _service.RequestsTo(_browser.Subscription);
        requests.Should().HaveCount(4);
        requests.Select(r => Convert.ToBase64String(r.Body.ToArray())).Distinct().Should().ContainSingle("the message is encrypted once and resent as is");
        (requests[1].ReceivedAt - requests[0].ReceivedAt).Should().BeGreaterThan(TimeSpan.Zero);
        (requests[3].ReceivedAt - requests[2].ReceivedAt).Should().BeGreaterThan(requests[1].ReceivedAt - requests[0].ReceivedAt, "the backoff grows");
    }

    [Fact]
    public async Task SendAsync_ServiceErrorsBeyondMaxRetryAttempts_ReturnsTheLastOne()
    {
        _service.Reply(_browser.Subscription, FakeReply.Status(503));

        var result = await SendAsync();

        result.Outcome.Should().Be(PushOutcome.ServerError);
        _service.RequestsTo(_browser.Subscription).Should().HaveCount(1 + new WebPushResilienceOptions().MaxRetryAttempts);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(410)]
    [InlineData(413)]
    public async Task SendAsync_FinalStatus_NeverRetried(int status)
    {
        _service.Reply(_browser.Subscription, FakeReply.Status(status), FakeReply.Created());

        var result = await SendAsync();

        result.StatusCode.Should().Be((HttpStatusCode)status);
        _service.RequestsTo(_browser.Subscription).Should().ContainSingle();
    }

    /// <summary>Sends, moving the fake clock a second at a time until the pipeline has finished waiting.</summary>
    private async Task<PushResult> SendAsync()
    {
        var sending = _provider.GetRequiredService<WebPushClient>().SendAsync(_browser.Subscription, new PushMessage("retry me"));
        for (var i = 0; !sending.IsCompleted && i < 10_000; i++)
        {
            await Task.Delay(1);
            if (!sending.IsCompleted)
            {
                _clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        return await sending;
    }
}
