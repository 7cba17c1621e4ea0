using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace Pushwright.Sending;

/// <summary>
/// The <see cref="SocketsHttpHandler.ConnectCallback"/> of the handler <see cref="SafeHttpHandlerFactory"/>
/// builds (net8.0): resolves the host, keeps only public unicast addresses unless private networks
/// are allowed, and tries them one after another. Because the check is made on the very addresses
/// connected to, after DNS, a name that rebinds to 127.0.0.1 between two lookups gains nothing.
/// </summary>
internal sealed class PublicAddressConnector
{
    private readonly bool _allowPrivateNetworkEndpoints;

    public PublicAddressConnector(bool allowPrivateNetworkEndpoints) => _allowPrivateNetworkEndpoints = allowPrivateNetworkEndpoints;

    /// <summary>Opens the connection; SocketsHttpHandler wraps what this throws in an <see cref="HttpRequestException"/>.</summary>
    /// <exception cref="EndpointRefusedException">The host has no public address.</exception>
    /// <exception cref="SocketException">The host was not found, or no address accepted the connection.</exception>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        // An address literal is checked as it is: the resolver would reject 0.0.0.0 with an error that reads as a network fault.
        var host = context.DnsEndPoint.Host;
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            host = literal.ToString();   // without the brackets of an IPv6 literal
            addresses = [literal];
        }
        else
        {
            addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        }

        var candidates = _allowPrivateNetworkEndpoints ? addresses : [.. AddressPolicy.PublicAddresses(host, addresses)];

        // One address after another, in the resolver's order (RFC 6724); the handler's ConnectTimeout bounds them all.
        ExceptionDispatchInfo? lastFailure = null;
        foreach (var address in candidates)
        {
            // An IPv4-mapped address (::ffff:a.b.c.d) is reached over IPv4, which a plain IPv6 socket cannot do.
            var target = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
            Socket? socket = null;
            try
            {
                socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(new IPEndPoint(target, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket?.Dispose();
                lastFailure = ExceptionDispatchInfo.Capture(ex);
            }
            catch
            {
                socket?.Dispose();
                throw;
            }
        }

        lastFailure?.Throw();
        throw new SocketException((int)SocketError.HostNotFound);
    }
}
