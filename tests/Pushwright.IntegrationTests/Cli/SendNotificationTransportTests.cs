using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Pushwright.IntegrationTests.Cli;

/// <summary>
/// <c>webpush send-notification</c>'s message and transport options, as a real process: extra
/// headers, padding, urgency and topic reach the push service; <c>--timeout</c>, <c>--verbose</c>
/// and <c>--proxy</c> do what they say.
/// </summary>
public sealed class SendNotificationTransportTests : IAsyncLifetime
{
    private CliPushService _service = null!;

    public async Task InitializeAsync() => _service = await CliPushService.StartAsync();

    public async Task DisposeAsync() => await _service.DisposeAsync();

    [Fact]
    public async Task SendNotification_HeadersPaddingUrgencyTopic_ReachThePushService()
    {
        var subscription = _service.Delivered();

        var run = await SendAsync(
            subscription,
            "--payload", "padded", "--padding", "100", "--urgency", "very-low", "--topic", "cli-topic-1",
            "--header", "X-WNS-Type: wns/raw", "--header", "X-Extra:  spaced value ");

        run.ExitCode.Should().Be(0, run.ToString());
        var received = _service.Received(subscription).Should().ContainSingle().Subject;
        received.Plaintext.Should().Equal("padded"u8.ToArray());
        received.BodyLength.Should().Be(86 + 6 + 100 + 1 + 16, "aes128gcm: an 86-byte header, the text, 100 bytes of padding, the delimiter and the tag");
        received.Header("Urgency").Should().Be("very-low");
        received.Header("Topic").Should().Be("cli-topic-1");
        received.Header("X-WNS-Type").Should().Be("wns/raw");
        received.Header("X-Extra").Should().Be("spaced value");
    }

