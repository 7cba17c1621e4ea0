using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Pushwright.Sending;

/// <summary>
/// The address policy where no connect callback exists (netstandard2.0): resolves the request's host
/// just before sending and refuses it unless every address is public. Best-effort only: the
/// platform's handler resolves the host again to connect, so a name that changes its answer between
/// the two lookups (DNS rebinding) can slip through. On net8.0 the check is made at connect time instead.
/// </summary>
internal sealed class PreSendAddressCheckHandler : DelegatingHandler
{
    public PreSendAddressCheckHandler(HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
    }

    /// <exception cref="EndpointRefusedException">The host resolved to a non-public address.</exception>
    /// <exception cref="HttpRequestException">The host was not found.</exception>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { IsAbsoluteUri: true } uri)
        {
            var host = uri.IdnHost;
            IPAddress[] addresses;
            if (IPAddress.TryParse(host, out var literal))
            {
                host = literal.ToString();
                addresses = [literal];
            }
            else
            {
                try
                {
                    addresses = await Dns.GetHostAddressesAsync(host).ConfigureAwait(false);
                }
                catch (SocketException ex)
                {
                    // What the handler itself throws for an unknown host: a transport failure, not a bug.
                    throw new HttpRequestException(ex.Message, ex);
                }

                cancellationToken.ThrowIfCancellationRequested();
            }

            AddressPolicy.RequireAllPublic(host, addresses);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
