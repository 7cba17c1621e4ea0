// Firefox's own remote-control protocol (Marionette), enough to run privileged script in the browser's
// chrome: the one way to click a notification in headless Firefox, where there is no screen to click on.
//
// Wire format, as Firefox ESR 153 speaks it (omni.ja: chrome/remote/content/marionette/packets.sys.mjs,
// server.sys.mjs): every packet is "<byte length>:<UTF-8 JSON>". On connect the server sends
// {"applicationType":"gecko","marionetteProtocol":3}. A command is [0, id, "Name", {params}]; its
// response is [1, id, error-or-null, result-or-null].
using System;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Pushwright.IntegrationTests.Browser;

/// <summary>A Marionette session in Firefox's chrome (privileged) context. Dispose to close it.</summary>
public sealed class Marionette : IDisposable
{
    private static readonly TimeSpan s_commandTimeout = TimeSpan.FromSeconds(30);

    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _nextId;

    private Marionette(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
    }

    /// <summary>Connects to the port Firefox wrote to <c>MarionetteActivePort</c> in its profile, and starts a session in the chrome context.</summary>
    public static async Task<Marionette> ConnectAsync(int port)
    {
        var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(IPAddress.Loopback, port);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }

        var marionette = new Marionette(tcp);
        try
        {
            using (var hello = JsonDocument.Parse(await marionette.ReadPacketAsync()))
            {
                if (!hello.RootElement.TryGetProperty("marionetteProtocol", out var protocol) || protocol.GetInt32() != 3)
                {
                    throw new InvalidOperationException($"Expected Marionette protocol 3; got {hello.RootElement.GetRawText()}.");
                }
            }

            await marionette.SendAsync("WebDriver:NewSession", new { });
            await marionette.SendAsync("Marionette:SetContext", new { value = "chrome" });
            return marionette;
        }
        catch
        {
            marionette.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="script"/> in the chrome context as WebDriver's asynchronous script; it finishes by calling
    /// <c>arguments[arguments.length - 1](value)</c>, and that value comes back.
    /// </summary>
    public Task<JsonElement> ExecuteScriptAsync(string script, params object[] arguments) =>
        SendAsync("WebDriver:ExecuteAsyncScript", new { script, args = arguments, scriptTimeout = (int)s_commandTimeout.TotalMilliseconds });

    /// <inheritdoc/>
    public void Dispose()
    {
        _stream.Dispose();
        _tcp.Dispose();
        _gate.Dispose();
    }

    private async Task<JsonElement> SendAsync(string command, object parameters)
    {
        await _gate.WaitAsync();
        try
        {
            var id = ++_nextId;
            var json = JsonSerializer.SerializeToUtf8Bytes(new object[] { 0, id, command, parameters });
            var prefix = Encoding.ASCII.GetBytes(json.Length.ToString(CultureInfo.InvariantCulture) + ":");
            await _stream.WriteAsync(prefix);
            await _stream.WriteAsync(json);

            using var response = JsonDocument.Parse(await ReadPacketAsync().WaitAsync(s_commandTimeout));
            var (type, responseId, error, result) = (response.RootElement[0].GetInt32(), response.RootElement[1].GetInt32(), response.RootElement[2], response.RootElement[3]);
            if (type != 1 || responseId != id)
            {
                throw new InvalidOperationException($"Marionette answered out of turn to {command}: {response.RootElement.GetRawText()}");
            }

            return error.ValueKind == JsonValueKind.Null
                ? result.Clone()
                : throw new InvalidOperationException($"Marionette {command} failed: {error.GetRawText()}");
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<string> ReadPacketAsync()
    {
        var length = 0;
        var one = new byte[1];
        while (true)
        {
            if (await _stream.ReadAsync(one) == 0)
            {
                throw new EndOfStreamException("Marionette closed the connection.");
            }

            if (one[0] == (byte)':')
            {
                break;
            }

            length = (length * 10) + (one[0] - '0');
        }

        var body = new byte[length];
        await _stream.ReadExactlyAsync(body);
        return Encoding.UTF8.GetString(body);
    }
}
