using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Pushwright.Encryption;
using Xunit;
using Xunit.Abstractions;

namespace Pushwright.IntegrationTests.Faults;

/// <summary>
/// Broken and hostile push services on a raw socket: stalled and cut error bodies, malformed
/// headers, invalid UTF-16 in error bodies, and connections reset before any reply. Every send
/// comes back as exactly one result, with the outcome the status decides, the removal exactly
/// once for a gone status, and within its deadline; through the plain client and AddWebPush().
/// </summary>
public sealed class ReplyFaultTests(ITestOutputHelper output)
{
    /// <summary>The longest any faulty send may take here: the error-body deadline (2 s) and some slack for a loaded machine.</summary>
    private static readonly TimeSpan s_deadline = TimeSpan.FromSeconds(6);

    public static TheoryData<bool> Stacks => new() { false, true };

    [Theory]
    [InlineData(500, PushOutcome.ServerError, false)]
    [InlineData(410, PushOutcome.SubscriptionGone, false)]
    [InlineData(400, PushOutcome.Rejected, false)]
    [InlineData(500, PushOutcome.ServerError, true)]
    [InlineData(410, PushOutcome.SubscriptionGone, true)]
    public async Task SendAsync_StalledErrorBody_ReturnsTheStatusOutcomeWithinTheDeadline(int status, PushOutcome expected, bool addWebPush)
    {
        // Regression (issue 12, 1): 10 of 1,000 announced bytes, then silence; the send hung past every timeout.
        await using var server = new RawHttpServer($"HTTP/1.1 {status} Whatever\nContent-Type: application/json\nContent-Length: 1000\n\n{{\"errno\":1", ConnectionEnd.Stall);
        await using var sut = Sut.Create(addWebPush);

        var (result, elapsed) = await TimeAsync(() => sut.Client.SendAsync(Subscription(server), new PushMessage("hello")));

        output.WriteLine($"stalled {status} body, addWebPush={addWebPush}: {elapsed.TotalMilliseconds:F0} ms");
        result.Outcome.Should().Be(expected, result.ToString());
        ((int?)result.StatusCode).Should().Be(status);
        elapsed.Should().BeLessThan(s_deadline);
        sut.Removed.Should().HaveCount(expected == PushOutcome.SubscriptionGone ? 1 : 0);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public async Task SendManyAsync_StalledErrorBodies_YieldsOneResultEachAndEnds(bool addWebPush)
    {
        // Regression (issue 12, 1): 31 subscriptions gave 30 results and the batch never ended.
        await using var server = new RawHttpServer("HTTP/1.1 410 Gone\nContent-Length: 1000\n\n0123456789", ConnectionEnd.Stall);
        await using var sut = Sut.Create(addWebPush);
        var subscriptions = Enumerable.Range(0, 31).Select(i => Subscription(server, "/push/" + i)).ToList();

        var (results, elapsed) = await TimeAsync(async () =>
        {
            var list = new List<PushResult>();
            await foreach (var result in sut.Client.SendManyAsync(subscriptions, new PushMessage("hello")))
            {
                list.Add(result);
            }

            return list;
        });

        results.Select(r => r.Subscription).Should().BeEquivalentTo(subscriptions, "exactly one result per subscription");
        results.Should().OnlyContain(r => r.Outcome == PushOutcome.SubscriptionGone);
        sut.Removed.Should().HaveCount(31).And.OnlyHaveUniqueItems();
        elapsed.Should().BeLessThan(s_deadline * 2);
    }

    [Theory]
    [InlineData(410, PushOutcome.SubscriptionGone, ConnectionEnd.Reset)]
    [InlineData(410, PushOutcome.SubscriptionGone, ConnectionEnd.Close)]
    [InlineData(400, PushOutcome.Rejected, ConnectionEnd.Reset)]
    [InlineData(500, PushOutcome.ServerError, ConnectionEnd.Close)]
    public async Task SendAsync_CutErrorBody_KeepsTheStatusOutcome(int status, PushOutcome expected, ConnectionEnd end)
    {
        // Regression (issue 12, 2): a cut body became NetworkError and a 410's removal was lost.
        await using var server = new RawHttpServer($"HTTP/1.1 {status} Whatever\nContent-Length: 1000\n\n0123456789", end);
        foreach (var addWebPush in new[] { false, true })
        {
            await using var sut = Sut.Create(addWebPush, retries: false);

            var result = await sut.Client.SendAsync(Subscription(server), new PushMessage("hello"));

            result.Outcome.Should().Be(expected, result.ToString());
            ((int?)result.StatusCode).Should().Be(status);
            sut.Removed.Should().HaveCount(expected == PushOutcome.SubscriptionGone ? 1 : 0);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SendAsync_Http2StreamResetAfterPartOfTheBody_KeepsTheGoneOutcome(bool http2)
    {
        // The stream (HTTP/2) or the connection (HTTP/1.1) is aborted after 10 of 1,000 body bytes.
        await using var server = await AbortingServer.StartAsync(http2);
        await using var sut = Sut.Create(addWebPush: false, http2: http2);

        var result = await sut.Client.SendAsync(new PushSubscription(server.Endpoint, UserAgentKeys.Generate().SubscriptionKeys), new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.SubscriptionGone, result.ToString());
        sut.Removed.Should().ContainSingle();
    }

    [Fact]
    public async Task SendAsync_DribbledHeaders_AreReadWhole()
    {
        // One byte of the status line and headers at a time, with pauses between them.
        await using var server = new RawHttpServer("HTTP/1.1 201 Created\nTTL: 60\nContent-Length: 0\n\n", ConnectionEnd.Close) { Dribble = TimeSpan.FromMilliseconds(5) };
        await using var sut = Sut.Create(addWebPush: false);

        var result = await sut.Client.SendAsync(Subscription(server), new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Delivered, result.ToString());
        result.GrantedTimeToLive.Should().Be(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task SendManyAsync_ServerErrorStorm_RetriesThenGivesOneServerErrorEach()
    {
        await using var server = new RawHttpServer("HTTP/1.1 503 Service Unavailable\nConnection: close\nContent-Length: 4\n\nbusy", ConnectionEnd.Close);
        await using var sut = Sut.Create(addWebPush: true);
        var subscriptions = Enumerable.Range(0, 50).Select(i => Subscription(server, "/push/" + i)).ToList();

        var results = new List<PushResult>();
        await foreach (var result in sut.Client.SendManyAsync(subscriptions, new PushMessage("hello")))
        {
            results.Add(result);
        }

        results.Select(r => r.Subscription).Should().BeEquivalentTo(subscriptions);
        results.Should().OnlyContain(r => r.Outcome == PushOutcome.ServerError && r.Error!.Message == "busy");
        server.Requests.Should().Be(50 * 3, "each message is tried once and retried twice");
        sut.Removed.Should().BeEmpty();
    }

    [Theory]
    [InlineData("//[")]
    [InlineData("//")]
    [InlineData("///x")]
    [InlineData("//a:99999999")]
    [InlineData("//%zz/")]
    [InlineData("//a b/")]
    public async Task SendAsync_MalformedLocation_IsDeliveredWithoutALocation(string location)
    {
        // Regression (issue 12, 3): new Uri(Uri, Uri) threw UriFormatException and the result was lost.
        await using var server = new RawHttpServer($"HTTP/1.1 201 Created\nLocation: {location}\nTTL: abc\nRetry-After: soon\nContent-Length: 0\n\n", ConnectionEnd.Close);
        foreach (var addWebPush in new[] { false, true })
        {
            await using var sut = Sut.Create(addWebPush);

            var result = await sut.Client.SendAsync(Subscription(server), new PushMessage("hello"));

            result.Outcome.Should().Be(PushOutcome.Delivered, result.ToString());
            result.GrantedTimeToLive.Should().BeNull();
            result.RetryAfter.Should().BeNull();
        }
    }

    [Theory]
    [InlineData(400, PushOutcome.Rejected)]
    [InlineData(401, PushOutcome.Unauthorized)]
    [InlineData(403, PushOutcome.Unauthorized)]
    [InlineData(404, PushOutcome.SubscriptionGone)]
    [InlineData(410, PushOutcome.SubscriptionGone)]
    [InlineData(500, PushOutcome.ServerError)]
    public async Task SendAsync_ErrorBodyWithAnUnpairedSurrogate_KeepsTheStatusOutcome(int status, PushOutcome expected)
    {
        // Regression (issue 12, 4): JsonElement.GetString threw InvalidOperationException; a 410 was never reported gone.
        const string Body = "{\"errno\":100,\"message\":\"bad \\ud800 thing\"}";
        await using var server = new RawHttpServer($"HTTP/1.1 {status} Whatever\nContent-Type: application/json\nContent-Length: {Body.Length}\n\n{Body}", ConnectionEnd.Close);
        await using var sut = Sut.Create(addWebPush: false);

        var result = await sut.Client.SendAsync(Subscription(server), new PushMessage("hello"));

        result.Outcome.Should().Be(expected, result.ToString());
        result.Error!.Errno.Should().Be(100);
        sut.Removed.Should().HaveCount(expected == PushOutcome.SubscriptionGone ? 1 : 0);
    }

    [Fact]
    public async Task SendAsync_EveryConnectionResetOnAccept_NeverThrowsUnderConcurrency()
    {
        // Regression (issue 12, 5): a raw SocketException ("Transport endpoint is not connected")
        // escaped SendAsync after some tens of sends with 8 concurrent senders.
        await using var server = new RawHttpServer([], ConnectionEnd.ResetOnAccept);
        await using var sut = Sut.Create(addWebPush: false);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(async worker =>
        {
            var mine = new List<PushResult>();
            for (var i = 0; i < 40; i++)
            {
                mine.Add(await sut.Client.SendAsync(Subscription(server, $"/push/{worker}-{i}"), new PushMessage("hello")));
            }

            return mine;
        }));

        results.SelectMany(r => r).Should().HaveCount(320).And.OnlyContain(r => r.Outcome == PushOutcome.NetworkError);
    }

    [Fact]
    public async Task SendAsync_AcceptedAndNeverAnswered_EndsAtSendTimeout()
    {
        await using var server = new RawHttpServer([], ConnectionEnd.Stall);
        await using var sut = Sut.Create(addWebPush: false, sendTimeout: TimeSpan.FromSeconds(1));

        var (result, elapsed) = await TimeAsync(() => sut.Client.SendAsync(Subscription(server), new PushMessage("hello")));

        result.Outcome.Should().Be(PushOutcome.NetworkError, result.ToString());
        result.Exception.Should().BeAssignableTo<OperationCanceledException>("the send's own deadline cancelled it");
        elapsed.Should().BeLessThan(TimeSpan.FromSeconds(4));
    }

    private static PushSubscription Subscription(RawHttpServer server, string path = "/push/secret-capability") =>
        new(server.Endpoint(path), UserAgentKeys.Generate().SubscriptionKeys);

    private static async Task<(T Value, TimeSpan Elapsed)> TimeAsync<T>(Func<Task<T>> action)
    {
        var watch = Stopwatch.StartNew();
        var value = await action();
        return (value, watch.Elapsed);
    }

    /// <summary>The client under test: a plain WebPushClient on the safe handler, or AddWebPush(); both record removals.</summary>
    private sealed class Sut : IAsyncDisposable, ISubscriptionRemovalHandler
    {
        private readonly List<PushSubscription> _removed = [];
        private ServiceProvider? _provider;
        private HttpClient? _http;

        public WebPushClient Client { get; private set; } = null!;

        public IReadOnlyList<PushSubscription> Removed
        {
            get
            {
                lock (_removed)
                {
                    return _removed.ToList();
                }
            }
        }

        public static Sut Create(bool addWebPush, bool retries = true, TimeSpan? sendTimeout = null, bool http2 = false)
        {
            var sut = new Sut();
            var vapid = VapidKeys.Generate();
            if (addWebPush)
            {
                var services = new ServiceCollection();
                services.AddSingleton<ISubscriptionRemovalHandler>(sut);
                services.AddWebPush(o =>
                {
                    o.Subject = "mailto:faults@example.com";
                    o.PublicKey = vapid.PublicKeyBase64Url;
                    o.PrivateKey = vapid.ExportPrivateKeyBase64Url();
                    o.AllowHttpEndpoints = true;
                    o.AllowPrivateNetworkEndpoints = true;
                    o.SendTimeout = sendTimeout ?? o.SendTimeout;
                    o.Resilience.MaxRetryAttempts = retries ? 2 : 0;
                    o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(10);
                    o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(20);
                    o.Resilience.UseJitter = false;
                    o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(5);
                    o.Resilience.TotalTimeout = TimeSpan.FromSeconds(10);
                    o.Resilience.MaxRetryAfter = TimeSpan.FromSeconds(2);
                }).ConfigureHttpClient(c =>
                {
                    c.DefaultRequestVersion = http2 ? HttpVersion.Version20 : HttpVersion.Version11;
                    c.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
                });
                sut._provider = services.BuildServiceProvider();
                sut.Client = sut._provider.GetRequiredService<WebPushClient>();
            }
            else
            {
                var options = new WebPushClientOptions { AllowHttpEndpoints = true, AllowPrivateNetworkEndpoints = true };
                options.SendTimeout = sendTimeout ?? options.SendTimeout;
                options.RemovalHandlers.Add(sut);
                sut._http = new HttpClient(WebPushClient.CreateHttpHandler(options)) { DefaultRequestVersion = http2 ? HttpVersion.Version20 : HttpVersion.Version11, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
                sut.Client = new WebPushClient(sut._http, new VapidDetails("mailto:faults@example.com", vapid), options);
            }

            return sut;
        }

        public Task OnSubscriptionRemovedAsync(PushResult result, System.Threading.CancellationToken cancellationToken)
        {
            lock (_removed)
            {
                _removed.Add(result.Subscription);
            }

            return Task.CompletedTask;
        }

        public async ValueTask DisposeAsync()
        {
            _http?.Dispose();
            if (_provider is not null)
            {
                await _provider.DisposeAsync();
            }
        }
    }
}
