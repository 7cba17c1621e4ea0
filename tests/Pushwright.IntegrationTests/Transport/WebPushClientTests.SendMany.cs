using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.Testing;
using Pushwright.Tests.Sending;
using Xunit;

namespace Pushwright.IntegrationTests.Transport;

public sealed partial class WebPushClientTests
{
    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendAsync_SeveralMessages_ShareOneVapidToken(bool http2)
    {
        using var http = CreateHttpClient(http2);
        var sut = CreateSut(http);
        var first = _fixture.CreateSubscription(http2);
        var second = _fixture.CreateSubscription(http2);

        await sut.SendAsync(first, new PushMessage("one"));
        await sut.SendAsync(second, new PushMessage("two"));
        await sut.SendAsync(first, new PushMessage("three") { ContentEncoding = ContentEncoding.AesGcm });

        var requests = Service.RequestsTo(first).Concat(Service.RequestsTo(second)).ToArray();
        requests.Should().HaveCount(3).And.OnlyContain(r => r.Vapid != null);
        requests.Select(r => r.Vapid!.Token).Distinct().Should().ContainSingle("one token per audience, in both header forms");
        requests.Select(r => Convert.ToBase64String(r.Body.ToArray())).Distinct().Should().HaveCount(3, "every message has its own salt and key");
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendManyAsync_200Subscriptions_BoundedConcurrencySharedTokenAndGoneOnce(bool http2)
    {
        await using var loopback = await LoopbackPushService.StartAsync();
        var service = loopback.Service;
        using var http = CreateHttpClient(http2);
        var handler = new RecordingRemovalHandler();
        var sut = CreateSut(http, o =>
        {
            o.MaxConcurrency = 8;
            o.RemovalHandlers.Add(handler);
        });
        var events = new ConcurrentQueue<SubscriptionRemovedEventArgs>();
        sut.SubscriptionRemoved += (_, args) => events.Enqueue(args);
        var subscriptions = Enumerable.Range(0, 200).Select(_ => loopback.Subscribe(_fixture.VapidKeys.PublicKey, http2).Subscription).ToArray();
        var gone = new HashSet<PushSubscription>();
        for (var i = 0; i < subscriptions.Length; i++)
        {
            if (i % 10 == 3)
            {
                service.Reply(subscriptions[i], FakeReply.Status(410));
                gone.Add(subscriptions[i]);
            }
            else
            {
                // A little latency so that requests overlap and the bound is actually tested.
                service.Reply(subscriptions[i], FakeReply.Created().After(TimeSpan.FromMilliseconds(10)));
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
        requests.Should().HaveCount(200).And.OnlyContain(r => r.Rejection == null && r.Text == "to everyone");
        requests.Should().OnlyContain(r => r.HttpVersion == (http2 ? HttpVersion.Version20 : HttpVersion.Version11));
        requests.Select(r => r.Vapid!.Token).Distinct().Should().ContainSingle("the VAPID token is shared");
        requests.Select(r => r.Endpoint.AbsolutePath).Should().OnlyHaveUniqueItems();

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
        var subscription = _fixture.CreateSubscription();
        var copy = new PushSubscription(subscription.Endpoint, subscription.Keys);
        Service.Reply(subscription, FakeReply.Status(410));

        var results = await CollectAsync(sut.SendManyAsync([subscription, copy], new PushMessage("hello")));

        results.Should().HaveCount(2).And.OnlyContain(r => r.Outcome == PushOutcome.SubscriptionGone);
        handler.Results.Should().ContainSingle();
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public async Task SendManyAsync_BreakEarly_StopsSending(bool http2)
    {
        await using var loopback = await LoopbackPushService.StartAsync();
        var service = loopback.Service;
        using var http = CreateHttpClient(http2);
        const int MaxConcurrency = 4;
        var sut = CreateSut(http, o => o.MaxConcurrency = MaxConcurrency);
        var subscriptions = Enumerable.Range(0, 200).Select(_ => loopback.Subscribe(_fixture.VapidKeys.PublicKey, http2).Subscription).ToArray();
        foreach (var subscription in subscriptions)
        {
            service.Reply(subscription, FakeReply.Created().After(TimeSpan.FromMilliseconds(20)));
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
        await using var loopback = await LoopbackPushService.StartAsync();
        var service = loopback.Service;
        using var http = CreateHttpClient(http2);
        var sut = CreateSut(http, o => o.MaxConcurrency = 4);
        var subscriptions = Enumerable.Range(0, 100).Select(_ => loopback.Subscribe(_fixture.VapidKeys.PublicKey, http2).Subscription).ToArray();
        foreach (var subscription in subscriptions)
        {
            service.Reply(subscription, FakeReply.Created().After(TimeSpan.FromMilliseconds(50)));
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
        var rows = ReplyScript.Rows.Select(r => r.Name).Append("drop").ToArray();
        var subscriptions = rows.Select(_ => _fixture.CreateSubscription(http2)).ToArray();
        for (var i = 0; i < rows.Length; i++)
        {
            Service.Reply(subscriptions[i], Step(rows[i]));
        }

        var results = await CollectAsync(sut.SendManyAsync(subscriptions, new PushMessage("hello")));

        results.Should().HaveCount(rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            var expected = rows[i] == "drop" ? PushOutcome.NetworkError : ReplyScript.Rows.Single(r => r.Name == rows[i]).Outcome;
            results.Single(r => r.Subscription == subscriptions[i]).Outcome.Should().Be(expected, rows[i]);
        }
    }
}
