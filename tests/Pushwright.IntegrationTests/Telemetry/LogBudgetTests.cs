using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Logging;
using Pushwright.Encryption;
using Pushwright.IntegrationTests.Faults;
using Xunit;
using Xunit.Abstractions;

namespace Pushwright.IntegrationTests.Telemetry;

/// <summary>
/// What AddWebPush() writes to the log: a retried attempt once at Debug, a final failure one
/// Warning, a gone subscription one Information; no stack traces for expected network errors.
/// </summary>
public sealed class LogBudgetTests(ITestOutputHelper output)
{
    /// <summary>The budget: at most one line at Information or above per send.</summary>
    private const int LinesPerSendAtInformation = 1;

    [Fact]
    public async Task SendAsync_HundredSendsRetriedTwiceEach_StayWithinTheLineBudget()
    {
        await using var server = new RawHttpServer("HTTP/1.1 503 Service Unavailable\nConnection: close\nContent-Length: 4\n\nbusy", ConnectionEnd.Close);
        await using var provider = Build();
        var client = provider.GetRequiredService<WebPushClient>();

        for (var i = 0; i < 100; i++)
        {
            (await client.SendAsync(Subscription(server, i), new PushMessage("hello"))).Outcome.Should().Be(PushOutcome.ServerError);
        }

        var records = provider.GetFakeLogCollector().GetSnapshot();
        var informational = records.Where(r => r.Level >= LogLevel.Information).ToList();
        foreach (var group in records.GroupBy(r => (r.Level, r.Category, r.Id.Name)))
        {
            output.WriteLine($"{group.Key.Level,-12} {group.Key.Category} {group.Key.Name}: {group.Count()}");
        }

        informational.Should().HaveCountLessThanOrEqualTo(100 * LinesPerSendAtInformation);
        informational.Should().OnlyContain(r => r.Level == LogLevel.Warning && r.Id.Name == "PushRefused", "the final failure is one Warning per send");
        records.Where(r => r.Id.Name == "AttemptRetried").Should().HaveCount(200).And.OnlyContain(r => r.Level == LogLevel.Debug);
        records.Should().OnlyContain(r => r.Exception == null, "expected push failures carry no stack trace");
    }

    [Fact]
    public async Task SendAsync_NetworkErrorsRetried_LogTheExceptionTypeWithoutAStackTrace()
    {
        await using var server = new RawHttpServer([], ConnectionEnd.ResetOnAccept);
        await using var provider = Build();
        var client = provider.GetRequiredService<WebPushClient>();

        var result = await client.SendAsync(Subscription(server, 0), new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.NetworkError);
        var records = provider.GetFakeLogCollector().GetSnapshot();
        records.Where(r => r.Id.Name == "AttemptRetried").Should().HaveCount(2)
            .And.OnlyContain(r => r.Level == LogLevel.Debug && r.Message.Contains("HttpRequestException") && r.Message.Contains("127.0.0.1"));
        records.Where(r => r.Level >= LogLevel.Information).Should().ContainSingle().Which.Id.Name.Should().Be("PushFailed");
        records.Should().OnlyContain(r => r.Exception == null);
    }

    [Fact]
    public async Task SendAsync_Gone_LogsOneInformation()
    {
        await using var server = new RawHttpServer("HTTP/1.1 410 Gone\nConnection: close\nContent-Length: 0\n\n", ConnectionEnd.Close);
        await using var provider = Build();
        var client = provider.GetRequiredService<WebPushClient>();

        (await client.SendAsync(Subscription(server, 0), new PushMessage("hello"))).IsSubscriptionGone.Should().BeTrue();

        provider.GetFakeLogCollector().GetSnapshot().Where(r => r.Level >= LogLevel.Information).Should().ContainSingle()
            .Which.Should().Match<FakeLogRecord>(r => r.Level == LogLevel.Information && r.Id.Name == "SubscriptionGone");
    }

    private static ServiceProvider Build()
    {
        var vapid = VapidKeys.Generate();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddWebPush(o =>
        {
            o.Subject = "mailto:logs@example.com";
            o.PublicKey = vapid.PublicKeyBase64Url;
            o.PrivateKey = vapid.ExportPrivateKeyBase64Url();
            o.AllowHttpEndpoints = true;
            o.AllowPrivateNetworkEndpoints = true;
            o.Resilience.MaxRetryAttempts = 2;
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(2);
            o.Resilience.UseJitter = false;
        }).ConfigureHttpClient(c =>
        {
            c.DefaultRequestVersion = HttpVersion.Version11;
            c.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        });
        return services.BuildServiceProvider();
    }

    private static PushSubscription Subscription(RawHttpServer server, int i) =>
        new(server.Endpoint("/push/secret-" + i), UserAgentKeys.Generate().SubscriptionKeys);
}
