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
using Pushwright.Tests.Sending;
using Xunit;

namespace Pushwright.IntegrationTests.Transport;

public sealed partial class WebPushClientTests : IClassFixture<LoopbackPushServiceFixture>
{
    private const string Subject = "mailto:integration-tests@example.com";

    private readonly LoopbackPushServiceFixture _fixture;

    public WebPushClientTests(LoopbackPushServiceFixture fixture) => _fixture = fixture;

    public static TheoryData<bool> Protocols => new() { false, true };

    /// <summary>Every row of the reply table (<see cref="ReplyScript.Rows"/>), over both protocols: reply name, expected outcome, expected status.</summary>
    public static TheoryData<string, PushOutcome, int, bool> ReplyTable
    {
        get
        {
            var data = new TheoryData<string, PushOutcome, int, bool>();
            foreach (var http2 in new[] { false, true })
            {
                foreach (var (name, outcome, status) in ReplyScript.Rows)
                {
                    data.Add(name, outcome, status, http2);
                }
            }

            return data;
        }
    }

    private FakePushService Service => _fixture.Service;

    internal static HttpClient CreateHttpClient(bool http2, TimeSpan? timeout = null) => new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        DefaultRequestVersion = http2 ? HttpVersion.Version20 : HttpVersion.Version11,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = timeout ?? TimeSpan.FromSeconds(10),
    };

    internal static FakeReply Step(string name) => ReplyScript.Step(name);

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
