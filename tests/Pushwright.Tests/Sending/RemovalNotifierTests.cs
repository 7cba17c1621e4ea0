using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.Sending;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.Tests.Sending;

/// <summary>Every removal handler and then the event, once each, even when one throws.</summary>
public sealed class RemovalNotifierTests
{
    private static readonly PushResult s_gone = new(new PushSubscription(new Uri("https://push.example.net/x"), Some.Receiver.SubscriptionKeys), PushOutcome.SubscriptionGone);

    [Fact]
    public async Task NotifyAsync_AllSucceed_CallsEachOnceThenTheEventAndReturnsNoFailure()
    {
        var calls = new List<string>();
        var sut = new RemovalNotifier([new Handler("a", calls), new Handler("b", calls)]);

        var failures = await sut.NotifyAsync(s_gone, _ => calls.Add("event"), CancellationToken.None);

        failures.Should().BeNull();
        calls.Should().Equal("a", "b", "event");
    }

    [Fact]
    public async Task NotifyAsync_OneHandlerAndTheEventThrow_StillRunsTheRestAndReturnsBothFailures()
    {
        var calls = new List<string>();
        var sut = new RemovalNotifier([new Handler("a", calls, fail: true), new Handler("b", calls)]);

        var failures = await sut.NotifyAsync(s_gone, _ => throw new InvalidOperationException("event"), CancellationToken.None);

        calls.Should().Equal("a", "b");
        failures.Should().HaveCount(2);
    }

    [Fact]
    public async Task NotifyAsync_CallerCancels_LetsTheCancellationThrough()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();
        var sut = new RemovalNotifier([new CancellingHandler()]);

        var act = () => sut.NotifyAsync(s_gone, _ => { }, cancellation.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    private sealed class Handler(string name, List<string> calls, bool fail = false) : ISubscriptionRemovalHandler
    {
        public Task OnSubscriptionRemovedAsync(PushResult result, CancellationToken cancellationToken)
        {
            calls.Add(name);
            return fail ? Task.FromException(new InvalidOperationException(name)) : Task.CompletedTask;
        }
    }

    private sealed class CancellingHandler : ISubscriptionRemovalHandler
    {
        public Task OnSubscriptionRemovedAsync(PushResult result, CancellationToken cancellationToken) => Task.FromCanceled(cancellationToken);
    }
}
