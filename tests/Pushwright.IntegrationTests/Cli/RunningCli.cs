using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Pushwright.IntegrationTests.Cli;

/// <summary>
/// A <c>webpush</c> process while it runs: what it has written so far, its peak working set
/// (sampled from <c>/proc/&lt;pid&gt;/status</c> on Linux), and SIGINT as Ctrl+C sends it.
/// </summary>
internal sealed class RunningCli : IDisposable
{
    private static readonly TimeSpan s_sampleInterval = TimeSpan.FromMilliseconds(20);

    private readonly Process _process;
    private readonly string _description;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Task _stdoutPump;
    private readonly Task _stderrPump;
    private readonly Task _sampler;
    private readonly CancellationTokenSource _stop = new();
    private long _peakWorkingSet;

    public RunningCli(Process process, string description, string? standardInput)
    {
        _process = process;
        _description = description;
        _stdoutPump = PumpAsync(process.StandardOutput, _stdout);
        _stderrPump = PumpAsync(process.StandardError, _stderr);
        _sampler = SampleAsync();
        _ = FeedAsync(process.StandardInput, standardInput);
    }

    public int ProcessId => _process.Id;

    /// <summary>Gets the highest resident set size the kernel reported (VmHWM) while the process ran, in bytes; 0 where /proc is missing.</summary>
    public long PeakWorkingSetBytes => Interlocked.Read(ref _peakWorkingSet);

    public string StandardErrorSoFar
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>Sends SIGINT, what a terminal sends on Ctrl+C.</summary>
    public void Interrupt()
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", _process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not start kill.");
        kill.WaitForExit();
    }

    /// <summary>Waits for the exit, and kills the process if it takes longer than <paramref name="timeout"/>.</summary>
    public async Task<CliRun> WaitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"webpush {_description} did not exit within {timeout.TotalSeconds} s.");
        }

        await Task.WhenAll(_stdoutPump, _stderrPump);
        await _stop.CancelAsync();
        await _sampler;
        lock (_stdout)
        {
            lock (_stderr)
            {
                return new CliRun(_process.ExitCode, _stdout.ToString(), _stderr.ToString());
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _stop.Cancel();
        _process.Dispose();
        _stop.Dispose();
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder sink)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (sink)
            {
                sink.Append(buffer, 0, read);
            }
        }
    }

    private static async Task FeedAsync(StreamWriter input, string? text)
    {
        try
        {
            if (text is not null)
            {
                await input.WriteAsync(text);
            }
        }
        catch (IOException)
        {
            // The tool stopped reading: it exited or was interrupted.
        }
        finally
        {
            input.Close();
        }
    }

    private async Task SampleAsync()
    {
        var status = $"/proc/{_process.Id}/status";
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                foreach (var line in await File.ReadAllLinesAsync(status))
                {
                    if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    {
                        var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                        Interlocked.Exchange(ref _peakWorkingSet, Math.Max(Interlocked.Read(ref _peakWorkingSet), kilobytes * 1024));
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Not Linux, or the process has exited.
                if (_process.HasExited)
                {
                    return;
                }
            }

            try
            {
                await Task.Delay(s_sampleInterval, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
