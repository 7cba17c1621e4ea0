using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading.Tasks;

namespace Pushwright.Tests.Support;

/// <summary>
/// A TCP listener on a loopback (or any) address that accepts every connection, counts it and closes
/// it at once: the proof that a refused send never reached the server. Also linked into
/// Pushwright.IntegrationTests.
/// </summary>
internal sealed class CountingListener : IDisposable
{
    private static readonly TimeSpan s_settleTimeout = TimeSpan.FromSeconds(10);

    private readonly TcpListener _listener;
    private readonly IPAddress _connectTo;
    private readonly object _lock = new();
    private readonly List<int> _acceptedPorts = [];
    private readonly HashSet<int> _sentinelPorts = [];

    /// <summary>
    /// Starts listening on a free port of <paramref name="address"/>: <see cref="IPAddress.IPv6Any"/>
    /// listens dual-stack on every local address, <see cref="IPAddress.Any"/> on every IPv4 one.
    /// </summary>
    public CountingListener(IPAddress address)
    {
        _listener = new TcpListener(address, 0);
        if (address.Equals(IPAddress.IPv6Any))
        {
            _listener.Server.DualMode = true;
        }

        _listener.Start();
        _connectTo = address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Any) ? IPAddress.Loopback : address;
        _ = AcceptAllAsync();
    }

    /// <summary>Gets the port.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>
    /// Returns how many connections were accepted, counting every one made before the call: it
    /// connects a sentinel of its own and waits until it is accepted (connections are accepted in
    /// order), so a connection still in the backlog cannot be missed.
    /// </summary>
    public async Task<int> CountAsync()
    {
        using var sentinel = new TcpClient(_connectTo.AddressFamily);
        await sentinel.ConnectAsync(_connectTo, Port).ConfigureAwait(false);
        var port = ((IPEndPoint)sentinel.Client.LocalEndPoint!).Port;
        lock (_lock)
        {
            _sentinelPorts.Add(port);
        }

        var waiting = Stopwatch.StartNew();
        while (true)
        {
            lock (_lock)
            {
                var index = _acceptedPorts.IndexOf(port);
                if (index >= 0)
                {
                    return _acceptedPorts.Take(index).Count(p => !_sentinelPorts.Contains(p));
                }
            }

            if (waiting.Elapsed > s_settleTimeout)
            {
                throw new TimeoutException("The listener did not accept its own sentinel connection.");
            }

            await Task.Delay(5).ConfigureAwait(false);
        }
    }

    public void Dispose() => _listener.Stop();

    private async Task AcceptAllAsync()
    {
        try
        {
            while (true)
            {
                using var client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                lock (_lock)
                {
                    _acceptedPorts.Add(((IPEndPoint)client.Client.RemoteEndPoint!).Port);
                }
            }
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SocketException or InvalidOperationException)
        {
            // Stopped.
        }
    }
}
