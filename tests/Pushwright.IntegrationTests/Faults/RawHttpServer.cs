using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Pushwright.IntegrationTests.Faults;

/// <summary>How a <see cref="RawHttpServer"/> ends a connection after writing its reply bytes.</summary>
public enum ConnectionEnd
{
    /// <summary>Keeps the connection open and silent until the server is disposed: a stalled reply.</summary>
    Stall,

    /// <summary>Closes the connection normally (FIN).</summary>
    Close,

    /// <summary>Resets the connection (RST), as a crashed or hostile peer does.</summary>
    Reset,

    /// <summary>Resets every connection as soon as it is accepted, before reading anything.</summary>
    ResetOnAccept,
}

/// <summary>
/// An HTTP/1.1 server on 127.0.0.1 that answers every request with the same raw bytes and then
/// ends the connection as told: the misbehaving push service of the fault tests. It reads the
/// request's headers and its Content-Length body first, so the client's send completes.
/// </summary>
public sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<TcpClient> _connections = [];
    private readonly byte[] _reply;
    private readonly ConnectionEnd _end;
    private readonly Task _accepting;
    private int _requests;

    public RawHttpServer(string reply, ConnectionEnd end)
        : this(Encoding.UTF8.GetBytes(reply.Replace("\n", "\r\n", StringComparison.Ordinal)), end)
    {
    }

    public RawHttpServer(byte[] reply, ConnectionEnd end)
    {
        _reply = reply;
        _end = end;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>Gets or sets a pause between reply bytes: the reply is dribbled one byte at a time when set.</summary>
    public TimeSpan? Dribble { get; init; }

    /// <summary>Gets the number of requests read so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Gets an endpoint on this server; <paramref name="path"/> stands for the subscription's capability.</summary>
    public Uri Endpoint(string path = "/push/secret-capability") => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}{path}");

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        foreach (var connection in _connections)
        {
            connection.Dispose();
        }

        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _connections.Add(client);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            if (_end == ConnectionEnd.ResetOnAccept)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                return;
            }

            var stream = client.GetStream();
            while (!_stop.IsCancellationRequested)
            {
                if (!await ReadRequestAsync(stream))
                {
                    return;
                }

                Interlocked.Increment(ref _requests);
                if (Dribble is { } pause)
                {
                    for (var i = 0; i < _reply.Length; i++)
                    {
                        await stream.WriteAsync(_reply.AsMemory(i, 1), _stop.Token);
                        await stream.FlushAsync(_stop.Token);
                        await Task.Delay(pause, _stop.Token);
                    }
                }
                else
                {
                    await stream.WriteAsync(_reply, _stop.Token);
                    await stream.FlushAsync(_stop.Token);
                }
                switch (_end)
                {
                    case ConnectionEnd.Reset:
                        // Let the client read what was sent first: a reset discards data the peer has not read yet.
                        await Task.Delay(200, _stop.Token);
                        client.Client.LingerState = new LingerOption(true, 0);
                        client.Dispose();
                        return;
                    case ConnectionEnd.Close:
                        client.Client.Shutdown(SocketShutdown.Both);
                        client.Dispose();
                        return;
                    default:
                        await Task.Delay(Timeout.Infinite, _stop.Token);
                        return;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, or the server stopped.
        }
    }

    /// <summary>Reads one request: the header block, then Content-Length bytes of body. False at end of stream.</summary>
    private async Task<bool> ReadRequestAsync(Stream stream)
    {
        var header = new StringBuilder();
        var one = new byte[1];
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0)
            {
                return false;
            }

            header.Append((char)one[0]);
        }

        var length = 0;
        foreach (var line in header.ToString().Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var body = new byte[length];
        var read = 0;
        while (read < length)
        {
            var n = await stream.ReadAsync(body.AsMemory(read), _stop.Token);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}
