using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;

namespace Pushwright.IntegrationTests.Cli;

/// <summary>
/// <c>webpush send-many</c> as a real process against the loopback push service: counts, the
/// report, every exit code, standard input and JSON arrays.
/// </summary>
public sealed class SendManyCommandTests : IAsyncLifetime, IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "webpush-send-many-" + Guid.NewGuid().ToString("N"));
    private CliPushService _service = null!;

    public SendManyCommandTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _service = await CliPushService.StartAsync();
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task SendMany_MixedList_CountsEveryOutcomeReportsEveryLineAndExitsOne()
    {
        string[] delivered = [_service.Delivered(), _service.Delivered()];
        var gone = _service.Gone();
        var retried = _service.UnavailableThenDelivered();
        var rateLimited = _service.RateLimited(TimeSpan.FromHours(1));
        var refused = _service.Redirected();
        string[] lines = [delivered[0], delivered[1], gone, retried, rateLimited, refused, string.Empty, "this is not JSON"];
        var input = WriteLines("mixed.jsonl", lines);
        var report = Path.Combine(_directory, "report.jsonl");

        var run = await CliProcess.RunAsync(
            ["send-many", "--subscriptions", input, "--payload", "Hello, many", "--report", report, "--json", .. _service.SenderArgs], null);

        _output.WriteLine(run.StandardError + run.StandardOutput);
        run.ExitCode.Should().Be(1, "a refused send and an invalid line are permanent failures, the most severe category present; " + run);

        // The summary on stdout: one JSON object, nothing else.
        run.StandardOutput.TrimEnd('\n').Should().NotContain("\n", "stdout holds the --json summary alone");
        using var summary = JsonDocument.Parse(run.StandardOutput);
        var outcomes = summary.RootElement.GetProperty("outcomes");
        Count(outcomes, "Delivered").Should().Be(3, "two delivered and the 503 that the retry turned into a 201");
        Count(outcomes, "SubscriptionGone").Should().Be(1);
        Count(outcomes, "RateLimited").Should().Be(1);
        Count(outcomes, "Refused").Should().Be(1);
        Count(outcomes, "Invalid").Should().Be(1, "the blank line is skipped, the malformed one is counted");
        Count(outcomes, "ServerError").Should().Be(0);
        summary.RootElement.GetProperty("subscriptions").GetInt64().Should().Be(7);
        summary.RootElement.GetProperty("sent").GetInt64().Should().Be(6);
        summary.RootElement.GetProperty("exitCode").GetInt32().Should().Be(1);
        summary.RootElement.GetProperty("cancelled").GetBoolean().Should().BeFalse();
        var host = summary.RootElement.GetProperty("hosts").GetProperty("127.0.0.1");
        host.GetProperty("sent").GetInt64().Should().Be(6);
        host.GetProperty("Delivered").GetInt64().Should().Be(3);

        // The table and the bad line on stderr.
        run.StandardError.Should().Contain("webpush: line 8: invalid subscription:")
            .And.Contain("webpush send-many: 7 subscriptions, 6 sent in")
            .And.MatchRegex(@"Delivered\s+3\s+0")
            .And.MatchRegex(@"RateLimited\s+1\s+4")
            .And.MatchRegex(@"127\.0\.0\.1\s+6\s+3\s+1\s+1\s+1")
            .And.Contain("Exit code 1: a permanent failure is present.");
        _service.RequestsTo(retried).Should().Be(2, "the 503 was retried once");
        _service.RequestsTo(rateLimited).Should().Be(1, "a Retry-After of an hour is longer than the tool waits");

        // The report: one line per input entry, with what a follow-up run needs.
        _output.WriteLine(File.ReadAllText(report));
        var entries = ReadReport(report);
        entries.Should().HaveCount(7);
        entries.Select(e => e.GetProperty("index").GetInt64()).Should().BeEquivalentTo([0L, 1, 2, 3, 4, 5, 6]);
        var byLine = entries.ToDictionary(e => e.GetProperty("line").GetInt64());
        byLine.Keys.Should().BeEquivalentTo([1L, 2, 3, 4, 5, 6, 8]);
        AssertEntry(byLine[1], delivered[0], "Delivered", 201, retryable: false);
        AssertEntry(byLine[3], gone, "SubscriptionGone", 410, retryable: false);
        AssertEntry(byLine[4], retried, "Delivered", 201, retryable: false);
        AssertEntry(byLine[5], rateLimited, "RateLimited", 429, retryable: true);
        byLine[5].GetProperty("retryAfter").GetInt64().Should().Be(3600);
        byLine[5].GetProperty("error").GetString().Should().ContainEquivalentOf("Too many requests");
        AssertEntry(byLine[6], refused, "Refused", 307, retryable: false);
        byLine[8].GetProperty("outcome").GetString().Should().Be("Invalid");
        byLine[8].GetProperty("endpoint").ValueKind.Should().Be(JsonValueKind.Null);
        byLine[8].GetProperty("error").GetString().Should().NotBeNullOrEmpty();
        byLine[8].GetProperty("retryable").GetBoolean().Should().BeFalse();
    }

    [Theory]
    [InlineData("delivered", 0)]
    [InlineData("delivered gone", 3)]
    [InlineData("delivered gone rate-limited", 4)]
    [InlineData("delivered gone rate-limited rejected", 1)]
    [InlineData("delivered invalid", 1)]
    [InlineData("delivered refused", 1)]
    public async Task SendMany_OutcomesPresent_ExitWithTheMostSevereCategory(string outcomes, int exitCode)
    {
        var lines = outcomes.Split(' ').Select(outcome => outcome switch
        {
            "delivered" => _service.Delivered(),
            "gone" => _service.Gone(),
            "rate-limited" => _service.RateLimited(TimeSpan.FromMinutes(10)),
            "rejected" => _service.Rejected(),
            "refused" => _service.Redirected(),
            "invalid" => "{\"endpoint\": \"https://push.example.net/x\"}",
            _ => throw new ArgumentOutOfRangeException(nameof(outcomes), outcome, null),
        }).ToArray();

        var run = await CliProcess.RunAsync(["send-many", "--subscriptions", WriteLines("list.jsonl", lines), .. _service.SenderArgs], null);

        run.ExitCode.Should().Be(exitCode, run.ToString());
        run.StandardOutput.Should().BeEmpty("without --json nothing goes to stdout");
        run.StandardError.Should().Contain($"Exit code {exitCode}: ");
    }

    [Theory]
    [InlineData("--subscriptions {missing}", "--subscriptions: file '")]
    [InlineData("--payload x", "missing --subscriptions <file|->")]
    [InlineData("--subscriptions {list} --concurrency 0", "--concurrency: must be a whole number of requests from 1 to 1024; got '0'")]
    [InlineData("--subscriptions {list} --report {directory}", "--report: cannot create '")]
    [InlineData("--subscriptions {list} --payload-file {missing}", "--payload-file: file '")]
    public async Task SendMany_UsageError_ExitsTwoAndSendsNothing(string commandLine, string expected)
    {
        var list = WriteLines("list.jsonl", [_service.Delivered()]);
        var args = commandLine.Split(' ').Select(a => a switch
        {
            "{missing}" => Path.Combine(_directory, "missing.jsonl"),
            "{list}" => list,
            "{directory}" => _directory,
            _ => a,
        });

        var run = await CliProcess.RunAsync(["send-many", .. args, .. _service.SenderArgs], null);

        run.ExitCode.Should().Be(2, run.ToString());
        run.StandardOutput.Should().BeEmpty();
        run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle()
            .Which.Should().StartWith("webpush: ").And.Contain(expected);
        _service.RequestCount.Should().Be(0, "nothing is sent on a usage error");
    }

    [Fact]
    public async Task SendMany_StandardInput_SendsEveryLineAndReportsIt()
    {
        string[] lines = [_service.Delivered(), _service.Gone(), _service.Delivered()];
        var report = Path.Combine(_directory, "stdin-report.jsonl");

        var run = await CliProcess.RunAsync(
            ["send-many", "--subscriptions", "-", "--payload", "from stdin", "--report", report, "--json", .. _service.SenderArgs],
            null,
            string.Join('\n', lines) + "\n");

        run.ExitCode.Should().Be(3, run.ToString());
        using var summary = JsonDocument.Parse(run.StandardOutput);
        Count(summary.RootElement.GetProperty("outcomes"), "Delivered").Should().Be(2);
        Count(summary.RootElement.GetProperty("outcomes"), "SubscriptionGone").Should().Be(1);
        ReadReport(report).Select(e => e.GetProperty("line").GetInt64()).Should().BeEquivalentTo([1L, 2, 3]);
        _service.Received(lines[0]).Should().ContainSingle().Which.Plaintext.Should().Equal("from stdin"u8.ToArray());
    }

    [Fact]
    public async Task SendMany_TitleAndNavigate_SendsOneDeclarativeMessageToEverySubscription()
    {
        string[] lines = [_service.Delivered(), _service.Delivered()];
        var input = WriteLines("declarative.jsonl", lines);

        var run = await CliProcess.RunAsync(
            ["send-many", "--subscriptions", input, "--title", "Sale", "--payload", "Starts now", "--navigate", "https://shop.example.com/sale", .. _service.SenderArgs], null);

        run.ExitCode.Should().Be(0, run.ToString());
        var expected = PushMessage.Declarative(new DeclarativeNotification("Sale", new Uri("https://shop.example.com/sale")) { Body = "Starts now" }).Payload.ToArray();
        foreach (var line in lines)
        {
            _service.Received(line).Should().ContainSingle().Which.Plaintext.Should().Equal(expected);
        }
    }

    [Fact]
    public async Task SendMany_JsonArray_ReadsEachElementWithItsLine()
    {
        string[] subscriptions = [_service.Delivered(), _service.Delivered()];
        var pretty = subscriptions.Select(s => JsonSerializer.Serialize(JsonDocument.Parse(s).RootElement, new JsonSerializerOptions { WriteIndented = true })).ToArray();
        var input = Path.Combine(_directory, "array.json");
        await File.WriteAllTextAsync(input, "[\n" + pretty[0] + ",\n  {\"endpoint\": \"https://push.example.net/no-keys\"},\n" + pretty[1] + "\n]\n");
        var secondLine = 1 + pretty[0].Split('\n').Length + 1 + 1;
        var report = Path.Combine(_directory, "array-report.jsonl");

        var run = await CliProcess.RunAsync(["send-many", "--subscriptions", input, "--report", report, .. _service.SenderArgs], null);

        run.ExitCode.Should().Be(1, "one element is not a subscription; " + run);
        var invalidLine = 2 + pretty[0].Split('\n').Length;
        run.StandardError.Should().Contain($"webpush: line {invalidLine}: invalid subscription:");
        var byIndex = ReadReport(report).ToDictionary(e => e.GetProperty("index").GetInt64());
        byIndex[0].GetProperty("line").GetInt64().Should().Be(2);
        byIndex[0].GetProperty("outcome").GetString().Should().Be("Delivered");
        byIndex[1].GetProperty("line").GetInt64().Should().Be(invalidLine);
        byIndex[1].GetProperty("outcome").GetString().Should().Be("Invalid");
        byIndex[2].GetProperty("line").GetInt64().Should().Be(secondLine);
        byIndex[2].GetProperty("endpoint").GetString().Should().Be(_service.EndpointOf(subscriptions[1]).AbsoluteUri);
        byIndex[2].GetProperty("outcome").GetString().Should().Be("Delivered");
    }

    [Fact]
    public async Task SendMany_TruncatedJsonArray_SendsWhatCameBeforeAndCountsTheRestInvalid()
    {
        var subscription = _service.Delivered();
        var input = Path.Combine(_directory, "truncated.json");
        await File.WriteAllTextAsync(input, "[" + subscription + ",\n{\"endpoint\": ");

        var run = await CliProcess.RunAsync(["send-many", "--subscriptions", input, "--json", .. _service.SenderArgs], null);

        run.ExitCode.Should().Be(1, run.ToString());
        using var summary = JsonDocument.Parse(run.StandardOutput);
        Count(summary.RootElement.GetProperty("outcomes"), "Delivered").Should().Be(1);
        Count(summary.RootElement.GetProperty("outcomes"), "Invalid").Should().Be(1);
        run.StandardError.Should().Contain("webpush: line 2: invalid subscription: not valid JSON (").And.Contain("the rest of the input was not read");
    }

    private static long Count(JsonElement outcomes, string name) => outcomes.GetProperty(name).GetInt64();

    private static List<JsonElement> ReadReport(string path) =>
        [.. File.ReadAllLines(path).Select(line => JsonDocument.Parse(line).RootElement)];

    private void AssertEntry(JsonElement entry, string subscription, string outcome, int status, bool retryable)
    {
        entry.GetProperty("endpoint").GetString().Should().Be(_service.EndpointOf(subscription).AbsoluteUri);
        entry.GetProperty("outcome").GetString().Should().Be(outcome);
        entry.GetProperty("status").GetInt32().Should().Be(status);
        entry.GetProperty("retryable").GetBoolean().Should().Be(retryable);
    }

    private string WriteLines(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllLines(path, lines);
        return path;
    }
}
