using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using Pushwright.Testing;
using Xunit;

namespace Pushwright.Tests.Sending;

/// <summary>
/// The faults of a broken push service, in memory on both assets and on a fake clock: stalled and
/// cut error bodies, malformed headers, invalid UTF-16 in error bodies, resets and silence. Each
/// send gives exactly one result, the status's outcome once the status arrived, the removal once
/// for a gone status, and ends within its deadline (the error-body read, or SendTimeout) as the
/// fake clock counts it. The same faults on real sockets: tests/Pushwright.IntegrationTests/Faults.
/// </summary>
public sealed class ReplyFaultTests
{
    private static readonly VapidKeys s_keys = VapidKeys.Generate();
    private readonly FakeTimeProvider _clock = new();
    private readonly FakePushService _service;
    private readonly List<PushSubscription> _removed = [];

    public ReplyFaultTests() => _service = new FakePushService(new FakePushServiceOptions { TimeProvider = _clock });

    [Theory]
    [InlineData(410, PushOutcome.SubscriptionGone)]
    [InlineData(500, PushOutcome.ServerError)]
    public async Task SendAsync_StalledErrorBody_EndsAfterTheBodyDeadlineWithTheStatusOutcome(int status, PushOutcome expected)
    {
        var browser = _service.Subscribe(s_keys.PublicKey);
        _service.Reply(browser.Subscription, FakeReply.Status(status).WithBody(new string('x', 1000), "text/plain").WithStalledBody(10));
        using var client = Client();

        var sending = client.SendAsync(browser.Subscription, new PushMessage("hi"));
        await WaitForRequestAsync();
        sending.IsCompleted.Should().BeFalse("the body is stalled");
        _clock.Advance(TimeSpan.FromSeconds(2));
        var result = await sending;

        result.Outcome.Should().Be(expected);
        result.Error!.Message.Should().Be("xxxxxxxxxx", "what arrived before the stall is kept");
        _removed.Should().HaveCount(expected == PushOutcome.SubscriptionGone ? 1 : 0);
    }

    [Fact]
    public async Task SendAsync_CutErrorBody_KeepsTheGoneOutcomeAndTheRemoval()
    {
        var browser = _service.Subscribe(s_keys.PublicKey);
        _service.Reply(browser.Subscription, FakeReply.Status(410).WithBody(new string('x', 1000), "text/plain").WithCutBody(10));
        using var client = Client();

        var result = await client.SendAsync(browser.Subscription, new PushMessage("hi"));

        result.Outcome.Should().Be(PushOutcome.SubscriptionGone);
        _removed.Should().ContainSingle();
    }

    [Theory]
    [InlineData("Location", "//[")]
    [InlineData("TTL", "forever")]
    [InlineData("Retry-After", "soon-ish")]
    public async Task SendAsync_MalformedHeaderOnDelivery_IsDeliveredWithoutIt(string name, string value)
    {
        var browser = _service.Subscribe(s_keys.PublicKey);
        _service.Reply(browser.Subscription, FakeReply.Created().WithHeader(name, value));
        using var client = Client();

        var result = await client.SendAsync(browser.Subscription, new PushMessage("hi"));

        result.Outcome.Should().Be(PushOutcome.Delivered);
        (name switch { "Location" => (object?)result.MessageLocation, "TTL" => result.GrantedTimeToLive, _ => result.RetryAfter }).Should().BeNull();
    }

    [Fact]
    public async Task SendAsync_ErrorBodyWithInvalidUtf8AndUtf16_KeepsTheGoneOutcome()
    {
        var browser = _service.Subscribe(s_keys.PublicKey);
        byte[] body = [.. "{\"errno\":106,\"message\":\"bad \\ud800 \""u8, 0xff, 0xfe, .. "\"}"u8];
        _service.Reply(browser.Subscription, FakeReply.Status(410).WithBody(body, "application/json"));
        using var client = Client();

        var result = await client.SendAsync(browser.Subscription, new PushMessage("hi"));

        result.Outcome.Should().Be(PushOutcome.SubscriptionGone);
        _removed.Should().ContainSingle();
    }

    [Fact]
    public async Task SendAsync_ResetBeforeTheHeaders_IsANetworkError()
    {
        var browser = _service.Subscribe(s_keys.PublicKey);
        _service.Reply(browser.Subscription, FakeReply.Reset());
        using var client = Client();

        (await client.SendAsync(browser.Subscription, new PushMessage("hi"))).Outcome.Should().Be(PushOutcome.NetworkError);
    }

    [Fact]
    public async Task SendAsync_AcceptedAndNeverAnswered_EndsAtSendTimeout()
    {
        var browser = _service.Subscribe(s_keys.PublicKey);
        _service.Reply(browser.Subscription, FakeReply.Hang());
        using var client = Client(TimeSpan.FromSeconds(10));

        var sending = client.SendAsync(browser.Subscription, new PushMessage("hi"));
        await WaitForRequestAsync();
        _clock.Advance(TimeSpan.FromSeconds(10));
        var result = await sending;

        result.Outcome.Should().Be(PushOutcome.NetworkError);
        result.Exception.Should().BeAssignableTo<OperationCanceledException>();
    }

    [Fact]
    public async Task SendManyAsync_MixOfFaults_YieldsExactlyOneResultEachAndRemovesTheGoneOnce()
    {
        var subscriptions = Enumerable.Range(0, 60).Select(_ => _service.Subscribe(s_keys.PublicKey).Subscription).ToList();
        for (var i = 0; i < subscriptions.Count; i++)
        {
            _service.Reply(subscriptions[i], (i % 6) switch
            {
                0 => FakeReply.Status(410).WithCutBody(3),
                1 => FakeReply.Reset(),
                2 => FakeReply.Created().WithHeader("Location", "//["),
                3 => FakeReply.Status(503),
                4 => FakeReply.Status(404),
                _ => FakeReply.Created(),
            });
        }

        using var client = Client();
        var results = new List<PushResult>();
        await foreach (var result in client.SendManyAsync(subscriptions, new PushMessage("hi")))
        {
            results.Add(result);
        }

        results.Select(r => r.Subscription).Should().BeEquivalentTo(subscriptions);
        results.Count(r => r.IsSubscriptionGone).Should().Be(20);
        _removed.Should().HaveCount(20).And.OnlyHaveUniqueItems();
        results.Count(r => r.IsDelivered).Should().Be(20);
    }

    private async Task WaitForRequestAsync()
    {
        for (var i = 0; i < 500 && _service.Requests.Count == 0; i++)
        {
            await Task.Delay(10);
        }

        // Let the client reach the point where it waits on the fake clock.
        await Task.Delay(50);
    }

    private WebPushClient Client(TimeSpan? sendTimeout = null)
    {
        var options = new WebPushClientOptions { TimeProvider = _clock, SendTimeout = sendTimeout ?? TimeSpan.FromSeconds(90) };
        options.RemovalHandlers.Add(new Recorder(_removed));
        return new WebPushClient(_service.CreateHttpClient(), new VapidDetails("mailto:ops@example.com", s_keys, VapidDetails.DefaultTokenLifetime, _clock), options);
    }

    private sealed class Recorder(List<PushSubscription> removed) : ISubscriptionRemovalHandler
    {
        public Task OnSubscriptionRemovedAsync(PushResult result, CancellationToken cancellationToken)
        {
            lock (removed)
            {
                removed.Add(result.Subscription);
            }

            return Task.CompletedTask;
        }
    }
}
