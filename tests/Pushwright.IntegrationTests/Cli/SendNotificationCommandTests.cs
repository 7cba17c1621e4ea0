using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.Encryption;
using Pushwright.Testing;
using Pushwright.Tests.Payloads;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.IntegrationTests.Cli;

/// <summary><c>webpush send-notification</c> against the loopback push service of Pushwright.Testing (it verifies VAPID and decrypts), run as a real process.</summary>
public sealed class SendNotificationCommandTests : IAsyncLifetime, IDisposable
{
    private const string Subject = "mailto:cli-tests@example.com";

    private static readonly VapidKeys s_vapid = VapidKeys.Generate();

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "webpush-cli-" + Guid.NewGuid().ToString("N"));
    private LoopbackPushService _loopback = null!;
    private FakeSubscription _browser = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _loopback = await LoopbackPushService.StartAsync();
        _browser = _loopback.Subscribe(s_vapid.PublicKey);
    }

    public async Task DisposeAsync() => await _loopback.DisposeAsync();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task SendNotification_Reply201_ExitsZeroAndTheReceiverDecryptsThePayload()
    {
        var run = await CliProcess.RunAsync(
            [.. EndpointArgs(), .. VapidArgs(), "--payload", "Hello, CLI ✓", "--ttl", "60", "--urgency", "high", "--topic", "cli-topic-12"],
            null);

        run.ExitCode.Should().Be(0, run.ToString());
        run.StandardOutput.Should().Contain("Outcome:  Delivered").And
            .Contain("Status:   201 Created").And
            .Contain($"Location: {_browser.Subscription.Endpoint.GetLeftPart(UriPartial.Authority)}/m/");
        var push = Received.Should().ContainSingle().Subject;
        push.Rejection.Should().BeNull();
        push.Text.Should().Be("Hello, CLI ✓");
        push.ContentEncoding.Should().Be("aes128gcm");
        push.Header("TTL").Should().Be("60");
        push.Header("Urgency").Should().Be("high");
        push.Header("Topic").Should().Be("cli-topic-12");
        push.Header("Authorization").Should().StartWith("vapid t=").And.EndWith("k=" + s_vapid.PublicKeyBase64Url);
    }

    [Fact]
    public async Task SendNotification_TitleAndNavigate_SendsTheLibrarysDeclarativeMessageAsJson()
    {
        var run = await CliProcess.RunAsync(
            [.. EndpointArgs(), .. VapidArgs(), "--title", "Order shipped", "--payload", "It arrives Tuesday ✓", "--navigate", "https://shop.example.com/orders/42"],
            null);

        run.ExitCode.Should().Be(0, run.ToString());
        var push = Received.Should().ContainSingle().Subject;
        push.Rejection.Should().BeNull();
        var expected = new DeclarativeNotification("Order shipped", new Uri("https://shop.example.com/orders/42")) { Body = "It arrives Tuesday ✓" };
        push.Text.Should().Be(Encoding.UTF8.GetString(PushMessage.Declarative(expected).Payload.Span));
        DeclarativeSchema.Violations(push.Text).Should().BeEmpty();
        push.Header("Content-Type").Should().Be("application/json");
    }

    [Fact]
    public async Task SendNotification_NavigateWithPaddingAndAesGcm_PadsTheDeclarativeMessage()
    {
        var run = await CliProcess.RunAsync(
            [.. EndpointArgs(), .. VapidArgs(), "--title", "Padded", "--navigate", "https://shop.example.com/", "--padding", "200", "--encoding", "aesgcm"],
            null);

        run.ExitCode.Should().Be(0, run.ToString());
        var push = Received.Should().ContainSingle().Subject;
        push.Rejection.Should().BeNull();
        push.ContentEncoding.Should().Be("aesgcm");
        var json = PushMessage.Declarative(new DeclarativeNotification("Padded", new Uri("https://shop.example.com/"))).Payload.Length;
        push.Text.Should().Contain("\"web_push\":8030").And.NotContain("\"body\"", "without --payload the notification has no body");
        push.Body.Length.Should().Be(WebPushEncryption.GetEncryptedLength(json, ContentEncoding.AesGcm, 200));
    }

    [Fact]
    public async Task SendNotification_Reply410WithJson_ExitsThreeAndPrintsTheOutcome()
    {
        _loopback.Service.Reply(_browser.Subscription, FakeReply.Status(410));

        var run = await CliProcess.RunAsync([.. EndpointArgs(), .. VapidArgs(), "--payload", "gone?", "--json"], null);

        run.ExitCode.Should().Be(3, run.ToString());
        using var json = JsonDocument.Parse(run.StandardOutput);
        json.RootElement.GetProperty("outcome").GetString().Should().Be("SubscriptionGone");
        json.RootElement.GetProperty("status").GetInt32().Should().Be(410);
        json.RootElement.GetProperty("location").ValueKind.Should().Be(JsonValueKind.Null);
        json.RootElement.GetProperty("error").GetString().Should().Contain("errno 106");
        Received.Should().ContainSingle().Which.Rejection.Should().BeNull();
    }

    [Fact]
    public async Task SendNotification_Reply500_ExitsFourAfterTheRetriesAndShowsTheServiceError()
    {
        _loopback.Service.Reply(_browser.Subscription, FakeReply.Status(500));

        var run = await CliProcess.RunAsync([.. EndpointArgs(), .. VapidArgs(), "--payload", "boom"], null);

        run.ExitCode.Should().Be(4, "a 5xx may succeed later; " + run);
        Received.Should().HaveCount(4, "AddWebPush() retries a 5xx three times by default");
        run.StandardOutput.Should().Contain("Outcome:  ServerError").And
            .Contain("Status:   500 InternalServerError").And
            .Contain("Error:    Internal Server Error");
        run.StandardError.Should().BeEmpty();
    }

    [Fact]
    public async Task SendNotification_SubscriptionFilePayloadFileAndAesGcm_ReceiverDecryptsTheFileBytes()
    {
        var subscriptionFile = Path.Combine(_directory, "subscription.json");
        await File.WriteAllTextAsync(subscriptionFile, _browser.Subscription.ToJson());
        var payloadFile = Path.Combine(_directory, "payload.bin");
        byte[] payload = [0x00, 0xFF, .. Encoding.UTF8.GetBytes("binary üñíçødé payload"), 0x7F];
        await File.WriteAllBytesAsync(payloadFile, payload);

        var run = await CliProcess.RunAsync(
            ["send-notification", "--subscription", subscriptionFile, "--payload-file", payloadFile, "--encoding", "aesgcm", "--allow-http", "--allow-private-network", .. VapidArgs()],
            null);

        run.ExitCode.Should().Be(0, run.ToString());
        var push = Received.Should().ContainSingle().Subject;
        push.Rejection.Should().BeNull();
        push.Payload.ToArray().Should().Equal(payload);
        push.ContentEncoding.Should().Be("aesgcm");
        push.Header("Authorization").Should().StartWith("WebPush ");
        push.Header("Crypto-Key").Should().Contain("dh=").And.Contain("p256ecdsa=" + s_vapid.PublicKeyBase64Url);
    }

    [Fact]
    public async Task SendNotification_Json_PrintsExactlyOneObjectInTheDocumentedOrder()
    {
        var run = await CliProcess.RunAsync([.. EndpointArgs(), .. VapidArgs(), "--payload", "json", "--json"], null);

        run.ExitCode.Should().Be(0, run.ToString());
        var origin = _browser.Subscription.Endpoint.GetLeftPart(UriPartial.Authority);
        run.StandardOutput.TrimEnd('\r', '\n').Should().MatchRegex("^" + Regex.Escape($"{{\"outcome\":\"Delivered\",\"status\":201,\"location\":\"{origin}/m/") + "[0-9a-f]{32}" + Regex.Escape("\",\"error\":null}") + "$");
    }

    [Fact]
    public async Task SendNotification_VapidFromEnvironment_SignsWithTheEnvironmentKeys()
    {
        // The shared browser harness passes the keys and subject this way; there is no payload either (a data-free push).
        var environment = new Dictionary<string, string>
        {
            ["VAPID_PUBLIC_KEY"] = s_vapid.PublicKeyBase64Url,
            ["VAPID_PRIVATE_KEY"] = s_vapid.ExportPrivateKeyBase64Url(),
            ["VAPID_SUBJECT"] = Subject,
        };

        var run = await CliProcess.RunAsync(EndpointArgs(), environment);

        run.ExitCode.Should().Be(0, run.ToString());
        var push = Received.Should().ContainSingle().Subject;
        push.Body.Length.Should().Be(0);
        push.ContentEncoding.Should().BeNull();
        push.Header("TTL").Should().Be("2419200", "the default TTL is 28 days");
        push.Header("Authorization").Should().EndWith("k=" + s_vapid.PublicKeyBase64Url);
    }

    [Fact]
    public async Task SendNotification_NothingListening_ExitsFourWithANetworkError()
    {
        var closedPort = ClosedLoopbackPort();

        var run = await CliProcess.RunAsync(
            ["send-notification", "--endpoint", $"http://127.0.0.1:{closedPort}/push/x", "--key", P256dh, "--auth", Auth, "--allow-http", "--allow-private-network", .. VapidArgs(), "--json"],
            null);

        run.ExitCode.Should().Be(4, "no reply may succeed later; " + run);
        using var json = JsonDocument.Parse(run.StandardOutput);
        json.RootElement.GetProperty("outcome").GetString().Should().Be("NetworkError");
        json.RootElement.GetProperty("status").ValueKind.Should().Be(JsonValueKind.Null);
        json.RootElement.GetProperty("error").GetString().Should().NotBeNullOrEmpty();
        run.StandardOutput.Should().NotContain("   at ");
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    public async Task SendNotification_LoopbackWithoutAllowPrivateNetwork_IsRefusedWithoutConnecting(string host)
    {
        using var listener = new CountingListener(IPAddress.Loopback);

        var run = await CliProcess.RunAsync(
            ["send-notification", "--endpoint", $"https://{host}:{listener.Port}/push/secret-path", "--key", P256dh, "--auth", Auth, .. VapidArgs()],
            null);

        run.ExitCode.Should().Be(1, run.ToString());
        run.StandardOutput.Should().Contain("Outcome:  Refused")
            .And.Contain($"host '{host}'").And.Contain("is loopback")
            .And.Contain("pass --allow-private-network")
            .And.NotContain("secret-path");
        (await listener.CountAsync()).Should().Be(0, "the refusal happens before any connection is made");
    }

    private IReadOnlyList<ReceivedPush> Received => _loopback.Service.RequestsTo(_browser.Subscription);

    private string P256dh => Base64Url(_browser.Keys.PublicKey.ToArray());

    private string Auth => Base64Url(_browser.Keys.AuthSecret.ToArray());

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string[] VapidArgs() =>
        ["--vapid-subject", Subject, "--vapid-pubkey", s_vapid.PublicKeyBase64Url, "--vapid-pvtkey", s_vapid.ExportPrivateKeyBase64Url()];

    private string[] EndpointArgs() =>
        ["send-notification", "--endpoint", _browser.Subscription.Endpoint.AbsoluteUri, "--key", P256dh, "--auth", Auth, "--allow-http", "--allow-private-network"];
}
