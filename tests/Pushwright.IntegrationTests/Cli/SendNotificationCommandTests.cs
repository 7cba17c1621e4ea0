using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.IntegrationTests.Cli;

/// <summary><c>webpush send-notification</c> against a loopback receiver that decrypts, run as a real process.</summary>
public sealed class SendNotificationCommandTests : IAsyncLifetime, IDisposable
{
    private const string Subject = "mailto:cli-tests@example.com";

    private static readonly VapidKeys s_vapid = VapidKeys.Generate();

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "webpush-cli-" + Guid.NewGuid().ToString("N"));
    private CliPushReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _receiver = await CliPushReceiver.StartAsync();
    }

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

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
            .Contain($"Location: {_receiver.Endpoint.GetLeftPart(UriPartial.Authority)}/m/message-1");
        var push = _receiver.Received.Should().ContainSingle().Subject;
        push.DecryptionError.Should().BeNull();
        Encoding.UTF8.GetString(push.Plaintext!).Should().Be("Hello, CLI ✓");
        push.ContentEncoding.Should().Be("aes128gcm");
        push.Ttl.Should().Be("60");
        push.Urgency.Should().Be("high");
        push.Topic.Should().Be("cli-topic-12");
        push.Authorization.Should().StartWith("vapid t=").And.EndWith("k=" + s_vapid.PublicKeyBase64Url);
    }

    [Fact]
    public async Task SendNotification_Reply410WithJson_ExitsThreeAndPrintsTheOutcome()
    {
        _receiver.ReplyStatus = HttpStatusCode.Gone;

        var run = await CliProcess.RunAsync([.. EndpointArgs(), .. VapidArgs(), "--payload", "gone?", "--json"], null);

        run.ExitCode.Should().Be(3, run.ToString());
        using var json = JsonDocument.Parse(run.StandardOutput);
        json.RootElement.GetProperty("outcome").GetString().Should().Be("SubscriptionGone");
        json.RootElement.GetProperty("status").GetInt32().Should().Be(410);
        json.RootElement.GetProperty("location").ValueKind.Should().Be(JsonValueKind.Null);
        json.RootElement.GetProperty("error").GetString().Should().Contain("test receiver answered 410");
        _receiver.Received.Should().ContainSingle().Which.DecryptionError.Should().BeNull();
    }

    [Fact]
    public async Task SendNotification_Reply500_ExitsFourAfterTheRetriesAndShowsTheServiceError()
    {
        _receiver.ReplyStatus = HttpStatusCode.InternalServerError;

        var run = await CliProcess.RunAsync([.. EndpointArgs(), .. VapidArgs(), "--payload", "boom"], null);

        run.ExitCode.Should().Be(4, "a 5xx may succeed later; " + run);
        _receiver.Received.Should().HaveCount(4, "AddWebPush() retries a 5xx three times by default");
        run.StandardOutput.Should().Contain("Outcome:  ServerError").And
            .Contain("Status:   500 InternalServerError").And
            .Contain("Error:    test receiver answered 500 (errno 999)");
        run.StandardError.Should().BeEmpty();
    }

    [Fact]
    public async Task SendNotification_SubscriptionFilePayloadFileAndAesGcm_ReceiverDecryptsTheFileBytes()
    {
        var subscriptionFile = Path.Combine(_directory, "subscription.json");
        await File.WriteAllTextAsync(subscriptionFile, _receiver.SubscriptionJson);
        var payloadFile = Path.Combine(_directory, "payload.bin");
        byte[] payload = [0x00, 0xFF, .. Encoding.UTF8.GetBytes("binary üñíçødé payload"), 0x7F];
        await File.WriteAllBytesAsync(payloadFile, payload);

        var run = await CliProcess.RunAsync(
            ["send-notification", "--subscription", subscriptionFile, "--payload-file", payloadFile, "--encoding", "aesgcm", "--allow-http", "--allow-private-network", .. VapidArgs()],
            null);

        run.ExitCode.Should().Be(0, run.ToString());
        var push = _receiver.Received.Should().ContainSingle().Subject;
        push.DecryptionError.Should().BeNull();
        push.Plaintext.Should().Equal(payload);
        push.ContentEncoding.Should().Be("aesgcm");
        push.Authorization.Should().StartWith("WebPush ");
        push.CryptoKey.Should().Contain("dh=").And.Contain("p256ecdsa=" + s_vapid.PublicKeyBase64Url);
    }

    [Fact]
    public async Task SendNotification_Json_PrintsExactlyOneObjectInTheDocumentedOrder()
    {
        var run = await CliProcess.RunAsync([.. EndpointArgs(), .. VapidArgs(), "--payload", "json", "--json"], null);

        run.ExitCode.Should().Be(0, run.ToString());
        var origin = _receiver.Endpoint.GetLeftPart(UriPartial.Authority);
        run.StandardOutput.TrimEnd('\r', '\n').Should().Be($"{{\"outcome\":\"Delivered\",\"status\":201,\"location\":\"{origin}/m/message-1\",\"error\":null}}");
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
        var push = _receiver.Received.Should().ContainSingle().Subject;
        push.BodyLength.Should().Be(0);
        push.ContentEncoding.Should().BeNull();
        push.Ttl.Should().Be("2419200", "the default TTL is 28 days");
        push.Authorization.Should().EndWith("k=" + s_vapid.PublicKeyBase64Url);
    }

    [Fact]
    public async Task SendNotification_NothingListening_ExitsFourWithANetworkError()
    {
        var closedPort = ClosedLoopbackPort();

        var run = await CliProcess.RunAsync(
            ["send-notification", "--endpoint", $"http://127.0.0.1:{closedPort}/push/x", "--key", _receiver.P256dh, "--auth", _receiver.Auth, "--allow-http", "--allow-private-network", .. VapidArgs(), "--json"],
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
            ["send-notification", "--endpoint", $"https://{host}:{listener.Port}/push/secret-path", "--key", _receiver.P256dh, "--auth", _receiver.Auth, .. VapidArgs()],
            null);

        run.ExitCode.Should().Be(1, run.ToString());
        run.StandardOutput.Should().Contain("Outcome:  Refused")
            .And.Contain($"host '{host}'").And.Contain("is loopback")
            .And.Contain("pass --allow-private-network")
            .And.NotContain("secret-path");
        (await listener.CountAsync()).Should().Be(0, "the refusal happens before any connection is made");
    }

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
        ["send-notification", "--endpoint", _receiver.Endpoint.AbsoluteUri, "--key", _receiver.P256dh, "--auth", _receiver.Auth, "--allow-http", "--allow-private-network"];
}
