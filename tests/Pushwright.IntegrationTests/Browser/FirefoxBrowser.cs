using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;

namespace Pushwright.IntegrationTests.Browser;

/// <summary>
/// Headless Firefox ESR on a fresh profile whose push service is <c>dom.push.serverURL</c>. Its
/// output (push client debug log, service-worker console) is kept for failure messages. Dispose
/// kills Firefox and its content processes.
/// </summary>
public sealed partial class FirefoxBrowser : IDisposable
{
    /// <summary>What to do when the browser is missing. CI installs it with apt.</summary>
    public const string InstallHint = "firefox-esr not found: apt-get install firefox-esr (or set FIREFOX to the browser's path)";

    private const int MaxLogLines = 20_000;

    // Pref names and effects checked against Firefox ESR 153's own sources (omni.ja: modules/Push*.sys.mjs,
    // greprefs.js), and the needed ones confirmed by leaving each out.
    private static readonly string[] s_prefs =
    [
        // ---- Push: needed.
        // A ws:// push server is refused (silently: the service never connects) without this.
        """user_pref("dom.push.testing.allowInsecureServerURL", true);""",
        // Headless Firefox cannot answer a permission prompt: treat notifications as allowed.
        // Either pref alone suffices; with neither, subscribe() rejects with NotAllowedError.
        """user_pref("dom.push.testing.ignorePermission", true);""",
        """user_pref("permissions.default.desktop-notification", 1);""",
        // Defaults, set for clarity.
        """user_pref("dom.push.enabled", true);""",
        """user_pref("dom.push.connection.enabled", true);""",

        // ---- Notifications: clickable from the tests.
        // Notifications are shown in Firefox's own alert windows (not the desktop's notification daemon,
        // which a headless machine lacks), so that a test can click one through Marionette (ClickNotificationAsync).
        """user_pref("alerts.useSystemBackend", false);""",
        // Marionette on a free port, written to <profile>/MarionetteActivePort; without the automation
        // preferences Marionette would otherwise set (one of them turns the push connection off).
        """user_pref("marionette.port", 0);""",
        """user_pref("remote.prefs.recommended", false);""",

        // ---- Diagnostics: push client debug log and service-worker console.log on stdout.
        // (The debug log includes subscription private keys; harmless for a throw-away profile.)
        """user_pref("dom.push.loglevel", "debug");""",
        """user_pref("devtools.console.stdout.chrome", true);""",
        """user_pref("devtools.console.stdout.content", true);""",
        """user_pref("browser.dom.window.dump.enabled", true);""",

        // ---- Hermeticity: only 127.0.0.1 is contacted. Everything else goes to a closed port.
        """user_pref("network.proxy.type", 1);""",
        """user_pref("network.proxy.http", "127.0.0.1");""",
        """user_pref("network.proxy.http_port", 9);""",
        """user_pref("network.proxy.ssl", "127.0.0.1");""",
        """user_pref("network.proxy.ssl_port", 9);""",
        """user_pref("network.proxy.no_proxies_on", "127.0.0.1,localhost");""",
        """user_pref("network.proxy.allow_hijacking_localhost", false);""",
        """user_pref("network.trr.mode", 5);""",
        """user_pref("network.dns.disablePrefetch", true);""",
        """user_pref("network.http.speculative-parallel-limit", 0);""",
        """user_pref("network.prefetch-next", false);""",
        """user_pref("network.manage-offline-status", false);""",
        """user_pref("network.captive-portal-service.enabled", false);""",
        """user_pref("network.connectivity-service.enabled", false);""",
        """user_pref("app.normandy.api_url", "");""",
        """user_pref("app.update.disabledForTesting", true);""",
        """user_pref("browser.region.network.url", "");""",
        """user_pref("browser.safebrowsing.blockedURIs.enabled", false);""",
        """user_pref("browser.safebrowsing.downloads.enabled", false);""",
        """user_pref("browser.safebrowsing.malware.enabled", false);""",
        """user_pref("browser.safebrowsing.phishing.enabled", false);""",
        """user_pref("browser.search.update", false);""",
        """user_pref("browser.shell.checkDefaultBrowser", false);""",
        """user_pref("browser.startup.homepage_override.mstone", "ignore");""",
        """user_pref("browser.topsites.contile.enabled", false);""",
        """user_pref("browser.translations.enable", false);""",
        """user_pref("browser.urlbar.suggest.searches", false);""",
        """user_pref("browser.newtabpage.activity-stream.testing.shouldInitializeFeeds", false);""",
        """user_pref("browser.newtabpage.activity-stream.showSponsoredTopSites", false);""",
        """user_pref("browser.ml.enable", false);""",
        """user_pref("browser.sessionstore.resume_from_crash", false);""",
        """user_pref("datareporting.healthreport.uploadEnabled", false);""",
        """user_pref("datareporting.policy.dataSubmissionEnabled", false);""",
        """user_pref("datareporting.policy.dataSubmissionPolicyBypassNotification", true);""",
        """user_pref("datareporting.usage.uploadEnabled", false);""",
        """user_pref("toolkit.telemetry.server", "https://127.0.0.1:9/telemetry-dummy/");""",
        """user_pref("extensions.update.enabled", false);""",
        """user_pref("extensions.getAddons.cache.enabled", false);""",
        """user_pref("extensions.systemAddon.update.enabled", false);""",
        """user_pref("geo.provider.network.url", "");""",
        """user_pref("services.settings.server", "data:,#remote-settings-dummy/v1");""",
        """user_pref("startup.homepage_welcome_url", "about:blank");""",
        """user_pref("startup.homepage_welcome_url.additional", "");""",
        """user_pref("termsofuse.bypassNotification", true);""",
        """user_pref("toolkit.startup.max_resumed_crashes", -1);""",
    ];

