using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace Pushwright.IntegrationTests.Browser;

/// <summary>
/// A built .NET app (<c>dotnet &lt;app&gt;.dll</c>) run as a child process, with its output kept.
/// Dispose kills it if it still runs.
/// </summary>
public sealed class DotnetProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DotnetProcess(Process process) => _process = process;

    /// <summary>Gets stdout and stderr so far, interleaved by line.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Gets the exit code; only valid after the process exited.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Gets a value indicating whether the process has exited.</summary>
    public bool HasExited => _exited.Task.IsCompleted;

    /// <summary>Starts <c>dotnet <paramref name="appPath"/> <paramref name="arguments"/></c> in the test's environment plus <paramref name="environment"/>.</summary>
    public static DotnetProcess Start(string appPath, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        if (!File.Exists(appPath))
        {
            throw new FileNotFoundException($"{appPath} is not built; build the test project first.", appPath);
        }

        // The dotnet that runs the tests (dotnet test sets DOTNET_HOST_PATH), else the one on the PATH.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(appPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var child = new DotnetProcess(process);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.Exited += (_, _) => child._exited.TrySetResult();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for the process to exit and returns its exit code; kills it and throws after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _exited.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Kill();
            throw new TimeoutException($"{_process.StartInfo.ArgumentList[0]} did not exit within {timeout.TotalSeconds} s. Output:\n{Output}");
        }

        // Exited fires before the last output lines are read; this waits for them.
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    /// <summary>Waits until a line of output matches <paramref name="pattern"/>; fails early if the process exits.</summary>
    /// <returns>The match.</returns>
    public async Task<Match> WaitForOutputAsync(Regex pattern, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (true)
        {
            if (pattern.Match(Output) is { Success: true } match)
            {
                return match;
            }

            if (HasExited)
            {
                using (var drain = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
                {
                    // The last lines may still be on their way.
                    await _process.WaitForExitAsync(drain.Token).ContinueWith(_ => { }, TaskScheduler.Default);
                }

                throw new InvalidOperationException($"{_process.StartInfo.ArgumentList[0]} exited with code {_process.ExitCode} before printing /{pattern}/. Output:\n{Output}");
            }

            try
            {
                await Task.Delay(25, cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{_process.StartInfo.ArgumentList[0]} did not print /{pattern}/ within {timeout.TotalSeconds} s. Output:\n{Output}");
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    /// <summary>Kills the process and its children at once (SIGKILL on Unix): nothing of theirs runs after this.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
