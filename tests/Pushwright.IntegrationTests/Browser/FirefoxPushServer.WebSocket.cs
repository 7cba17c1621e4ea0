using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Pushwright.IntegrationTests.Browser;

/// <content>
/// The WebSocket side, as Firefox's PushServiceWebSocket.sys.mjs speaks it:
/// <code>
/// FF  {"messageType":"hello","broadcasts":{},"use_webpush":true}           (+ "uaid" once it has channels)
/// SRV {"messageType":"hello","uaid":"&lt;32 hex&gt;","status":200,"use_webpush":true,"broadcasts":{}}
/// FF  {"messageType":"register","channelID":"&lt;uuid&gt;","key":"&lt;applicationServerKey, base64url with padding&gt;"}
/// SRV {"messageType":"register","channelID":"…","status":200,"pushEndpoint":"https://127.0.0.1:&lt;port&gt;/wpush/&lt;id&gt;"}
/// SRV {"messageType":"notification","channelID":"…","version":"&lt;unique&gt;","data":"&lt;base64url&gt;","headers":{"encoding":"aes128gcm"}}
/// FF  {"messageType":"ack","updates":[{"channelID":"…","version":"…","code":100}]}   (101 = decryption error)
/// FF  {}  SRV {}                                                              (ping)
/// </code>
/// Firefox handles data only after a hello reply with <c>use_webpush: true</c>, and ignores a
/// <c>version</c> it has seen, so each notification gets a fresh random one.
/// </content>
public sealed partial class FirefoxPushServer
{
    private const string SubProtocol = "push-notification";

