// The core WebPushClient (no DI, no retries) against a real push service on Kestrel, over
// HTTP/1.1 and HTTP/2 (h2c): what goes on the wire, and how every reply maps to a PushResult
// (README.md, "Replies").
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Pushwright.IntegrationTests.PushService;
using Pushwright.Testing;
using Xunit;

namespace Pushwright.IntegrationTests.Transport;

public sealed partial class WebPushClientTests : IClassFixture<LoopbackPushServiceFixture>
{
    private const string Subject = "mailto:integration-tests@example.com";

    private readonly LoopbackPushServiceFixture _fixture;

    public WebPushClientTests(LoopbackPushServiceFixture fixture) => _fixture = fixture;

    public static TheoryData<bool> Protocols => new() { false, true };

    /// <summary>Every row of the reply table, over both protocols: reply name, expected outcome, expected status.</summary>
    public static TheoryData<string, PushOutcome, int, bool> ReplyTable
    {
        get
        {
            var data = new TheoryData<string, PushOutcome, int, bool>();
            foreach (var http2 in new[] { false, true })
            {
                foreach (var (name, outcome, status) in ReplyRows)
                {
                    data.Add(name, outcome, status, http2);
                }
            }

            return data;
        }
    }

    private static (string Name, PushOutcome Outcome, int Status)[] ReplyRows =>
    [
        ("201", PushOutcome.Delivered, 201),
        ("202", PushOutcome.Delivered, 202),
        ("400", PushOutcome.Rejected, 400),
        ("401", PushOutcome.Unauthorized, 401),
        ("403", PushOutcome.Unauthorized, 403),
        ("403-apple", PushOutcome.Unauthorized, 403),
        ("404", PushOutcome.SubscriptionGone, 404),
        ("410", PushOutcome.SubscriptionGone, 410),
        ("413", PushOutcome.PayloadTooLarge, 413),
        ("429-seconds", PushOutcome.RateLimited, 429),
        ("429-date", PushOutcome.RateLimited, 429),
        ("406", PushOutcome.RateLimited, 406),
        ("500", PushOutcome.ServerError, 500),
        ("502-html", PushOutcome.ServerError, 502),
        ("503", PushOutcome.ServerError, 503),
    ];

    private FakePushService Service => _fixture.Service;

    internal static HttpClient CreateHttpClient(bool http2, TimeSpan? timeout = null) => new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        DefaultRequestVersion = http2 ? HttpVersion.Version20 : HttpVersion.Version11,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = timeout ?? TimeSpan.FromSeconds(10),
    };

    internal static FakeReply Step(string name) => name switch
    {
        "201" => FakeReply.Created(),
        "202" => FakeReply.Status(202),
        "400" => FakeReply.Status(400),
        "401" => FakeReply.Status(401),
        "403" => FakeReply.Status(403),
        "403-apple" => FakeReply.Status(403).WithBody("{\"reason\":\"BadJwtToken\"}", "application/json"),
        "404" => FakeReply.Status(404),
        "410" => FakeReply.Status(410),
        "413" => FakeReply.Status(413),
        "429-seconds" => FakeReply.Status(429).WithRetryAfter(TimeSpan.FromSeconds(30)),
        "429-date" => FakeReply.Status(429).WithRetryAfterDate(TimeSpan.FromSeconds(30)),
        "406" => FakeReply.Status(406).WithBody([], null).WithHeader("X-WNS-Status", "dropped").WithHeader("X-WNS-Error-Description", "Throttle limit exceeded"),
        "500" => FakeReply.Status(500),
        "502-html" => FakeReply.Status(502).WithBody("<html><title>Error 502 (Server Error)!!1</title></html>", "text/html"),
        "503" => FakeReply.Status(503),
        "drop" => FakeReply.Reset(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown reply."),
    };

    internal static string OriginOf(PushSubscription subscription) => subscription.Endpoint.GetLeftPart(UriPartial.Authority);

    private static async Task<List<PushResult>> CollectAsync(IAsyncEnumerable<PushResult> results)
    {
        var list = new List<PushResult>();
        await foreach (var result in results)
        {
            list.Add(result);
        }

        return list;
    }

    private async Task WaitUntilReceivedAsync(PushSubscription subscription)
    {
        var watch = Stopwatch.StartNew();
        while (Service.RequestsTo(subscription).Count == 0)
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException("The service did not receive the request.");
            }

            await Task.Delay(10);
        }
    }

    private async Task<ReceivedPush> WaitForReplyAsync(PushSubscription subscription)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(5))
        {
            var request = Service.RequestsTo(subscription).SingleOrDefault();
            if (request is not null && !request.Reply.StartsWith("waiting", System.StringComparison.Ordinal) && request.Reply != "pending")
            {
                return request;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("The service did not finish the request.");
    }

    private WebPushClient CreateSut(HttpClient http, Action<WebPushClientOptions>? configure = null)
    {
        var options = new WebPushClientOptions { AllowHttpEndpoints = true };
        configure?.Invoke(options);
        return new WebPushClient(http, _fixture.Vapid, options);
    }
}
