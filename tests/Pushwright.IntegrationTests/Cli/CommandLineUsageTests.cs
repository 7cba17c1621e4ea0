using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.Encryption;
using Xunit;

namespace Pushwright.IntegrationTests.Cli;

/// <summary>
/// Every mistake on the command line: exit code 2, exactly one line on stderr that names the
/// option and says what was expected, nothing on stdout, and never a stack trace. Nothing is sent:
/// the endpoint is a closed loopback port, which would give exit code 1 if a request were made.
/// </summary>
public sealed class CommandLineUsageTests : IDisposable
{
    // The curve point (0, 0) is 65 well-formed bytes that are not on P-256.
    private const string OffCurveKey = "BAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    private static readonly VapidKeys s_vapid = VapidKeys.Generate();
    private static readonly UserAgentKeys s_browser = UserAgentKeys.Generate();

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "webpush-cli-" + Guid.NewGuid().ToString("N"));

    public CommandLineUsageTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData("--key", "not*base64!", "--key: The p256dh key must be base64url")]
    [InlineData("--key", OffCurveKey, "--key: The p256dh key must be a point on the P-256 curve")]
    [InlineData("--auth", "AAAA", "--auth: The auth secret must be exactly 16 bytes")]
    [InlineData("--endpoint", "not a url", "--endpoint: the push endpoint must be an absolute https: URL; got 'not a url'")]
    [InlineData("--endpoint", "http://127.0.0.1:9/push/x", "Pass --allow-http to send to a local test service")]
    [InlineData("--ttl", "-5", "--ttl: must be a whole number of seconds from 0 to 2147483647; got '-5'")]
    [InlineData("--ttl", "soon", "--ttl: must be a whole number of seconds")]
    [InlineData("--urgency", "urgent", "--urgency: must be very-low, low, normal or high; got 'urgent'")]
    [InlineData("--topic", "not a topic!", "--topic: The topic must be 1 to 32 characters")]
    [InlineData("--encoding", "gzip", "--encoding: must be aes128gcm or aesgcm; got 'gzip'")]
    [InlineData("--vapid-subject", "me@example.com", "--vapid-subject: The VAPID subject must be a mailto: address or an https: URL")]
    [InlineData("--vapid-subject", "http://example.com", "--vapid-subject: The VAPID subject URL must use https:")]
    [InlineData("--vapid-pubkey", "{other-public-key}", "--vapid-pubkey: The public key must be the public key of the private key")]
    [InlineData("--vapid-pvtkey", "AAAA", "--vapid-pvtkey: The private key must be a 32-byte P-256 scalar")]
    [InlineData("--payload-file", "{missing-file}", "--payload-file: file '")]
    [InlineData("--payload", "{5000-bytes}", "--payload: at most 3993 bytes fit in one aes128gcm message")]
    public async Task SendNotification_InvalidValue_ExitsTwoWithOneLineNamingTheOption(string option, string value, string expected)
    {
        var options = new Dictionary<string, string>
        {
            ["--endpoint"] = "https://127.0.0.1:9/push/x",
            ["--key"] = Base64Url(s_browser.PublicKey.ToArray()),
            ["--auth"] = Base64Url(s_browser.AuthSecret.ToArray()),
            ["--vapid-subject"] = "mailto:cli-tests@example.com",
            ["--vapid-pubkey"] = s_vapid.PublicKeyBase64Url,
            ["--vapid-pvtkey"] = s_vapid.ExportPrivateKeyBase64Url(),
            [option] = Expand(value),
        };

        var run = await CliProcess.RunAsync(["send-notification", .. options.SelectMany(o => new[] { o.Key, o.Value })], null);

        AssertUsageError(run, expected);
    }

    [Theory]
    [InlineData("frob", "webpush: unknown command 'frob'. Run 'webpush --help' to see the commands.")]
    [InlineData("send-notification --frob", "unknown option '--frob' for send-notification")]
    [InlineData("generate-vapid-keys extra", "unexpected argument 'extra' for generate-vapid-keys")]
    [InlineData("generate-vapid-keys --json=yes", "option '--json' takes no value")]
    [InlineData("demo --now", "unknown option '--now' for demo")]
    [InlineData("help frob", "unknown command 'frob'")]
    [InlineData("send-notification --ttl", "option '--ttl' needs a value")]
    [InlineData("send-notification --ttl 1 --ttl 2", "option '--ttl' was given more than once")]
    [InlineData("send-notification --payload hi", "missing the subscription: pass --subscription <file.json>, or --endpoint")]
    [InlineData("send-notification --subscription {missing-file}", "--subscription: file '")]
    [InlineData("send-notification --subscription {bad-json-file}", "must be valid JSON")]
    [InlineData("send-notification --subscription {no-keys-file}", "must have a \"keys\" object")]
    [InlineData("send-notification --subscription {subscription-file} --endpoint https://127.0.0.1:9/x", "not both")]
    [InlineData("send-notification --subscription {subscription-file}", "missing the VAPID private key")]
    [InlineData("send-notification --subscription {subscription-file} --vapid-pvtkey {private-key}", "missing the VAPID subject")]
    [InlineData("send-notification --subscription {subscription-file} --vapid-subject mailto:a@example.com --vapid-pvtkey {private-key} --payload a --payload-file {missing-file}", "either --payload <text> or --payload-file <path>, not both")]
    public async Task Cli_BadCommandLine_ExitsTwoWithOneLine(string commandLine, string expected)
    {
        var run = await CliProcess.RunAsync(commandLine.Split(' ').Select(Expand).ToArray());

        AssertUsageError(run, expected);
    }

    [Theory]
    [InlineData("--title Shipped", "--title needs --navigate <url>")]
    [InlineData("--navigate https://shop.example.com/", "--navigate needs --title <text>")]
    [InlineData("--title Shipped --navigate https://shop.example.com/ --payload-file {missing-file}", "--payload-file cannot be used with it")]
    [InlineData("--title Shipped --navigate http://shop.example.com/", "--navigate: The notification's navigate URL must be an absolute https: URL (http: only on localhost or a loopback address)")]
    [InlineData("--title Shipped --navigate orders/42", "--navigate: The notification's navigate URL must be an absolute https: URL")]
    [InlineData("--title Shipped --navigate http://", "--navigate: must be an absolute https: URL (http: only on a loopback host); got 'http://'")]
    [InlineData("--title Shipped --navigate https://shop.example.com/ --payload {5000-bytes}", "--title and --payload: The notification JSON must be at most 3993 bytes")]
    [InlineData("--title Shipped --navigate https://shop.example.com/ --padding 4000", "--padding: ")]
    public async Task SendNotification_BadDeclarativeOptions_ExitsTwoWithOneLine(string options, string expected)
    {
        var run = await CliProcess.RunAsync(
            ["send-notification", "--subscription", Expand("{subscription-file}"), "--vapid-subject", "mailto:a@example.com", "--vapid-pvtkey", Expand("{private-key}"), .. options.Split(' ').Select(Expand)]);

        AssertUsageError(run, expected);
    }

    [Fact]
    public async Task Cli_NoArguments_ExitsTwoAndPrintsTheCommandsOnStderr()
    {
        var run = await CliProcess.RunAsync();

        run.ExitCode.Should().Be(2, run.ToString());
        run.StandardOutput.Should().BeEmpty();
        run.StandardError.Should().Contain("webpush demo").And.Contain("webpush send-notification");
    }

    [Theory]
    [InlineData("--help", "webpush generate-vapid-keys")]
    [InlineData("help send-notification", "--vapid-subject <uri>")]
    [InlineData("send-notification --help", "--payload-file <path>")]
    [InlineData("send-notification --help", "--navigate <url>")]
    [InlineData("demo -h", "webpush demo [options]")]
    public async Task Cli_Help_ExitsZeroAndPrintsUsageOnStdout(string commandLine, string expected)
    {
        var run = await CliProcess.RunAsync(commandLine.Split(' '));

        run.ExitCode.Should().Be(0, run.ToString());
        run.StandardOutput.Should().Contain(expected);
        run.StandardError.Should().BeEmpty();
    }

    private static void AssertUsageError(CliRun run, string expected)
    {
        run.ExitCode.Should().Be(2, run.ToString());
        run.StandardOutput.Should().BeEmpty("nothing is sent and nothing is printed on a usage error");
        run.StandardError.Should().NotContain("   at ", "a usage error is never a stack trace");
        var lines = run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().ContainSingle("the error is one line").Which.Should().StartWith("webpush: ").And.Contain(expected);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private string Expand(string value) => value switch
    {
        "{other-public-key}" => VapidKeys.Generate().PublicKeyBase64Url,
        "{private-key}" => s_vapid.ExportPrivateKeyBase64Url(),
        "{missing-file}" => Path.Combine(_directory, "missing.json"),
        "{5000-bytes}" => new string('x', 5000),
        "{bad-json-file}" => WriteFile("bad.json", "{\"endpoint\": \"https://127.0.0.1:9/x\","),
        "{no-keys-file}" => WriteFile("no-keys.json", "{\"endpoint\": \"https://127.0.0.1:9/x\", \"expirationTime\": null}"),
        "{subscription-file}" => WriteFile(
            "subscription.json",
            $"{{\"endpoint\": \"https://127.0.0.1:9/x\", \"keys\": {{\"p256dh\": \"{Base64Url(s_browser.PublicKey.ToArray())}\", \"auth\": \"{Base64Url(s_browser.AuthSecret.ToArray())}\"}}}}"),
        _ => value,
    };

    private string WriteFile(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
