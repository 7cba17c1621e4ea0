using System;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using Pushwright.Sending;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.Tests.Sending;

/// <summary>Every way an exchange ends is a result; only the caller's cancellation and a disposed client throw.</summary>
public sealed class PushTransportTests
{
    private static readonly PushSubscription s_subscription = new(new Uri("https://push.example.net/secret"), Some.Receiver.SubscriptionKeys);

    [Theory]
    [InlineData(typeof(HttpRequestException))]
    [InlineData(typeof(SocketException))]
    [InlineData(typeof(System.IO.IOException))]
    [InlineData(typeof(InvalidOperationException))]
    public async Task ExchangeAsync_AnyTransportException_IsANetworkError(Type exceptionType)
    {
        using var http = new HttpClient(new StubHandler((_, _) => throw (Exception)Activator.CreateInstance(exceptionType)!));
        var sut = new PushTransport(http, TimeProvider.System, TimeSpan.FromSeconds(30));

        var result = await sut.ExchangeAsync(s_subscription, new HttpRequestMessage(HttpMethod.Post, s_subscription.Endpoint), CancellationToken.None);

        result.Outcome.Should().Be(PushOutcome.NetworkError);
        result.Exception.Should().BeOfType(exceptionType);
    }

    [Fact]
    public async Task ExchangeAsync_NoReplyBeforeTheSendTimeout_IsANetworkErrorWhenTheClockSaysSo()
    {
        var clock = new FakeTimeProvider();
        using var http = new HttpClient(new StubHandler(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return new HttpResponseMessage(HttpStatusCode.Created);
        }));
        var sut = new PushTransport(http, clock, TimeSpan.FromSeconds(30));

        var exchange = sut.ExchangeAsync(s_subscription, new HttpRequestMessage(HttpMethod.Post, s_subscription.Endpoint), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(31));
        var result = await exchange;

        result.Outcome.Should().Be(PushOutcome.NetworkError);
        result.Exception.Should().BeAssignableTo<OperationCanceledException>();
    }

    [Fact]
    public async Task ExchangeAsync_CallerCancels_ThrowsWithTheCallersToken()
    {
        using var cancellation = new CancellationTokenSource();
        using var http = new HttpClient(new StubHandler(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return new HttpResponseMessage(HttpStatusCode.Created);
        }));
        var sut = new PushTransport(http, TimeProvider.System, TimeSpan.FromSeconds(30));

        var exchange = sut.ExchangeAsync(s_subscription, new HttpRequestMessage(HttpMethod.Post, s_subscription.Endpoint), cancellation.Token);
        await cancellation.CancelAsync();

        (await FluentActions.Awaiting(() => exchange).Should().ThrowAsync<OperationCanceledException>()).Which.CancellationToken.Should().Be(cancellation.Token);
    }

    [Fact]
    public async Task ExchangeAsync_FollowedRedirect_IsRefusedAsARedirect()
    {
        using var http = new HttpClient(new StubHandler((request, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.Created)
        {
            RequestMessage = new HttpRequestMessage(HttpMethod.Post, "https://elsewhere.example/"),
        })));
        var sut = new PushTransport(http, TimeProvider.System, TimeSpan.FromSeconds(30));

        var result = await sut.ExchangeAsync(s_subscription, new HttpRequestMessage(HttpMethod.Post, s_subscription.Endpoint), CancellationToken.None);

        result.Outcome.Should().Be(PushOutcome.Refused);
        result.Refusal!.Reason.Should().Be(RefusalReason.Redirect);
        result.Refusal.Message.Should().Contain("push.example.net").And.NotContain("secret");
    }
}
