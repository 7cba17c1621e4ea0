using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace Pushwright.IntegrationTests.Cli;

/// <summary>What one run of the <c>webpush</c> process produced.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="StandardOutput">Everything written to stdout.</param>
/// <param name="StandardError">Everything written to stderr.</param>
internal sealed record CliRun(int ExitCode, string StandardOutput, string StandardError)
{
    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}stdout:{Environment.NewLine}{StandardOutput}stderr:{Environment.NewLine}{StandardError}";
}

/// <summary>
/// Runs the real <c>webpush</c> tool as a separate process, <c>dotnet Pushwright.Cli.dll …</c>, with
/// a time limit. The VAPID environment variables of the test run are removed, so only what a test
/// passes reaches the tool.
/// </summary>
internal static class CliProcess
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private static readonly string[] s_vapidVariables = ["VAPID_PUBLIC_KEY", "VAPID_PRIVATE_KEY", "VAPID_SUBJECT"];
    private static readonly Lazy<string> s_dll = new(FindDll);

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(args, null);

    public static Task<CliRun> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment) => RunAsync(args, environment, null);

    /// <summary>Runs the tool to its end, with <paramref name="standardInput"/> on its stdin (closed at once when <see langword="null"/>).</summary>
    public static async Task<CliRun> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment, string? standardInput)
    {
        using var running = Start(args, environment, standardInput);
        return await running.WaitAsync(s_timeout);
    }

    /// <summary>Starts the tool and returns at once, for tests that watch it run (memory, signals).</summary>
    public static RunningCli Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? standardInput = null)
    {
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        startInfo.ArgumentList.Add(s_dll.Value);
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        foreach (var name in s_vapidVariables)
        {
            startInfo.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start " + startInfo.FileName);
        return new RunningCli(process, string.Join(' ', args), standardInput);
    }

    /// <summary>
    /// The ProjectReference copies Pushwright.Cli.dll (with its runtimeconfig and deps files) next to
    /// the test assembly; the sample's own bin folder is the fallback.
    /// </summary>
    private static string FindDll()
    {
        var nextToTests = Path.Combine(AppContext.BaseDirectory, "Pushwright.Cli.dll");
        if (File.Exists(nextToTests) && File.Exists(Path.Combine(AppContext.BaseDirectory, "Pushwright.Cli.runtimeconfig.json")))
        {
            return nextToTests;
        }

        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "samples", "Pushwright.Cli", "bin", configuration, "net10.0", "Pushwright.Cli.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("Pushwright.Cli.dll is neither next to the tests nor under samples/Pushwright.Cli/bin; build the solution first.", nextToTests);
    }

    private static string DotnetHost()
    {
        // `dotnet test` tells child processes which host runs it; use the same one.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current).Equals("dotnet", StringComparison.OrdinalIgnoreCase) ? current : "dotnet";
    }
}
