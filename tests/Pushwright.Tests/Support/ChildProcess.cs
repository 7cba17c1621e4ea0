using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;

namespace Pushwright.Tests.Support;

/// <summary>Runs this test assembly as a fresh process (see <see cref="TestAssemblyEntryPoint"/>) and returns what it prints.</summary>
internal static class ChildProcess
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Runs <paramref name="arguments"/> with the parent's environment plus <paramref name="environment"/>
    /// (a null value removes a variable), and with <paramref name="configProperties"/> added to the
    /// runtimeconfig.json, as a project's RuntimeHostConfigurationOption items would add them.
    /// </summary>
    public static string Run(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment, IReadOnlyDictionary<string, bool>? configProperties = null)
    {
        var assembly = typeof(TestAssemblyEntryPoint).Assembly.Location;
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("exec");
        string? runtimeConfig = null;
        if (configProperties is not null)
        {
            runtimeConfig = WriteRuntimeConfig(Path.ChangeExtension(assembly, ".runtimeconfig.json"), configProperties);
            startInfo.ArgumentList.Add("--runtimeconfig");
            startInfo.ArgumentList.Add(runtimeConfig);
        }

        startInfo.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var command = string.Join(' ', arguments);
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        try
        {
            using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("dotnet did not start.");
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(s_timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"'dotnet exec {Path.GetFileName(assembly)} {command}' did not finish within {s_timeout}.");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"'dotnet exec {Path.GetFileName(assembly)} {command}' exited with {process.ExitCode}: {stderr.Result}");
            }

            return stdout.Result.Trim();
        }
        finally
        {
            if (runtimeConfig is not null)
            {
                File.Delete(runtimeConfig);
            }
        }
    }

    private static string WriteRuntimeConfig(string original, IReadOnlyDictionary<string, bool> configProperties)
    {
        var root = JsonNode.Parse(File.ReadAllText(original))!.AsObject();
        var options = root["runtimeOptions"]!.AsObject();
        if (options["configProperties"] is not JsonObject properties)
        {
            properties = [];
            options["configProperties"] = properties;
        }

        foreach (var (name, value) in configProperties)
        {
            properties[name] = value;
        }

        var path = Path.Combine(Path.GetTempPath(), "pushwright-" + Guid.NewGuid().ToString("N") + ".runtimeconfig.json");
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    /// <summary>The dotnet host running these tests, else the one above this runtime's directory, else dotnet on the PATH.</summary>
    private static string DotnetHost()
    {
        var executable = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } current && Path.GetFileName(current) == executable)
        {
            return current;
        }

        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var candidate = Path.Combine(root, executable);
        return File.Exists(candidate) ? candidate : executable;
    }
}
