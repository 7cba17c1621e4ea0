// One Node.js process running tests/node/interop.mjs (http_ece@1.2.1 and web-push@3.6.7), shared by
// every test in the "node-interop" collection. Node.js >= 18 and npm are prerequisites of the test
// suite: when they are missing, or `npm ci` fails, every interop test fails with a message that
// starts "node/npm not available:".
//
// Protocol (see the header of interop.mjs): one JSON request per line on the process's stdin, one
// JSON response per line on its stdout, {"ok":true,...} or {"ok":false,"error":"..."}.
using System;
using System.Diagnostics;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Pushwright.Tests.Interop;

/// <summary>The xunit collection whose tests share one <see cref="NodeInterop"/> process.</summary>
[CollectionDefinition(Name)]
public sealed class NodeInteropCollection : ICollectionFixture<NodeInterop>
{
    public const string Name = "node-interop";
}

/// <summary>Starts <c>node interop.mjs</c> once (installing its npm dependencies first if needed) and sends it requests.</summary>
public sealed class NodeInterop : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan s_installTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan s_lockTimeout = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan s_callTimeout = TimeSpan.FromSeconds(60);
    private static readonly JsonSerializerOptions s_json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly StringBuilder _stderr = new();
    private Process? _node;

    /// <summary>Gets the tests/node directory.</summary>
    public string NodeDirectory { get; private set; } = string.Empty;

    /// <summary>Encodes <paramref name="bytes"/> as unpadded base64url.</summary>
    public static string ToBase64Url(ReadOnlySpan<byte> bytes) => Support.Vectors.Encode(bytes);

    /// <summary>Decodes unpadded base64url.</summary>
    public static byte[] FromBase64Url(string text) => Support.Vectors.Decode(text);

    public async Task InitializeAsync()
    {
        NodeDirectory = Path.Combine(FindRepoRoot(), "tests", "node");

        // The two test assemblies (net8.0 and netstandard2.0 assets) may run at the same time: one
        // machine-wide lock per checkout covers both the install and the start, so neither starts
        // node while the other's `npm ci` is rewriting node_modules.
        using (await AcquireLockAsync().ConfigureAwait(false))
        {
            if (!IsInstalled())
            {
                await RunNpmCiAsync().ConfigureAwait(false);
            }

            StartNode();
            var pong = await CallAsync(new { op = "ping" }).ConfigureAwait(false);
            if (!pong.TryGetProperty("ok", out var ok) || !ok.GetBoolean())
            {
                throw NotAvailable($"interop.mjs did not answer ping: {pong}");
            }
        }
    }

    /// <summary>Sends one request and returns the response line, parsed.</summary>
    public async Task<JsonElement> CallAsync(object request)
    {
        var node = _node ?? throw new InvalidOperationException("The Node.js interop process is not running.");
        var line = JsonSerializer.Serialize(request, s_json);
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await node.StandardInput.WriteLineAsync(line).ConfigureAwait(false);
            await node.StandardInput.FlushAsync().ConfigureAwait(false);
            var read = node.StandardOutput.ReadLineAsync();
            if (await Task.WhenAny(read, Task.Delay(s_callTimeout)).ConfigureAwait(false) != read)
            {
                throw new TimeoutException($"interop.mjs did not answer within {s_callTimeout}: {Describe(line)}; stderr: {Stderr()}");
            }

            var response = await read.ConfigureAwait(false)
                ?? throw new InvalidOperationException($"interop.mjs exited; stderr: {Stderr()}");
            using var document = JsonDocument.Parse(response);
            return document.RootElement.Clone();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Sends one request and returns the response, failing with Node's error message unless it is ok.</summary>
    public async Task<JsonElement> CallOkAsync(object request)
    {
        var response = await CallAsync(request).ConfigureAwait(false);
        if (!response.TryGetProperty("ok", out var ok) || ok.ValueKind != JsonValueKind.True)
        {
            var error = response.TryGetProperty("error", out var e) ? e.GetString() : response.ToString();
            throw new InvalidOperationException($"interop.mjs failed: {error}; request: {Describe(JsonSerializer.Serialize(request, s_json))}");
        }

        return response;
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        var node = Interlocked.Exchange(ref _node, null);
        if (node is not null)
        {
            try
            {
                // Closing stdin ends the readline loop and node exits on its own.
                node.StandardInput.Close();
                if (!node.WaitForExit(5000))
                {
                    node.Kill();
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            node.Dispose();
        }

        _gate.Dispose();
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WebPush.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No WebPush.sln above {AppContext.BaseDirectory}.");
    }

    private static Exception NotAvailable(string reason, Exception? inner = null) =>
        new InvalidOperationException(
            $"node/npm not available: {reason}. Node.js >= 18 and npm are prerequisites of the interop tests (tests/node).", inner);

    private static string Describe(string requestLine) =>
        requestLine.Length <= 300 ? requestLine : requestLine.Substring(0, 300) + "...";

    private bool IsInstalled() =>
        File.Exists(Path.Combine(NodeDirectory, "node_modules", "http_ece", "package.json"))
        && File.Exists(Path.Combine(NodeDirectory, "node_modules", "web-push", "package.json"));

    private async Task<FileStream> AcquireLockAsync()
    {
        // In the temp directory rather than tests/node, so that it is never mistaken for a source file.
        byte[] hash;
        using (var sha = SHA256.Create())
        {
            hash = sha.ComputeHash(Encoding.UTF8.GetBytes(NodeDirectory));
        }

        var path = Path.Combine(Path.GetTempPath(), $"webpush-node-interop-{ToBase64Url(hash.AsSpan(0, 8))}.lock");
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (deadline.Elapsed < s_lockTimeout)
            {
                await Task.Delay(250).ConfigureAwait(false);
            }
        }
    }

    private async Task RunNpmCiAsync()
    {
        var windows = Environment.OSVersion.Platform == PlatformID.Win32NT;
        var start = new ProcessStartInfo(windows ? "cmd.exe" : "npm")
        {
            Arguments = (windows ? "/d /c npm " : string.Empty) + "ci --no-audit --no-fund --prefer-offline --loglevel=error",
            WorkingDirectory = NodeDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        Process npm;
        try
        {
            npm = Process.Start(start) ?? throw NotAvailable("npm did not start");
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw NotAvailable($"cannot run npm: {ex.Message}", ex);
        }

        using (npm)
        {
            var output = npm.StandardOutput.ReadToEndAsync();
            var errors = npm.StandardError.ReadToEndAsync();
            var exited = Task.Run(() => npm.WaitForExit((int)s_installTimeout.TotalMilliseconds));
            if (!await exited.ConfigureAwait(false))
            {
                npm.Kill();
                throw NotAvailable($"`npm ci` in {NodeDirectory} did not finish within {s_installTimeout}");
            }

            var log = (await output.ConfigureAwait(false)) + (await errors.ConfigureAwait(false));
            if (npm.ExitCode != 0 || !IsInstalled())
            {
                throw NotAvailable($"`npm ci` in {NodeDirectory} failed with exit code {npm.ExitCode}: {log.Trim()}");
            }
        }
    }

    private void StartNode()
    {
        var start = new ProcessStartInfo("node", "interop.mjs")
        {
            WorkingDirectory = NodeDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };

        try
        {
            _node = Process.Start(start) ?? throw NotAvailable("node did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw NotAvailable($"cannot run node: {ex.Message}", ex);
        }

        _node.StandardInput.AutoFlush = false;
        _node.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
        _node.BeginErrorReadLine();
    }

    private string Stderr()
    {
        lock (_stderr)
        {
            return _stderr.Length == 0 ? "(empty)" : _stderr.ToString().Trim();
        }
    }
}
