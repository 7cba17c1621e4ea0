using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.Testing;
using Xunit;

namespace Pushwright.IntegrationTests.Transport;

public sealed partial class WebPushClientTests
{
    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_DroppedConnection_ReturnsNetworkError(bool http2)
    {
        using var http = CreateHttpClient(http2);
        var sut = CreateSut(http);
        var subscription = _fixture.CreateSubscription(http2);
        Service.Reply(subscription, FakeReply.Reset());

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.NetworkError, result.ToString());
        result.StatusCode.Should().BeNull();
        result.Exception.Should().NotBeNull();
        result.IsSubscriptionGone.Should().BeFalse();
        Service.RequestsTo(subscription).Should().ContainSingle().Which.Reply.Should().Be("connection reset");

        // The client recovers: the next message goes through on a new connection (or stream).
        Service.Reply(subscription, FakeReply.Created());
        (await sut.SendAsync(subscription, new PushMessage("again"))).Outcome.Should().Be(PushOutcome.Delivered);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_SlowReplyBeyondHttpClientTimeout_ReturnsNetworkError(bool http2)
    {
        using var http = CreateHttpClient(http2, TimeSpan.FromMilliseconds(300));
        var sut = CreateSut(http);
        var subscription = _fixture.CreateSubscription(http2);
        Service.Reply(subscription, FakeReply.Created().After(TimeSpan.FromSeconds(20)));
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
        var subscription = _fixture.CreateSubscription(http2);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var send = () => sut.SendAsync(subscription, new PushMessage("hello"), cancellation.Token);

        await send.Should().ThrowAsync<OperationCanceledException>();
        Service.RequestsTo(subscription).Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_TokenCancelledDuringSlowReply_ThrowsPromptly(bool http2)
    {
        using var http = CreateHttpClient(http2);
        var removals = new RecordingRemovalHandler();
        var sut = CreateSut(http, o => o.RemovalHandlers.Add(removals));
        var subscription = _fixture.CreateSubscription(http2);
        Service.Reply(subscription, FakeReply.Created().After(TimeSpan.FromSeconds(20)));
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
        request.Reply.Should().StartWith("the sender gave up");
    }
}
