// webpush: the command-line sender of Pushwright, and a demo of the whole flow.
//
//   webpush demo                  a push service, a browser and a sender, all on 127.0.0.1
//   webpush generate-vapid-keys   a VAPID key pair, as the Node web-push CLI prints it
//   webpush send-notification     one message to one subscription
//   webpush send-many             one message to a list of subscriptions, with progress, a summary and a report
//
// The command line is System.CommandLine's (WebPushCommandLine.cs); the exit codes are in ExitCodes.cs.
using System.Text;
using System.Threading;
using Pushwright.Cli;

// 1. UTF-8 out, so payloads and the demo's check marks print as they are.
System.Console.OutputEncoding = Encoding.UTF8;

// 2. The first Ctrl+C stops sending and lets the command report what it did; a second one ends the process at once.
using var cancellation = new CancellationTokenSource();
System.Console.CancelKeyPress += (_, e) =>
{
    if (!cancellation.IsCancellationRequested)
    {
        e.Cancel = true;
        cancellation.Cancel();
    }
};

// 3. Parse and run.
return await WebPushCommandLine.RunAsync(args, cancellation.Token);
