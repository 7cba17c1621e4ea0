using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Pushwright.Benchmarks.Million;

/// <summary>
/// The sink (benchmarks/Pushwright.Benchmarks.Sink) as a child process: started from this
/// program's output folder, told what to count over its stdin, and stopped by closing that stdin
/// (it also stops by itself if this process dies, when the pipe breaks).
/// </summary>
internal sealed class SinkProcess : IAsyncDisposable
{
    private const string Name = "Pushwright.Benchmarks.Sink";
    private static readonly TimeSpan s_replyTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;

    private SinkProcess(Process process, string origin)
    {
        _process = process;
        Origin = origin;
    }

    /// <summary>Gets the sink's origin, <c>http://127.0.0.1:port</c>.</summary>
    public string Origin { get; }

    /// <summary>Gets the process id, for the report.</summary>
    public int Id => _process.Id;

    public static async Task<SinkProcess> StartAsync()
    {
        var folder = AppContext.BaseDirectory;
        var appHost = Path.Combine(folder, OperatingSystem.IsWindows() ? Name + ".exe" : Name);
        var start = File.Exists(appHost)
            ? new ProcessStartInfo(appHost)
            : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(folder, Name + ".dll") } };
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}");
        try
        {
            var first = await ReadLineAsync(process);
            var origin = first.StartsWith("listening ", StringComparison.Ordinal)
                ? first["listening ".Length..].TrimEnd('/')
                : throw new InvalidOperationException($"the sink said '{first}' instead of 'listening <url>'");
            return new SinkProcess(process, origin);
        }
        catch
        {
            process.Kill();
            process.Dispose();
            throw;
        }
    }

    /// <summary>Starts a new tally for the ids 1..<paramref name="capacity"/>.</summary>
    public async Task ResetAsync(long capacity)
    {
        var reply = await AskAsync(string.Create(CultureInfo.InvariantCulture, $"reset {capacity}"));
        if (reply != "ok")
        {
            throw new InvalidOperationException($"the sink answered '{reply}' to reset");
        }
    }

    /// <summary>What the sink received since the last reset, and its own CPU time.</summary>
    public async Task<SinkStats> StatsAsync() => SinkStats.Parse(await AskAsync("stats"));

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
        }

        _process.Dispose();
    }

    private async Task<string> AskAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
        return await ReadLineAsync(_process);
    }

    private static async Task<string> ReadLineAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(s_replyTimeout);
        return await process.StandardOutput.ReadLineAsync(timeout.Token)
            ?? throw new InvalidOperationException($"the sink exited (code {(process.HasExited ? process.ExitCode : -1)})");
    }
}