    private async Task RunWebSocketAsync(HttpContext context)
    {
        var protocol = context.WebSockets.WebSocketRequestedProtocols.Contains(SubProtocol) ? SubProtocol : null;
        using var socket = await context.WebSockets.AcceptWebSocketAsync(protocol);
        var connection = new BrowserConnection(socket);
        Record($"WebSocket connected (subprotocol {protocol ?? "none"})");
        try
        {
            while (await ReceiveTextAsync(socket, context.RequestAborted) is { } text)
            {
                await HandleMessageAsync(connection, text);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Firefox went away, or the server is stopping.
        }
        finally
        {
            lock (_lock)
            {
                if (connection.Uaid is { } uaid && _connections.TryGetValue(uaid, out var current) && current == connection)
                {
                    _connections.Remove(uaid);
                }
            }

            connection.Dispose();
            Record("WebSocket closed");
        }
    }

    private static async Task<string?> ReceiveTextAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            }
        }
    }

    private async Task HandleMessageAsync(BrowserConnection connection, string text)
    {
        JsonObject? message;
        try
        {
            message = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            Record($"ws: not JSON: {text}");
            return;
        }

        var type = (string?)message?["messageType"];
        if (message is null || message.Count == 0 || type == "ping")
        {
            await connection.SendAsync("{}");
            return;
        }

        switch (type)
        {
            case "hello":
                await HelloAsync(connection, message);
                break;
            case "register" when connection.Uaid is not null:
                await RegisterAsync(connection, message);
                break;
            case "unregister" when connection.Uaid is not null:
                var channelId = (string?)message["channelID"];
                lock (_lock)
                {
                    foreach (var registration in _registrations.Values.Where(r => r.Uaid == connection.Uaid && r.ChannelId == channelId).ToList())
                    {
                        _registrations.Remove(registration.EndpointId);
                    }
                }

                Record($"unregister channel {channelId}");
                await connection.SendAsync(new JsonObject { ["messageType"] = "unregister", ["channelID"] = channelId, ["status"] = 200 });
                break;
            case "ack":
                foreach (var update in message["updates"]?.AsArray() ?? [])
                {
                    var version = (string?)update?["version"];
                    var code = (int?)update?["code"] ?? 100;
                    PushDelivery? delivery;
                    lock (_lock)
                    {
                        delivery = _deliveries.Find(d => d.Version == version);
                    }

                    delivery?.Acknowledge(code);
                    var meaning = code switch { 100 => "delivered", 101 => "DECRYPTION ERROR", 102 => "not delivered", _ => "?" };
                    Record($"<- ack {version?[..Math.Min(8, version.Length)]}.. code {code} ({meaning})");
                }

                break;
            case "nack":
                Record($"<- nack {message.ToJsonString()}");
                break;
            case "broadcast_subscribe":
                break;
            default:
                Record($"ws: unexpected {text}");
                break;
        }
    }

    private async Task HelloAsync(BrowserConnection connection, JsonObject message)
    {
        // Keep the uaid Firefox presents (it does once it has channels); otherwise issue one.
        var presented = (string?)message["uaid"];
        var uaid = presented is not null && UaidPattern().IsMatch(presented) ? presented.ToLowerInvariant() : Guid.NewGuid().ToString("N");
        connection.Uaid = uaid;
        BrowserConnection? previous;
        List<string>? queued;
        lock (_lock)
        {
            _connections.TryGetValue(uaid, out previous);
            _connections[uaid] = connection;
            _pending.Remove(uaid, out queued);
        }

        previous?.Abort();
        Record($"hello from Firefox (uaid {uaid[..8]}.., use_webpush {message["use_webpush"]})");
        await connection.SendAsync(new JsonObject
        {
            ["messageType"] = "hello",
            ["uaid"] = uaid,
            ["status"] = 200,
            ["use_webpush"] = true,
            ["broadcasts"] = new JsonObject(),
        });
        foreach (var notification in queued ?? [])
        {
            await connection.SendAsync(notification);
        }

        _hello.TrySetResult();
    }

    private async Task RegisterAsync(BrowserConnection connection, JsonObject message)
    {
        var channelId = (string?)message["channelID"];
        if (channelId is null || !Guid.TryParseExact(channelId, "D", out _))
        {
            await connection.SendAsync(new JsonObject { ["messageType"] = "register", ["channelID"] = channelId, ["status"] = 401 });
            return;
        }

        byte[]? key = null;
        if ((string?)message["key"] is { Length: > 0 } keyText)
        {
            // Firefox sends the applicationServerKey as base64url WITH padding.
            key = Base64Url.DecodeFromChars(keyText.TrimEnd('='));
            if (!IsP256Point(key))
            {
                await connection.SendAsync(new JsonObject { ["messageType"] = "register", ["channelID"] = channelId, ["status"] = 400 });
                return;
            }
        }

        var id = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
        var registration = new PushRegistration(id, new Uri($"{EndpointOrigin}/wpush/{id}"), connection.Uaid!, channelId, key);
        lock (_lock)
        {
            _registrations[id] = registration;
        }

        Record($"register channel {channelId} -> /wpush/{id[..8]}..{(key is null ? string.Empty : " (VAPID-restricted)")}");
        await connection.SendAsync(new JsonObject
        {
            ["messageType"] = "register",
            ["channelID"] = channelId,
            ["status"] = 200,
            ["pushEndpoint"] = registration.Endpoint.AbsoluteUri,
        });
    }

    /// <summary>Sends a notification now, or queues it until the browser's next hello.</summary>
    private async Task<bool> ForwardAsync(PushRegistration registration, JsonObject notification, bool queueIfOffline)
    {
        var json = notification.ToJsonString();
        BrowserConnection? connection;
        lock (_lock)
        {
            if (!_connections.TryGetValue(registration.Uaid, out connection) && queueIfOffline)
            {
                if (!_pending.TryGetValue(registration.Uaid, out var queue))
                {
                    _pending[registration.Uaid] = queue = [];
                }

                queue.Add(json);
            }
        }

        if (connection is null)
        {
            return false;
        }

        await connection.SendAsync(json);
        return true;
    }

    private static bool IsP256Point(byte[] key)
    {
        if (key.Length != 65 || key[0] != 0x04)
        {
            return false;
        }

        try
        {
            using var ecdsa = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = key[1..33], Y = key[33..] },
            });
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[0-9a-fA-F]{32}$")]
    private static partial Regex UaidPattern();

    /// <summary>One browser's WebSocket: sends are serialised, since a WebSocket allows one at a time.</summary>
    private sealed class BrowserConnection(WebSocket socket) : IDisposable
    {
        private readonly SemaphoreSlim _sending = new(1, 1);

        public string? Uaid { get; set; }

        public Task SendAsync(JsonObject message) => SendAsync(message.ToJsonString());

        public async Task SendAsync(string json)
        {
            await _sending.WaitAsync();
            try
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }
            finally
            {
                _sending.Release();
            }
        }

        public void Abort() => socket.Abort();

        public void Dispose() => _sending.Dispose();
    }
}
