using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Pushwright.Encryption;
using Pushwright.IntegrationTests.Faults;
using Xunit;

namespace Pushwright.IntegrationTests.Telemetry;

/// <summary>
/// The "Pushwright" ActivitySource: one span per send with host, outcome, status, encoding,
/// payload size and whether the VAPID token was cached; a parent span per batch with totals;
/// retry events under AddWebPush(); and never the endpoint's path, a key or a token.
/// </summary>
public sealed class TracingTests : IDisposable
{
    /// <summary>Each test runs under a root span of its own, so spans of tests running beside it are told apart by trace.</summary>
    private static readonly ActivitySource s_tests = new("Pushwright.IntegrationTests");

    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public TracingTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Pushwright" or "Pushwright.IntegrationTests",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task SendAsync_Delivered_OneSpanWithTheSendsFactsAndNoSecret()
    {
        using var root = s_tests.StartActivity("test")!;
        await using var server = new RawHttpServer("HTTP/1.1 201 Created\nConnection: close\nContent-Length: 0\n\n", ConnectionEnd.Close);
        var vapid = new VapidDetails("mailto:traces@example.com", VapidKeys.Generate());
        using var sut = new WebPushClient(vapid, new WebPushClientOptions { AllowHttpEndpoints = true, AllowPrivateNetworkEndpoints = true });
        var subscription = new PushSubscription(server.Endpoint("/push/secret-capability"), UserAgentKeys.Generate().SubscriptionKeys);

        await sut.SendAsync(subscription, new PushMessage("hello") { ContentEncoding = ContentEncoding.AesGcm });
        await sut.SendAsync(subscription, new PushMessage("hello"));

        var spans = Sends(root, subscription);
        spans.Should().HaveCount(2);
        var first = spans[0];
        first.OperationName.Should().Be("pushwright.send");
        first.GetTagItem("server.address").Should().Be("127.0.0.1");
        first.GetTagItem("http.request.method").Should().Be("POST");
        first.GetTagItem("http.response.status_code").Should().Be(201);
        first.GetTagItem("pushwright.outcome").Should().Be("Delivered");
        first.GetTagItem("pushwright.content_encoding").Should().Be("aesgcm");
        first.GetTagItem("pushwright.payload.size").Should().Be(5);
        first.GetTagItem("pushwright.vapid.token_cached").Should().Be(false);
        first.Status.Should().Be(ActivityStatusCode.Unset);
        spans[1].GetTagItem("pushwright.vapid.token_cached").Should().Be(true, "the second send to the same push service reuses the token");
        spans[1].GetTagItem("pushwright.content_encoding").Should().Be("aes128gcm");
        AssertNoSecret(spans, vapid);
    }

    [Fact]
    public async Task SendManyAsync_ParentSpanWithTotals_AndEachSendItsChild()
    {
        using var root = s_tests.StartActivity("test")!;
        await using var server = new RawHttpServer("HTTP/1.1 410 Gone\nConnection: close\nContent-Length: 0\n\n", ConnectionEnd.Close);
        var vapid = new VapidDetails("mailto:traces@example.com", VapidKeys.Generate());
        using var sut = new WebPushClient(vapid, new WebPushClientOptions { AllowHttpEndpoints = true, AllowPrivateNetworkEndpoints = true });
        var subscriptions = Enumerable.Range(0, 5).Select(i => new PushSubscription(server.Endpoint("/push/secret-" + i), UserAgentKeys.Generate().SubscriptionKeys)).ToList();

        await foreach (var _ in sut.SendManyAsync(subscriptions, new PushMessage("hello")))
        {
        }

        var batch = Mine(root).Single(a => a.OperationName == "pushwright.send_many");
        batch.GetTagItem("pushwright.batch.size").Should().Be(5);
        batch.GetTagItem("pushwright.batch.subscriptiongone").Should().Be(5);
        var sends = Mine(root).Where(a => a.OperationName == "pushwright.send").ToList();
        sends.Should().HaveCount(5).And.OnlyContain(a => a.ParentSpanId == batch.SpanId && a.TraceId == batch.TraceId);
        sends.Should().OnlyContain(a => a.Status == ActivityStatusCode.Error && (string?)a.GetTagItem("error.type") == "SubscriptionGone");
        AssertNoSecret(sends, vapid);
    }

    [Fact]
    public async Task SendAsync_RetriedUnderAddWebPush_RecordsOneEventPerRetry()
    {
        using var root = s_tests.StartActivity("test")!;
        await using var server = new RawHttpServer("HTTP/1.1 503 Service Unavailable\nConnection: close\nContent-Length: 0\n\n", ConnectionEnd.Close);
        var keys = VapidKeys.Generate();
        var services = new ServiceCollection();
        services.AddWebPush(o =>
        {
            o.Subject = "mailto:traces@example.com";
            o.PublicKey = keys.PublicKeyBase64Url;
            o.PrivateKey = keys.ExportPrivateKeyBase64Url();
            o.AllowHttpEndpoints = true;
            o.AllowPrivateNetworkEndpoints = true;
            o.Resilience.MaxRetryAttempts = 2;
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(2);
        }).ConfigureHttpClient(c =>
        {
            c.DefaultRequestVersion = HttpVersion.Version11;
            c.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        });
        await using var provider = services.BuildServiceProvider();
        var subscription = new PushSubscription(server.Endpoint("/push/secret-capability"), UserAgentKeys.Generate().SubscriptionKeys);

        await provider.GetRequiredService<WebPushClient>().SendAsync(subscription, new PushMessage("hello"));

        var span = Sends(root, subscription).Should().ContainSingle().Subject;
        span.GetTagItem("pushwright.outcome").Should().Be("ServerError");
        span.Events.Where(e => e.Name == "pushwright.retry").Select(e => e.Tags.Single(t => t.Key == "pushwright.attempt").Value)
            .Should().Equal(1, 2);
        span.Events.Should().OnlyContain(e => (string?)e.Tags.Single(t => t.Key == "pushwright.attempt.reply").Value == "503");
    }

    private List<Activity> Sends(Activity root, PushSubscription subscription) =>
        Mine(root).Where(a => a.OperationName == "pushwright.send" && (string?)a.GetTagItem("server.address") == subscription.Endpoint.Host).ToList();

    private List<Activity> Mine(Activity root) => _stopped.Where(a => a.TraceId == root.TraceId).ToList();

    private static void AssertNoSecret(IEnumerable<Activity> spans, VapidDetails vapid)
    {
        foreach (var span in spans)
        {
            var text = span.DisplayName + " " + string.Join(" ", span.TagObjects.Select(t => t.Key + "=" + t.Value))
                + " " + string.Join(" ", span.Events.SelectMany(e => e.Tags).Select(t => t.Key + "=" + t.Value));
            text.Should().NotContain("secret").And.NotContain(vapid.Keys.ExportPrivateKeyBase64Url()).And.NotContain("vapid t=").And.NotContain("/push/");
        }
    }
}