    [Theory]
    [InlineData("--header", "NoColon", "--header: must be 'Name: value'")]
    [InlineData("--header", "TTL: 5", "--header: Extra headers must not replace a header the client sets itself")]
    [InlineData("--padding", "-1", "--padding: must be a whole number of bytes from 0 to 4096; got '-1'")]
    [InlineData("--timeout", "0", "--timeout: must be a number of seconds above 0 and at most 3600; got '0'")]
    [InlineData("--retries", "11", "--retries: must be a whole number of retries from 0 to 10; got '11'")]
    [InlineData("--proxy", "socks5://127.0.0.1:1080", "--proxy: must be an absolute http: URL")]
    public async Task SendNotification_InvalidTransportOrMessageOption_ExitsTwoAndSendsNothing(string option, string value, string expected)
    {
        var run = await SendAsync(_service.Delivered(), "--payload", "x", option, value);

        run.ExitCode.Should().Be(2, run.ToString());
        run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle().Which.Should().Contain(expected);
        _service.RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task SendNotification_PaddingThatLeavesNoRoom_ExitsTwo()
    {
        var run = await SendAsync(_service.Delivered(), "--payload", new string('x', 100), "--padding", "3950");

        run.ExitCode.Should().Be(2, run.ToString());
        run.StandardError.Should().Contain("--payload: at most 43 bytes fit in one aes128gcm message with 3950 bytes of padding");
    }

    [Fact]
    public async Task SendNotification_Timeout_GivesUpAndExitsFour()
    {
        var subscription = _service.Slow(TimeSpan.FromSeconds(20));
        var stopwatch = Stopwatch.StartNew();

        var run = await SendAsync(subscription, "--payload", "late", "--timeout", "1", "--retries", "0", "--json");

        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10), "--timeout 1 bounds the send, not the service's 20 s");
        run.ExitCode.Should().Be(4, "no reply in time may succeed later; " + run);
        using var json = JsonDocument.Parse(run.StandardOutput);
        json.RootElement.GetProperty("outcome").GetString().Should().Be("NetworkError");
    }

    [Fact]
    public async Task SendNotification_Verbose_PrintsEachAttemptByHostOnly()
    {
        var subscription = _service.UnavailableThenDelivered();
        var keys = KeyArgs(subscription);

        var run = await SendAsync(subscription, "--payload", "verbose", "--urgency", "high", "--verbose");

        run.ExitCode.Should().Be(0, run.ToString());
        run.StandardError.Should().Contain("webpush: #1 -> POST 127.0.0.1")
            .And.Contain("TTL 2419200; Urgency high; ")
            .And.Contain("aes128gcm; headers Authorization, Content-Encoding")
            .And.MatchRegex(@"webpush: #1 <- 503 Service Unavailable from 127\.0\.0\.1 in \d+ ms")
            .And.MatchRegex(@"webpush: #2 <- 201 Created from 127\.0\.0\.1 in \d+ ms");
        var path = _service.EndpointOf(subscription).AbsolutePath;
        run.StandardError.Should().NotContain(path, "the endpoint's path is a capability")
            .And.NotContain(keys[1])
            .And.NotContain(keys[3])
            .And.NotContain("vapid t=")
            .And.NotContain(_service.Vapid.ExportPrivateKeyBase64Url());
    }

    [Fact]
    public async Task SendNotification_Proxy_SendsTheRequestThroughTheProxy()
    {
        // The endpoint's host cannot resolve (RFC 6761 .invalid): only a proxy can take the request.
        await using var proxy = await RecordingProxy.StartAsync();

        var run = await CliProcess.RunAsync(
            [
                "send-notification", "--endpoint", "http://push.invalid/push/through-proxy", .. KeyArgs(_service.Delivered()),
                "--payload", "via proxy", "--proxy", proxy.Address.AbsoluteUri, .. _service.SenderArgs,
            ],
            null);

        run.ExitCode.Should().Be(0, run.ToString());
        var (target, host) = proxy.Requests.Should().ContainSingle().Subject;
        target.Should().Be("http://push.invalid/push/through-proxy", "a proxy gets the absolute URL");
        host.Should().Be("push.invalid");
    }

    [Fact]
    public async Task SendNotification_ProxyOnLoopbackWithoutAllowPrivateNetwork_IsRefused()
    {
        await using var proxy = await RecordingProxy.StartAsync();

        var run = await CliProcess.RunAsync(
            [
                "send-notification", "--endpoint", "http://push.invalid/push/x", .. KeyArgs(_service.Delivered()), "--proxy", proxy.Address.AbsoluteUri,
                "--allow-http", "--vapid-subject", CliPushService.Subject, "--vapid-pvtkey", _service.Vapid.ExportPrivateKeyBase64Url(),
            ],
            null);

        run.ExitCode.Should().Be(1, "the address check applies to the proxy's address; " + run);
        run.StandardOutput.Should().Contain("Outcome:  Refused").And.Contain("pass --allow-private-network");
        proxy.Requests.Should().BeEmpty();
    }

    /// <summary>The <c>--key</c> and <c>--auth</c> options of a subscription's JSON.</summary>
    private static string[] KeyArgs(string subscription)
    {
        using var document = JsonDocument.Parse(subscription);
        var keys = document.RootElement.GetProperty("keys");
        return ["--key", keys.GetProperty("p256dh").GetString()!, "--auth", keys.GetProperty("auth").GetString()!];
    }

    private Task<CliRun> SendAsync(string subscription, params string[] args) =>
        CliProcess.RunAsync(["send-notification", "--endpoint", _service.EndpointOf(subscription).AbsoluteUri, .. KeyArgs(subscription), .. _service.SenderArgs, .. args], null);

    /// <summary>An HTTP proxy on loopback that answers every request itself with 201 and records its target and Host.</summary>
    private sealed class RecordingProxy : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<(string Target, string Host)> _requests = new();

        private RecordingProxy(WebApplication app) => _app = app;

        public Uri Address { get; private set; } = null!;

        public (string Target, string Host)[] Requests => [.. _requests];

        public static async Task<RecordingProxy> StartAsync()
        {
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
            builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var proxy = new RecordingProxy(app);
            app.Run(context =>
            {
                proxy._requests.Enqueue((context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget, context.Request.Host.Value ?? string.Empty));
                context.Response.StatusCode = StatusCodes.Status201Created;
                return Task.CompletedTask;
            });
            await app.StartAsync();
            proxy.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
            return proxy;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
