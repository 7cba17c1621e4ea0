// fanout: one Web Push broadcast to every stored subscription, spread over worker processes.
//
//   fanout broadcast --payload "..."   the coordinator: record the broadcast, queue batches of ids
//   fanout worker                      as many as you like, on as many machines: send the batches
//   fanout status <id>                 counts per outcome
//
// RabbitMQ carries the work, PostgreSQL keeps the state; the README explains the delivery guarantee.
// Settings come from FANOUT_* environment variables or appsettings.json ('fanout --help').
using System;
using System.Runtime.InteropServices;
using System.Threading;
using Microsoft.Extensions.Options;
using Npgsql;
using Pushwright.Sample.Fanout;
using Pushwright.Sample.Fanout.Commands;
using RabbitMQ.Client.Exceptions;

// 1. Ctrl+C and SIGTERM stop the command; a worker finishes the batch in hand first.
using var stopping = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stopping.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stopping.Cancel();
});

// 2. Run the command with the settings of this process.
try
{
    var settings = FanoutSettings.Load();
    var rest = args.Length > 0 ? args[1..] : [];
    return args switch
    {
        ["init"] => await InitCommand.RunAsync(settings, Console.Out, stopping.Token),
        ["import", ..] => await ImportCommand.RunAsync(rest, settings, Console.Out, stopping.Token),
        ["broadcast", ..] => await BroadcastCommand.RunAsync(rest, settings, Console.Out, stopping.Token),
        ["worker"] => await WorkerCommand.RunAsync(settings, Console.Out, stopping.Token),
        ["status", ..] => await StatusCommand.RunAsync(rest, settings, Console.Out, stopping.Token),
        ["--help" or "-h" or "help"] => PrintUsage(),
        [] => throw new UsageException("no command. Run 'fanout --help'."),
        _ => throw new UsageException($"unknown command '{string.Join(' ', args)}'. Run 'fanout --help'."),
    };
}

// 3. Errors: one line on stderr.
catch (Exception ex) when (ex is UsageException or OptionsValidationException)
{
    Console.Error.WriteLine("fanout: " + ex.Message);
    return 2;
}
catch (OperationCanceledException) when (stopping.IsCancellationRequested)
{
    Console.Error.WriteLine("fanout: stopped.");
    return 1;
}
catch (NpgsqlException ex)
{
    Console.Error.WriteLine("fanout: PostgreSQL: " + ex.Message);
    return 1;
}
catch (Exception ex) when (ex is RabbitMQClientException or BrokerUnreachableException)
{
    Console.Error.WriteLine("fanout: RabbitMQ: " + ex.Message);
    return 1;
}

static int PrintUsage()
{
    Console.WriteLine(Usage.Text);
    return 0;
}
