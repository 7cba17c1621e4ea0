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

    private LoopbackPushService Service => _fixture.Service;

    internal static HttpClient CreateHttpClient(bool http2, TimeSpan? timeout = null) => new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        DefaultRequestVersion = http2 ? HttpVersion.Version20 : HttpVersion.Version11,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = timeout ?? TimeSpan.FromSeconds(10),
    };

    internal static ReplyStep Step(string name) => name switch
    {
        "201" => ReplyStep.Created(),
        "202" => ReplyStep.Accepted(),
        "400" => ReplyStep.BadRequest(),
        "401" => ReplyStep.Unauthorized(),
        "403" => ReplyStep.Forbidden(),
        "403-apple" => ReplyStep.AppleBadJwtToken(),
        "404" => ReplyStep.NotFound(),
        "410" => ReplyStep.Gone(),
        "413" => ReplyStep.PayloadTooLarge(),
        "429-seconds" => ReplyStep.TooManyRequests(TimeSpan.FromSeconds(30)),
        "429-date" => ReplyStep.TooManyRequestsUntil(TimeSpan.FromSeconds(30)),
        "406" => ReplyStep.WnsThrottled(),
        "500" => ReplyStep.InternalServerError(),
        "502-html" => ReplyStep.BadGatewayHtml(),
        "503" => ReplyStep.ServiceUnavailable(),
        "drop" => ReplyStep.Drop(),
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
        while (Service.RequestsFor(subscription).Count == 0)
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new TimeoutException("The service did not receive the request.");
            }

            await Task.Delay(10);
        }
    }

    private async Task<ReceivedRequest> WaitForReplyAsync(PushSubscription subscription)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(5))
        {
            var request = Service.RequestsFor(subscription).SingleOrDefault();
            if (request?.Reply is not null)
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
