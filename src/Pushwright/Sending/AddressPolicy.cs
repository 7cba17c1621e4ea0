using System.Collections.Generic;
using System.Net;
using Pushwright.Internal;

namespace Pushwright.Sending;

/// <summary>
/// The connect-time address policy: a push endpoint's host may be reached only at public unicast
/// addresses (<see cref="AddressClassifier"/>). Checked after DNS, on the addresses actually
/// connected to, so a name that resolves to a public address once and to 127.0.0.1 later (DNS
/// rebinding) gains nothing.
/// </summary>
internal static class AddressPolicy
{
    /// <summary>
    /// Returns the public addresses among <paramref name="addresses"/>, in order, to connect to one
    /// after another; throws when there is none.
    /// </summary>
    /// <exception cref="EndpointRefusedException">Every address is non-public.</exception>
    public static List<IPAddress> PublicAddresses(string host, IReadOnlyList<IPAddress> addresses)
    {
        var allowed = new List<IPAddress>(addresses.Count);
        var refused = new List<(IPAddress, AddressKind)>();
        foreach (var address in addresses)
        {
            var kind = AddressClassifier.Classify(address);
            if (kind == AddressKind.Public)
            {
                allowed.Add(address);
            }
            else
            {
                refused.Add((address, kind));
            }
        }

        if (allowed.Count == 0 && refused.Count > 0)
        {
            throw Error.EndpointAddressNotPublic(host, IsLiteral(host), refused, onlySome: false);
        }

        return allowed;
    }

    /// <summary>
    /// Throws unless every address in <paramref name="addresses"/> is public: the stricter rule of
    /// the pre-send check, which cannot choose the address the platform's handler connects to.
    /// </summary>
    /// <exception cref="EndpointRefusedException">An address is non-public.</exception>
    public static void RequireAllPublic(string host, IReadOnlyList<IPAddress> addresses)
    {
        var refused = new List<(IPAddress, AddressKind)>();
        foreach (var address in addresses)
        {
            var kind = AddressClassifier.Classify(address);
            if (kind != AddressKind.Public)
            {
                refused.Add((address, kind));
            }
        }

        if (refused.Count > 0)
        {
            throw Error.EndpointAddressNotPublic(host, IsLiteral(host), refused, onlySome: refused.Count < addresses.Count);
        }
    }

    private static bool IsLiteral(string host) => IPAddress.TryParse(host, out _);
}
