using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace Pushwright.IntegrationTests.Cli;

/// <summary><c>webpush generate-vapid-keys</c>, run as a real process.</summary>
public sealed class GenerateVapidKeysCommandTests
{
    [Fact]
    public async Task GenerateVapidKeys_Json_PrintsOneObjectWhoseKeysImport()
    {
        var run = await CliProcess.RunAsync("generate-vapid-keys", "--json");

        run.ExitCode.Should().Be(0, run.ToString());
        run.StandardError.Should().BeEmpty();
        var json = run.StandardOutput.TrimEnd('\r', '\n');
        json.Should().MatchRegex("^\\{\"publicKey\":\"[A-Za-z0-9_-]{87}\",\"privateKey\":\"[A-Za-z0-9_-]{43}\"\\}$", "the Node web-push CLI prints exactly JSON.stringify({publicKey, privateKey})");
        var match = Regex.Match(json, "\"publicKey\":\"([^\"]+)\",\"privateKey\":\"([^\"]+)\"");
        var keys = VapidKeys.FromBase64Url(match.Groups[1].Value, match.Groups[2].Value);
        keys.PublicKeyBase64Url.Should().Be(match.Groups[1].Value);
        keys.ExportPrivateKeyBase64Url().Should().Be(match.Groups[2].Value);
    }

    [Fact]
    public async Task GenerateVapidKeys_Text_PrintsLabelledKeysThatImport()
    {
        var first = await CliProcess.RunAsync("generate-vapid-keys");
        var second = await CliProcess.RunAsync("generate-vapid-keys");

        first.ExitCode.Should().Be(0, first.ToString());
        var (publicKey, privateKey) = ParseText(first.StandardOutput);
        var keys = VapidKeys.FromBase64Url(publicKey, privateKey);
        keys.PublicKeyBase64Url.Should().Be(publicKey);
        ParseText(second.StandardOutput).PublicKey.Should().NotBe(publicKey, "every run makes a fresh pair");
    }

    private static (string PublicKey, string PrivateKey) ParseText(string output)
    {
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        lines.Should().Contain("=======================================");
        var publicKey = lines[lines.IndexOf("Public Key:") + 1];
        var privateKey = lines[lines.IndexOf("Private Key:") + 1];
        publicKey.Should().MatchRegex("^[A-Za-z0-9_-]{87}$");
        privateKey.Should().MatchRegex("^[A-Za-z0-9_-]{43}$");
        return (publicKey, privateKey);
    }
}
