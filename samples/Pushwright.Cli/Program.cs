// webpush: the command-line sender of Pushwright, and a demo of the whole flow.
//
//   webpush demo                  a push service, a browser and a sender, all on 127.0.0.1
//   webpush generate-vapid-keys   a VAPID key pair, as the Node web-push CLI prints it
//   webpush send-notification     one message to one subscription
//
// Exit codes (ExitCodes.cs): 0 done, 1 failed, 2 usage error, 3 subscription gone.
using System;
using System.Reflection;
using System.Text;
using System.Threading;
using Pushwright.Cli;
using Pushwright.Cli.Commands;

// 1. UTF-8 out, so payloads and the demo's check marks print as they are; Ctrl+C cancels a send.
Console.OutputEncoding = Encoding.UTF8;
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

// 2. No command: show what there is.
if (args.Length == 0)
{
    Console.Error.WriteLine(HelpText.Overview);
    return ExitCodes.Usage;
}

// 3. Run the command.
try
{
    var rest = args[1..];
    return args[0] switch
    {
        "demo" => await DemoCommand.RunAsync(rest, Console.Out, cancellation.Token),
        "generate-vapid-keys" => GenerateVapidKeysCommand.Run(rest, Console.Out),
        "send-notification" => await SendNotificationCommand.RunAsync(rest, Console.Out, Console.Error, cancellation.Token),
        "help" => HelpText.Run(rest, Console.Out),
        "--help" or "-h" => HelpText.Run(rest, Console.Out),
        "--version" => PrintVersion(),
        _ => throw new UsageException($"unknown command '{args[0]}'. Run 'webpush --help' to see the commands."),
    };
}

// 4. Errors: one line on stderr, never a stack trace.
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
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("webpush: cancelled.");
    return ExitCodes.Failure;
}
#pragma warning disable CA1031 // The last resort of a command-line tool: report, do not crash with a stack trace.
catch (Exception ex)
#pragma warning restore CA1031
{
    Console.Error.WriteLine($"webpush: {ex.GetType().Name}: {UsageException.OneLine(ex)}");
    return ExitCodes.Failure;
}

static int PrintVersion()
{
    var version = typeof(ExitCodes).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
    Console.WriteLine("webpush " + version);
    return ExitCodes.Success;
}
