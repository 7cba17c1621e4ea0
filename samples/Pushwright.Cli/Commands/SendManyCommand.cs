using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Pushwright.Cli.CommandOptions;
using Pushwright.Cli.SendMany;
using Pushwright.Cli.Sending;

namespace Pushwright.Cli.Commands;

/// <summary>
/// <c>webpush send-many</c>: one message to every subscription of a file or standard input, through
/// <c>AddWebPush()</c>'s <see cref="WebPushClient.SendManyAsync(System.Collections.Generic.IEnumerable{PushSubscription}, PushMessage, CancellationToken)"/>,
/// with progress and a summary on stderr, an optional JSON summary on stdout and a per-subscription report.
/// </summary>
internal static class SendManyCommand
{
    public const string Notes = """
        The input is a JSON array of subscriptions, or JSON Lines (one subscription per line), as the
        browser's PushSubscription.toJSON() gives them; it is read as a stream, so its size does not
        matter. An entry that is not a valid subscription is reported with its line number, counted as
        Invalid, and does not stop the run.

        Progress goes to stderr: a live line on a terminal, one line every few seconds otherwise. At the
        end a table on stderr counts each outcome and each push service. Standard output holds only the
        --json summary.

        The report has one line per input entry, in the order results came in:
          {"index":0,"line":1,"endpoint":"https://...","outcome":"RateLimited","status":429,
           "error":"...","retryAfter":120,"retryable":true}
        Resend the entries with "retryable": true later; delete the endpoints whose outcome is SubscriptionGone.
        It holds endpoints, which are secrets: on Unix it is created readable by you only.
        """ + "\n\n" + WebPushCommandLine.ExitCodesNote;

    private static readonly Option<string> s_subscriptions = OptionValues.Text(
        "--subscriptions",
        "file|-",
        "The subscriptions: a JSON array or JSON Lines file, or '-' for standard input.");

    private static readonly MessageOptions s_message = new();
    private static readonly VapidOptions s_vapid = new();
    private static readonly TransportOptions s_transport = new();

    private static readonly Option<int?> s_concurrency = new("--concurrency")
    {
        Description = "How many messages are in flight at once (default 16).",
        HelpName = "count",
        CustomParser = OptionValues.WholeNumber("--concurrency", 1, 1024, "requests"),
    };

    private static readonly Option<string> s_report = OptionValues.Text("--report", "file", "Write one JSON line per input subscription to this file (JSON Lines).");

    private static readonly Option<bool> s_json = OptionValues.Switch("--json", "Print the summary as one JSON object on stdout.");

    public static Command Create()
    {
        var command = new Command("send-many", "Send one message to every subscription of a file or of standard input, with progress, a summary and a report.");
        command.Add(s_subscriptions);
        s_message.AddTo(command);
        s_vapid.AddTo(command);
        command.Add(s_concurrency);
        command.Add(s_report);
        command.Add(s_json);
        s_transport.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var console = StatusConsole.ForProcess(parseResult.InvocationConfiguration.Error);
        var timeProvider = TimeProvider.System;

        // 1. Every check before anything is sent: the input exists, the identity, the message, the report can be written.
        var path = parseResult.GetValue(s_subscriptions)
            ?? throw new UsageException("missing --subscriptions <file|->: a JSON array or JSON Lines file of subscriptions, or '-' for standard input. Run 'webpush send-many --help'.");
        var vapid = s_vapid.Read(parseResult, console.Writer);
        var message = s_message.Read(parseResult);
        var transport = s_transport.Read(parseResult);
        using var input = path == "-" ? Console.OpenStandardInput() : OptionValues.ReadFile(s_subscriptions.Name, path, OpenFile);
        using var report = parseResult.GetValue(s_report) is { } reportPath ? ReportWriter.Create(reportPath) : null;

        // 2. The total, for progress: a file is counted on the side (a quick pass that parses
        //    nothing); standard input's is known when it ends.
        long counted = -1;
        if (path != "-")
        {
            _ = Task.Run(() => CountInBackground(path, ref counted), CancellationToken.None);
        }

        // 3. Send through AddWebPush() on a generic host, as an application would.
        using var host = await WebPushHost.StartAsync(vapid, transport, parseResult.GetValue(s_concurrency), console, cancellationToken);
        var client = host.Services.GetRequiredService<WebPushClient>();
        var tally = new Tally();
        var run = new SendManyRun(tally, report, console);
        var started = timeProvider.GetTimestamp();
        bool cancelled;
        await using (ProgressReporter.Start(tally, () => Volatile.Read(ref counted) is >= 0 and var total ? total : run.ReadWhenDone, console, timeProvider))
        {
            cancelled = await run.RunAsync(client, message, input, cancellationToken);
        }

        var elapsed = timeProvider.GetElapsedTime(started);
        report?.Flush();
        await host.StopAsync(CancellationToken.None);

        // 4. The summary: a table on stderr, and the JSON object on stdout. The exit code is the most severe category present.
        var counts = tally.Snapshot();
        var exitCode = cancelled ? ExitCodes.Cancelled : counts.ExitCode();
        if (run.InputFailure is { } failure)
        {
            console.WriteLine("webpush: " + failure);
            exitCode = ExitCodes.MostSevere(exitCode, ExitCodes.Failure);
        }

        var summary = new RunSummary(counts, elapsed, cancelled, exitCode);
        summary.WriteTable(console.Writer);
        if (parseResult.GetValue(s_json))
        {
            summary.WriteJson(parseResult.InvocationConfiguration.Output);
        }

        return exitCode;
    }

    private static FileStream OpenFile(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);

    private static void CountInBackground(string path, ref long counted)
    {
        try
        {
            using var stream = OpenFile(path);
            Volatile.Write(ref counted, SubscriptionReader.Count(stream));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The total stays unknown; the run itself reports a file it cannot read.
        }
    }
}
