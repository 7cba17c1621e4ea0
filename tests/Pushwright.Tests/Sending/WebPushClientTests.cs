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

    private readonly FakePushService _service = new();
    private readonly VapidDetails _vapid = new(Subject, VapidKeys.Generate());

    /// <summary>Every row of the reply table (<see cref="ReplyScript.Rows"/>): reply name, expected outcome, expected status.</summary>
    public static TheoryData<string, PushOutcome, int> ReplyTable
    {
        get
        {
            var data = new TheoryData<string, PushOutcome, int>();
            foreach (var (name, outcome, status) in ReplyScript.Rows)
            {
                data.Add(name, outcome, status);
            }

            return data;
        }
    }

    private FakePushService Service => _service;

    internal static FakeReply Step(string name) => ReplyScript.Step(name);

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