    private readonly Process _process;
    private readonly string _profile;
    private readonly Queue<string> _log = new();
    private readonly StreamWriter _logFile;
    private readonly long _launched = TimeProvider.System.GetTimestamp();

    private FirefoxBrowser(Process process, StreamWriter logFile, string profile)
    {
        _process = process;
        _profile = profile;
        _logFile = logFile;
    }

    /// <summary>Gets a value indicating whether the browser has exited (it should not, before <see cref="Dispose"/>).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Gets "running", or how it exited (after waiting briefly for its last output).</summary>
    public string Status
    {
        get
        {
            if (!_process.HasExited)
            {
                return "running";
            }

            // The output handlers may still be behind the exit: WaitForExitAsync also waits for the
            // end of the output, but a surviving child could hold the pipe open, hence the bound.
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                _process.WaitForExitAsync(wait.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                // Diagnostics without the last lines.
            }

            return string.Create(CultureInfo.InvariantCulture, $"exited with code {_process.ExitCode}");
        }
    }

    /// <summary>Finds the browser: <c>$FIREFOX</c>, else <c>firefox-esr</c> on the PATH or in /usr/bin.</summary>
    /// <returns>The path, or <see langword="null"/> when it is not installed.</returns>
    public static string? FindExecutable()
    {
        var configured = Environment.GetEnvironmentVariable("FIREFOX");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin")
            .Select(directory => Path.Combine(directory, "firefox-esr"))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Starts Firefox on a new profile under <paramref name="runDirectory"/> and opens <paramref name="page"/>.</summary>
    /// <exception cref="InvalidOperationException">Firefox ESR is not installed.</exception>
    public static FirefoxBrowser Launch(Uri pushServerUrl, Uri page, string runDirectory)
    {
        var executable = FindExecutable() ?? throw new InvalidOperationException(InstallHint);
        var profile = Path.Combine(runDirectory, "firefox-profile");
        Directory.CreateDirectory(profile);
        File.WriteAllLines(
            Path.Combine(profile, "user.js"),
            [.. s_prefs, $"""user_pref("dom.push.serverURL", "{pushServerUrl.AbsoluteUri}");"""]);

        var start = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = runDirectory,
        };
        foreach (var argument in (string[])["--headless", "--no-remote", "--marionette", "--remote-allow-system-access", "--profile", profile, page.AbsoluteUri])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MOZ_HEADLESS"] = "1";
        start.Environment["MOZ_CRASHREPORTER_DISABLE"] = "1";
        // Without it Firefox ignores the services.settings.server override above.
        start.Environment["MOZ_REMOTE_SETTINGS_DEVTOOLS"] = "1";

        var logFile = new StreamWriter(Path.Combine(runDirectory, "firefox.log"), append: false, new UTF8Encoding(false)) { AutoFlush = true };
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var browser = new FirefoxBrowser(process, logFile, profile);
        process.OutputDataReceived += (_, e) => browser.Append(e.Data);
        process.ErrorDataReceived += (_, e) => browser.Append(e.Data);
        try
        {
            process.Start();
        }
        catch
        {
            browser.Dispose();
            throw;
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return browser;
    }

    /// <summary>
    /// Returns the last push-related log lines (push client, service workers, page errors), for
    /// failure messages. PushDB lines are left out: they hold the subscription's private key.
    /// </summary>
    public string LogTail(int lines = 30)
    {
        string[] wanted = ["Push", "[sw]", "[sample]", "JavaScript error", "ServiceWorker", "Crash", "Exiting"];
        lock (_log)
        {
            // After an unexpected exit every line may matter.
            var relevant = _log.Where(l => (HasExited || wanted.Any(w => l.Contains(w, StringComparison.Ordinal))) && !l.Contains("PushDB", StringComparison.Ordinal));
            return string.Join('\n', relevant.TakeLast(lines));
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _marionette?.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                // Firefox's content processes are its children: kill the whole tree.
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }

        _process.Dispose();
        lock (_log)
        {
            _logFile.Dispose();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        var stamped = FormattableString.Invariant($"[firefox +{TimeProvider.System.GetElapsedTime(_launched).TotalSeconds:0.00}s] {line}");
        lock (_log)
        {
            if (_log.Count == MaxLogLines)
            {
                _log.Dequeue();
            }

            _log.Enqueue(stamped);
            try
            {
                _logFile.WriteLine(stamped);
            }
            catch (ObjectDisposedException)
            {
                // Output that arrives after Dispose.
            }
        }
    }
}
