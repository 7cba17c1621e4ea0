using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Xunit;

namespace Pushwright.IntegrationTests.Browser;

/// <summary>
/// A push server and a real Firefox subscribed through it, shared by one test class. A set-up
/// failure (Firefox missing, no subscription within 60 s) is kept and thrown by every test through
/// <see cref="EnsureStarted"/>, so each one fails with the reason instead of being skipped.
/// </summary>
public abstract class BrowserFixture : IAsyncLifetime, IBrowserScene
{
    /// <summary>How long Firefox may take to start, say hello and subscribe (about 2.5 s here).</summary>
    public static readonly TimeSpan SubscribeTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long a message may take from the sender to the service worker (about 0.3 s here).</summary>
    public static readonly TimeSpan MessageTimeout = TimeSpan.FromSeconds(20);

    /// <summary>How long one run of the <c>webpush</c> CLI may take.</summary>
    public static readonly TimeSpan CliTimeout = TimeSpan.FromSeconds(60);

    /// <summary>The VAPID subject the tests send with.</summary>
    public const string Subject = "mailto:webpush-browser-tests@example.com";

    private Exception? _startupFailure;
    private FirefoxPushServer? _server;
    private FirefoxBrowser? _firefox;
    private PushRegistration? _registration;

    /// <summary>Gets this fixture's directory: certificate, Firefox profile and log, database.</summary>
    public string RunDirectory { get; private set; } = string.Empty;

    /// <summary>Gets the push server Firefox is connected to.</summary>
    public FirefoxPushServer Server => _server ?? throw NotStarted();

    /// <summary>Gets the browser.</summary>
    public FirefoxBrowser Firefox => _firefox ?? throw NotStarted();

    /// <summary>Gets the channel Firefox registered when the page subscribed.</summary>
    public PushRegistration Registration => _registration ?? throw NotStarted();

    /// <summary>Throws the set-up failure, if there was one.</summary>
    public void EnsureStarted()
    {
        if (_startupFailure is not null)
        {
            throw new InvalidOperationException($"Browser test set-up failed: {_startupFailure.Message}", _startupFailure);
        }
    }

    /// <inheritdoc/>
    public async Task InitializeAsync()
    {
        try
        {
            // Fail at once, with the fix, when the browser is missing: CI installs it, and a local
            // run must not pass by skipping.
            _ = FirefoxBrowser.FindExecutable() ?? throw new InvalidOperationException(FirefoxBrowser.InstallHint);
            RunDirectory = TestArtifacts.CreateRunDirectory(GetType().Name);
            _server = await FirefoxPushServer.StartAsync(RunDirectory);
            var page = await PrepareAsync(_server);
            _firefox = FirefoxBrowser.Launch(_server.WebSocketUrl, page, RunDirectory);
            await WaitForSubscriptionAsync();
            _registration = _server.Registrations.Single();
        }
        catch (Exception ex)
        {
            _startupFailure = ex;
        }
    }

    /// <inheritdoc/>
    public virtual string? FailureReason()
    {
        if (_firefox is { HasExited: true })
        {
            return $"Firefox {_firefox.Status}";
        }

        return _server?.PageMessages.FirstOrDefault(m => m.Contains("failed", StringComparison.OrdinalIgnoreCase)) is { } pageError
            ? $"the page reported: {pageError}"
            : null;
    }

    /// <inheritdoc/>
    public virtual string Diagnostics() =>
        $"--- push server (Firefox's push WebSocket {(_server?.HelloReceived.IsCompleted == true ? "said hello" : "never said hello: is dom.push.testing.allowInsecureServerURL set?")}) ---\n{_server?.EventLog()}\n--- firefox ({_firefox?.Status ?? "not started"}; push-related lines; " +
        $"PUSHWRIGHT_KEEP_BROWSER_ARTIFACTS=1 keeps {RunDirectory}) ---\n{_firefox?.LogTail()}";

    /// <summary>Waits until <paramref name="received"/> is true; fails early when Firefox acks <paramref name="delivery"/> with an error code.</summary>
    public async Task WaitForReceivedAsync(Func<Task<bool>> received, Func<PushDelivery?> delivery, string what)
    {
        await Eventually.GetAsync(
            async () =>
            {
                if (await received())
                {
                    return "received";
                }

                // Firefox said it could not decrypt (101) or deliver (102): no point in waiting.
                return delivery() is { Ack.IsCompletedSuccessfully: true } d && d.Ack.Result != 100
                    ? throw new InvalidOperationException($"Firefox acked {d} instead of showing {what}.\n{Diagnostics()}")
                    : null;
            },
            MessageTimeout,
            what,
            this);
    }

    /// <summary>Runs the <c>webpush</c> CLI as a process, trusting the push endpoint's certificate; returns its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> RunCliAsync(params string[] arguments)
    {
        var (trustName, trustValue) = Server.Certificate.TrustEnvironment();
        using var cli = DotnetProcess.Start(
            TestArtifacts.CliDll,
            arguments,
            new Dictionary<string, string> { [trustName] = trustValue },
            RunDirectory);
        var exitCode = await cli.WaitForExitAsync(CliTimeout);
        return (exitCode, cli.Output);
    }

    /// <inheritdoc/>
    public virtual async Task DisposeAsync()
    {
        _firefox?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        TestArtifacts.DeleteRunDirectory(RunDirectory.Length == 0 ? null : RunDirectory);
    }

    /// <summary>Creates a client that trusts the push endpoint's certificate and signs with <paramref name="keys"/>.</summary>
    protected (WebPushClient Client, HttpClient Http) CreateClientSigningWith(VapidKeys keys)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => Server.Certificate.IsThisCertificate(certificate);
        var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        return (new WebPushClient(http, new VapidDetails(Subject, keys)), http);
    }

    /// <summary>Starts what the page needs and returns the URL Firefox opens.</summary>
    protected abstract Task<Uri> PrepareAsync(FirefoxPushServer server);

    /// <summary>Waits until the page has subscribed.</summary>
    protected abstract Task WaitForSubscriptionAsync();

    private static InvalidOperationException NotStarted() => new("The browser fixture did not start; call EnsureStarted() first.");
}
