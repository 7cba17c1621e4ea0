using System;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Pushwright.Cli.Commands;

namespace Pushwright.Cli;

/// <summary>
/// The <c>webpush</c> command line on System.CommandLine: the commands, their help notes, and the
/// rules every command shares: a usage error is one line on stderr and exit code 2, nothing is
/// sent; any other error is one line, never a stack trace.
/// </summary>
internal static class WebPushCommandLine
{
    public const string ExitCodesNote = """
        Exit codes (when several apply, the first in this list):
          2    usage error: nothing was sent
          1    a permanent failure: 400, 401/403, 413, refused before sending, or an invalid subscription
          4    may succeed later: 429, 5xx or no reply, after the retries
          3    a subscription is gone (404/410 or expired): remove it
          0    every message delivered (or the command did what it was asked)
          130  stopped by Ctrl+C
        """;

    private const string RootNotes = ExitCodesNote + "\n" + """
        Examples:
          webpush demo
          webpush generate-vapid-keys --json > vapid.json
          webpush send-notification --subscription sub.json --payload "Your order shipped" --ttl 3600
          webpush send-many --subscriptions subs.jsonl --payload "Hello" --report report.jsonl

        Options can also come from a response file, one per line: webpush send-notification @options.rsp
        """;

    private const string DemoNotes = """
        Runs the whole Web Push flow on this machine, with no browser and no network: starts a small push
        service on 127.0.0.1 (random port), subscribes a simulated browser, sends one message with
        aes128gcm and one with aesgcm through WebPushClient, shows each one decrypted on the receiving
        side with its VAPID header checked, then lets the browser unsubscribe so the next message gets
        410 Gone and the subscription is removed.

        Exit code 0 when everything matched, 1 otherwise.
        """;

    /// <summary>Builds the root command with every command and its help notes.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("webpush: send encrypted Web Push messages (RFC 8030, RFC 8291, RFC 8292) from the command line.");
        root.HelpName = "webpush";

        var demo = new Command("demo", "Run the whole flow locally: a push service on 127.0.0.1, a simulated browser, both encodings, and a 410.");
        demo.SetAction((parseResult, cancellationToken) => DemoCommand.RunAsync(parseResult.InvocationConfiguration.Output, cancellationToken));

        var sendNotification = SendNotificationCommand.Create();
        var sendMany = SendManyCommand.Create();
        var generateVapidKeys = GenerateVapidKeysCommand.Create();
        root.Add(demo);
        root.Add(generateVapidKeys);
        root.Add(sendNotification);
        root.Add(sendMany);
        root.Add(HelpCommand.Create(root));

        // Without a command: the overview on stderr, and a usage error.
        root.SetAction(parseResult =>
        {
            root.Parse("--help").Invoke(new InvocationConfiguration { Output = parseResult.InvocationConfiguration.Error });
            return ExitCodes.Usage;
        });

        var helpOption = root.Options.OfType<HelpOption>().Single();
        var help = new HelpWithNotes((HelpAction)helpOption.Action!);
        help.Add(root, RootNotes);
        help.Add(demo, DemoNotes);
        help.Add(generateVapidKeys, GenerateVapidKeysCommand.Notes);
        help.Add(sendNotification, SendNotificationCommand.Notes);
        help.Add(sendMany, SendManyCommand.Notes);
        helpOption.Action = help;
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var root = Create();
        var parseResult = root.Parse(args);
        var configuration = new InvocationConfiguration
        {
            // Errors are reported here, on one line; Ctrl+C is handled by Program.cs, which lets a
            // command finish its report however long that takes.
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };

        try
        {
            if (parseResult.Action is ParseErrorAction)
            {
                Console.Error.WriteLine("webpush: " + UsageErrors.Describe(parseResult, args));
                return ExitCodes.Usage;
            }

            return await parseResult.InvokeAsync(configuration, cancellationToken);
        }
        catch (UsageException ex)
        {
            Console.Error.WriteLine("webpush: " + ex.Message);
            return ExitCodes.Usage;
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine("webpush: " + UsageException.OneLine(ex));
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Console.Error.WriteLine("webpush: cancelled.");
            return ExitCodes.Cancelled;
        }
#pragma warning disable CA1031 // The last resort of a command-line tool: report, do not crash with a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Console.Error.WriteLine($"webpush: {ex.GetType().Name}: {UsageException.OneLine(ex)}");
            return ExitCodes.Failure;
        }
    }
}
