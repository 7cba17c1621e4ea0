using System;
using System.Linq;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pushwright.Encryption;
using Pushwright.Extensions.Http.Tests.Support;
using Xunit;

namespace Pushwright.Extensions.Http.Tests.Logging;

/// <summary>
/// CONTRIBUTING.md, "Logging", made stricter: nothing the Pushwright HttpClient logs, at any
/// level, may contain a key, a token or the endpoint's path (the subscription's capability);
/// only the host.
/// </summary>
public sealed class LogRedactionTests
{
    [Fact]
    public async Task SendAsync_AllLogLevels_LogHostOnlyNeverSecrets()
    {
        await using var server = await StartServerAsync(StatusCodes.Status201Created);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddWebPush(o =>
        {
            Some.Valid(o);
            o.AllowHttpEndpoints = true;
            o.AllowPrivateNetworkEndpoints = true;
        });
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<WebPushClient>();
        var receiver = UserAgentKeys.Generate();
        var endpoint = new Uri(server.Address + "/push/secret-capability-path");
        var subscription = new PushSubscription(endpoint, receiver.SubscriptionKeys);

        var result = await client.SendAsync(subscription, new PushMessage("hello") { ContentEncoding = ContentEncoding.AesGcm });

        result.IsDelivered.Should().BeTrue(result.ToString());
        var records = provider.GetFakeLogCollector().GetSnapshot();
        records.Should().Contain(r => r.Id.Name == "PushAnswered" && r.Message.Contains("127.0.0.1"));
        var authorization = server.LastAuthorization!;
        foreach (var record in records)
        {
            var text = record.Message + " " + string.Join(" ", record.StructuredState?.Select(kv => kv.Value) ?? []);
            text.Should().NotContain("secret-capability-path");
            text.Should().NotContain(authorization.Substring("WebPush ".Length));
            text.Should().NotContain(Some.Keys.ExportPrivateKeyBase64Url());
        }
    }

    [Fact]
    public async Task SendAsync_Gone_LogsSubscriptionGoneByHost()
    {
        await using var server = await StartServerAsync(StatusCodes.Status410Gone);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddWebPush(o =>
        {
            Some.Valid(o);
            o.AllowHttpEndpoints = true;
            o.AllowPrivateNetworkEndpoints = true;
        });
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<WebPushClient>();
        var subscription = new PushSubscription(new Uri(server.Address + "/push/another-secret"), UserAgentKeys.Generate().SubscriptionKeys);

        var result = await client.SendAsync(subscription, new PushMessage("bye"));

        result.IsSubscriptionGone.Should().BeTrue();
        var gone = provider.GetFakeLogCollector().GetSnapshot().Where(r => r.Id.Name == "SubscriptionGone").ToList();
        gone.Should().ContainSingle().Which.Message.Should().Contain("127.0.0.1").And.NotContain("another-secret");
    }

    [Fact]
    public async Task SendAsync_RefusedByAddressPolicy_LogsTheHostAndWhyOnly()
    {
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddWebPush(Some.Valid);
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<WebPushClient>();
        var subscription = new PushSubscription(new Uri("https://127.0.0.1:9/push/secret-capability-path"), UserAgentKeys.Generate().SubscriptionKeys);

        var result = await client.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Refused, result.ToString());
        var records = provider.GetFakeLogCollector().GetSnapshot();
        records.Should().ContainSingle(r => r.Id.Name == "PushRefusedByAddressPolicy")
            .Which.Message.Should().Contain("Push to 127.0.0.1 refused before connecting").And.Contain("127.0.0.1 is loopback");
        records.Should().NotContain(r => r.Id.Name == "PushFailed");
        records.Should().NotContain(r => (r.Message + " " + string.Join(" ", r.StructuredState!.Select(kv => kv.Value))).Contains("secret-capability-path"));
    }

    private static async Task<TestServer> StartServerAsync(int status)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new TestServer(app);
        app.MapPost("/push/{id}", (HttpRequest request) =>
        {
            server.LastAuthorization = request.Headers.Authorization.ToString();
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        server.Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    private sealed class TestServer(WebApplication app) : IAsyncDisposable
    {
        public string Address { get; set; } = string.Empty;

        /// <summary>Gets the Authorization header of the last request, as the push service saw it.</summary>
        public string? LastAuthorization { get; set; }

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}
