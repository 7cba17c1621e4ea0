// WebPushClient (no DI, no retries) against the in-memory push service of Pushwright.Testing, on
// both shipped assets: what goes on the wire, how every reply maps to a PushResult (README.md,
// "Replies"), and removal. What needs real sockets (HTTP/2, timeouts, redirects, the address
// policy) stays in tests/Pushwright.IntegrationTests.
using System;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Pushwright.Testing;
using Xunit;

namespace Pushwright.Tests.Sending;

public sealed partial class WebPushClientTests
{
    private const string Subject = "mailto:unit-tests@example.com";

    private const string GoogleErrorPage =
        "<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n  <title>Error 502 (Server Error)!!1</title>\n  <style>\n    *{margin:0;padding:0}\n  </style>\n"
        + "  <p><b>502.</b> <ins>That\u2019s an error.</ins>\n  <p>The server encountered a temporary error and could not complete your request.<p>Please try again in 30 seconds.  <ins>That\u2019s all we know.</ins>\n</html>\n";

    private readonly FakePushService _service = new();
    private readonly VapidDetails _vapid = new(Subject, VapidKeys.Generate());

    /// <summary>Every row of the reply table: reply name, expected outcome, expected status.</summary>
    public static TheoryData<string, PushOutcome, int> ReplyTable => new()
    {
        { "201", PushOutcome.Delivered, 201 },
        { "202", PushOutcome.Delivered, 202 },
        { "400", PushOutcome.Rejected, 400 },
        { "401", PushOutcome.Unauthorized, 401 },
        { "403", PushOutcome.Unauthorized, 403 },
        { "403-apple", PushOutcome.Unauthorized, 403 },
        { "404", PushOutcome.SubscriptionGone, 404 },
        { "410", PushOutcome.SubscriptionGone, 410 },
        { "413", PushOutcome.PayloadTooLarge, 413 },
        { "429-seconds", PushOutcome.RateLimited, 429 },
        { "429-date", PushOutcome.RateLimited, 429 },
        { "406", PushOutcome.RateLimited, 406 },
        { "500", PushOutcome.ServerError, 500 },
        { "502-html", PushOutcome.ServerError, 502 },
        { "503", PushOutcome.ServerError, 503 },
    };

    private FakePushService Service => _service;

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
        "502-html" => FakeReply.Status(502).WithBody(GoogleErrorPage, "text/html; charset=UTF-8"),
        "503" => FakeReply.Status(503),
        "drop" => FakeReply.Reset(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown reply."),
    };

    internal static string OriginOf(PushSubscription subscription) => subscription.Endpoint.GetLeftPart(UriPartial.Authority);

    /// <summary>An autopush error body with a chosen errno and message.</summary>
    private static FakeReply Errno(int status, int errno, string message) =>
        FakeReply.Status(status).WithBody(
            JsonSerializer.Serialize(new { code = status, errno, error = "Error", message, more_info = "http://autopush.readthedocs.io/en/latest/http.html#error-codes" }),
            "application/json");

    private PushSubscription CreateSubscription(DateTimeOffset? expirationTime = null) => _service.Subscribe(_vapid.Keys.PublicKey, expirationTime).Subscription;

    private WebPushClient CreateSut(Action<WebPushClientOptions>? configure = null)
    {
        var options = new WebPushClientOptions();
        configure?.Invoke(options);
        return new WebPushClient(_service.CreateHttpClient(), _vapid, options);
    }

    private sealed class RecordingRemovalHandler : ISubscriptionRemovalHandler
    {
        private readonly ConcurrentQueue<PushResult> _results = new();

        public PushResult[] Results => _results.ToArray();

        public Task OnSubscriptionRemovedAsync(PushResult result, CancellationToken cancellationToken)
        {
            _results.Enqueue(result);
            return Task.CompletedTask;
        }
    }
}
