using System;
using System.IO;

namespace Pushwright.IntegrationTests.Browser;

/// <summary>Where the apps under test are: the CLI and the web sample are built next to the tests (project references).</summary>
internal static class TestArtifacts
{
    /// <summary>Gets the path of the built <c>webpush</c> CLI.</summary>
    public static string CliDll => Path.Combine(AppContext.BaseDirectory, "Pushwright.Cli.dll");

    /// <summary>Gets the path of the built web sample.</summary>
    public static string WebSampleDll => Path.Combine(AppContext.BaseDirectory, "Pushwright.Sample.Web.dll");

    /// <summary>Gets the web sample's project folder: its content root (appsettings.json, wwwroot).</summary>
    public static string WebSampleContentRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "samples", "Pushwright.Sample.Web");
                if (File.Exists(Path.Combine(candidate, "wwwroot", "sw.js")))
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException($"samples/Pushwright.Sample.Web not found above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>Creates a fresh directory for one fixture's files (profile, logs, database, certificate).</summary>
    public static string CreateRunDirectory(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), $"webpush-{name}-{Guid.NewGuid().ToString("N")[..12]}");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Deletes a run directory, ignoring files still held by exiting processes. <c>PUSHWRIGHT_KEEP_BROWSER_ARTIFACTS=1</c> keeps it.</summary>
    public static void DeleteRunDirectory(string? path)
    {
        if (path is null || !Directory.Exists(path) || Environment.GetEnvironmentVariable("PUSHWRIGHT_KEEP_BROWSER_ARTIFACTS") == "1")
        {
            return;
        }

        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A process that was just killed may still be writing; the OS cleans /tmp.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
