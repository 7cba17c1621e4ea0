using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Pushwright.Sample.Fanout.Tests.Support;

/// <summary>
/// The PostgreSQL and RabbitMQ servers the tests use, as <c>eng/services.sh</c> starts and exports
/// them: whether they are there, and the means to restart them and to look inside the broker.
/// </summary>
internal static class FanoutServices
{
    public const string PostgresVariable = "PUSHWRIGHT_TEST_POSTGRES";
    public const string RabbitMQVariable = "PUSHWRIGHT_TEST_RABBITMQ";

    private static readonly Lazy<string?> s_unavailableReason = new(FindUnavailableReason);

    /// <summary>Gets a value indicating whether this is a CI run (<c>CI=true</c>), where missing services fail the tests instead of skipping them.</summary>
    public static bool IsCI => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Gets the connection string of a role that may create databases.</summary>
    public static string Postgres => Environment.GetEnvironmentVariable(PostgresVariable)!;

    /// <summary>Gets the AMQP URI of the test vhost.</summary>
    public static Uri RabbitMQ => new(Environment.GetEnvironmentVariable(RabbitMQVariable)!);

    /// <summary>Gets the vhost named by <see cref="RabbitMQ"/>.</summary>
    public static string VirtualHost => RabbitMQ.AbsolutePath.Length > 1 ? Uri.UnescapeDataString(RabbitMQ.AbsolutePath[1..]) : "/";

    /// <summary>Gets the built sample, <c>fanout.dll</c>.</summary>
    public static string FanoutDll { get; } = typeof(FanoutServices).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "FanoutDll").Value!;

    /// <summary>Gets the repository root (the folder of WebPush.sln).</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Gets why the tests cannot run here, or <see langword="null"/> when they can.</summary>
    public static string? UnavailableReason => s_unavailableReason.Value;

    /// <summary>Throws with the reason when the services are missing (reached only when CI=true, where the tests do not skip).</summary>
    public static void EnsureAvailable()
    {
        if (UnavailableReason is { } reason)
        {
            throw new InvalidOperationException($"CI=true, so this fails instead of skipping: {reason}");
        }
    }

    /// <summary>Runs <c>eng/services.sh</c> with the arguments, e.g. <c>restart rabbitmq</c>.</summary>
    public static Task<string> RunServicesScriptAsync(params string[] arguments) =>
        RunAsync("bash", [Path.Combine(RepositoryRoot, "eng", "services.sh"), .. arguments], TimeSpan.FromMinutes(2));

    /// <summary>Reads each queue's ready and unacknowledged message counts from the broker itself (<c>rabbitmqctl list_queues</c>).</summary>
    public static async Task<IReadOnlyDictionary<string, (long Ready, long Unacknowledged)>> ListQueuesAsync()
    {
        var output = await RunAsync("rabbitmqctl", ["-q", "list_queues", "-p", VirtualHost, "--no-table-headers", "name", "messages_ready", "messages_unacknowledged"], TimeSpan.FromMinutes(1));
        var queues = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split('\t');
            if (fields.Length == 3 && long.TryParse(fields[1], out var ready) && long.TryParse(fields[2], out var unacknowledged))
            {
                queues[fields[0]] = (ready, unacknowledged);
            }
        }

        return queues;
    }

    private static string? FindUnavailableReason()
    {
        const string Fix = "start them with: eval \"$(eng/services.sh start)\" (as root or with sudo).";
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PostgresVariable)) || string.IsNullOrEmpty(Environment.GetEnvironmentVariable(RabbitMQVariable)))
        {
            return $"PostgreSQL and RabbitMQ are needed, through {PostgresVariable} and {RabbitMQVariable}: {Fix}";
        }

        var postgres = new NpgsqlConnectionStringBuilder(Postgres);
        if (!Reachable(postgres.Host ?? "127.0.0.1", postgres.Port))
        {
            return $"PostgreSQL does not answer at {postgres.Host}:{postgres.Port}; {Fix}";
        }

        var rabbit = RabbitMQ;
        if (!Reachable(rabbit.Host, rabbit.IsDefaultPort ? 5672 : rabbit.Port))
        {
            return $"RabbitMQ does not answer at {rabbit.Host}:{rabbit.Port}; {Fix}";
        }

        // The tests restart the servers and read the broker's queues through eng/services.sh and
        // rabbitmqctl, which need root (or sudo) on this machine.
        if (Environment.UserName != "root" && !CanSudo())
        {
            return "the tests restart PostgreSQL and RabbitMQ and read rabbitmqctl, which needs root or password-less sudo.";
        }

        return null;
    }

    private static bool Reachable(string host, int port)
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync(host, port).Wait(TimeSpan.FromSeconds(2)) && client.Connected;
        }
        catch (AggregateException)
        {
            return false;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static bool CanSudo()
    {
        try
        {
            return RunAsync("sudo", ["-n", "true"], TimeSpan.FromSeconds(10)).Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            return false;
        }
    }

    private static async Task<string> RunAsync(string fileName, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + fileName);
        using var cancellation = new CancellationTokenSource(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellation.Token);
        var stderr = process.StandardError.ReadToEndAsync(cancellation.Token);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds} s.");
        }

        var output = await stdout;
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{output}{await stderr}");
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WebPush.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("WebPush.sln not found above " + AppContext.BaseDirectory);
    }
}
