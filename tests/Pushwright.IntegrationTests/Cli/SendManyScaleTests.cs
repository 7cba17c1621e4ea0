using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit;
using Xunit.Abstractions;

namespace Pushwright.IntegrationTests.Cli;

/// <summary>
/// <c>webpush send-many</c> at size and under Ctrl+C, as a real process: a 100,000-line input in
/// flat memory, and SIGINT in the middle of a run.
/// </summary>
public sealed class SendManyScaleTests : IAsyncLifetime, IDisposable
{
    private const int LargeRun = 100_000;
    private const int SmallRun = 10_000;

    // Measured on Linux x64 at about 100 MiB for both sizes. Keeping every line (as a list of
    // entries) measured 174 MiB for 100,000 lines against 106 MiB for 10,000 and fails the growth bound.
    private const long MaxPeak = 200L * 1024 * 1024;
    private const long MaxGrowth = 24L * 1024 * 1024;

    private readonly ITestOutputHelper _output;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "webpush-send-many-" + Guid.NewGuid().ToString("N"));
    private CliPushService _service = null!;

    public SendManyScaleTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _service = await CliPushService.StartAsync();
    }

    public async Task DisposeAsync() => await _service.DisposeAsync();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task SendMany_HundredThousandLines_DeliversEveryOneInFlatMemory()
    {
        // A few subscriptions, repeated: the test's own setup stays fast, and every line is still parsed, encrypted and sent.
        string[] subscriptions = [_service.Delivered(), _service.Delivered(), _service.Delivered(), _service.Delivered()];
        var small = await WriteRepeatedAsync("small.jsonl", subscriptions, SmallRun);
        var large = await WriteRepeatedAsync("large.jsonl", subscriptions, LargeRun);

        var (smallRun, smallPeak) = await RunMeasuredAsync(small, "small-report.jsonl");
        var (largeRun, largePeak) = await RunMeasuredAsync(large, "large-report.jsonl");

        _output.WriteLine($"peak working set: {Megabytes(smallPeak)} MiB for {SmallRun} lines, {Megabytes(largePeak)} MiB for {LargeRun} lines ({new FileInfo(large).Length / 1024 / 1024} MiB of input)");
        _output.WriteLine(largeRun.StandardError);
        smallRun.ExitCode.Should().Be(0, smallRun.ToString());
        largeRun.ExitCode.Should().Be(0, largeRun.ToString());
        using var summary = JsonDocument.Parse(largeRun.StandardOutput);
        summary.RootElement.GetProperty("outcomes").GetProperty("Delivered").GetInt64().Should().Be(LargeRun);
        File.ReadLines(Path.Combine(_directory, "large-report.jsonl")).Count().Should().Be(LargeRun);
        largePeak.Should().BeGreaterThan(0, "the peak is read from /proc/<pid>/status");
        largePeak.Should().BeLessThan(MaxPeak, "the whole run stays within a fixed budget");
        (largePeak - smallPeak).Should().BeLessThan(MaxGrowth, "ten times the input must not need more memory: nothing per line is kept");
    }

    [Fact]
    public async Task SendMany_CtrlC_StopsPromptlyWritesTheReportAndSummaryAndExits130()
    {
        // Slow replies keep 16 sends in flight at every moment, so SIGINT always lands mid-run.
        string[] subscriptions = [_service.Slow(TimeSpan.FromMilliseconds(300)), _service.Slow(TimeSpan.FromMilliseconds(300))];
        const int Lines = 2000;
        var input = await WriteRepeatedAsync("slow.jsonl", subscriptions, Lines);
        var report = Path.Combine(_directory, "cancelled-report.jsonl");
        using var running = CliProcess.Start(
            ["send-many", "--subscriptions", input, "--payload", "stop me", "--report", report, "--json", .. _service.SenderArgs]);

        // Progress arrives as a plain line every few seconds when stderr is not a terminal; interrupt after the first.
        await WaitUntilAsync(() => running.StandardErrorSoFar.Contains($"/{Lines} done (", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var interrupted = Stopwatch.StartNew();
        running.Interrupt();
        var run = await running.WaitAsync(TimeSpan.FromSeconds(30));
        var stopTime = interrupted.Elapsed;
        var requestsAtExit = _service.RequestCount;
        await Task.Delay(500);

        _output.WriteLine($"stopped {stopTime.TotalMilliseconds:0} ms after SIGINT, {requestsAtExit} requests sent");
        _output.WriteLine(run.StandardError);
        run.ExitCode.Should().Be(130, run.ToString());
        stopTime.Should().BeLessThan(TimeSpan.FromSeconds(5), "Ctrl+C stops sending promptly");
        _service.RequestCount.Should().Be(requestsAtExit, "nothing is sent after the process exits");
        requestsAtExit.Should().BeLessThan(Lines);

        using var summary = JsonDocument.Parse(run.StandardOutput);
        summary.RootElement.GetProperty("cancelled").GetBoolean().Should().BeTrue();
        summary.RootElement.GetProperty("exitCode").GetInt32().Should().Be(130);
        var delivered = summary.RootElement.GetProperty("outcomes").GetProperty("Delivered").GetInt64();
        var cancelled = summary.RootElement.GetProperty("outcomes").GetProperty("Cancelled").GetInt64();
        delivered.Should().BePositive();
        cancelled.Should().BePositive("the sends in flight at Ctrl+C had no reply yet");
        run.StandardError.Should().Contain("stopped by Ctrl+C").And.Contain("Exit code 130: stopped by Ctrl+C.");

        var entries = File.ReadAllLines(report).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        entries.Should().HaveCount((int)(delivered + cancelled), "every subscription read has its line in the report");
        entries.Count(e => e.GetProperty("outcome").GetString() == "Cancelled").Should().Be((int)cancelled);
        entries.Where(e => e.GetProperty("outcome").GetString() == "Cancelled").Should().OnlyContain(e => e.GetProperty("retryable").GetBoolean());
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            waited.Elapsed.Should().BeLessThan(timeout, "the condition should have come true by now");
            await Task.Delay(50);
        }
    }

    private static string Megabytes(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture);

    private async Task<(CliRun Run, long Peak)> RunMeasuredAsync(string input, string report)
    {
        using var running = CliProcess.Start(
            ["send-many", "--subscriptions", input, "--payload", "A message for many", "--report", Path.Combine(_directory, report), "--json", .. _service.SenderArgs]);
        var run = await running.WaitAsync(TimeSpan.FromMinutes(5));
        return (run, running.PeakWorkingSetBytes);
    }

    private async Task<string> WriteRepeatedAsync(string name, string[] lines, int count)
    {
        var path = Path.Combine(_directory, name);
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        for (var i = 0; i < count; i++)
        {
            await writer.WriteLineAsync(lines[i % lines.Length]);
        }

        return path;
    }
}
