namespace Pushwright.Sending;

/// <summary>What an IP address is, for the connect-time address policy. Only <see cref="Public"/> may be connected to by default.</summary>
internal enum AddressKind
{
    /// <summary>A globally routable unicast address.</summary>
    Public,

    /// <summary>"This network": 0.0.0.0/8 and the unspecified <c>::</c> (RFC 791, RFC 4291).</summary>
    ThisNetwork,

    /// <summary>127.0.0.0/8 and <c>::1</c>.</summary>
    Loopback,

    /// <summary>10/8, 172.16/12, 192.168/16 (RFC 1918) and unique local fc00::/7 (RFC 4193).</summary>
    Private,

    /// <summary>100.64.0.0/10, carrier-grade NAT (RFC 6598).</summary>
    SharedAddressSpace,

    /// <summary>169.254/16 (cloud metadata services live here) and fe80::/10.</summary>
    LinkLocal,

    /// <summary>224.0.0.0/4 and ff00::/8.</summary>
    Multicast,

    /// <summary>255.255.255.255.</summary>
    Broadcast,

    /// <summary>192.0.2/24, 198.51.100/24, 203.0.113/24 (RFC 5737), 2001:db8::/32 (RFC 3849) and 3fff::/20 (RFC 9637).</summary>
    Documentation,

    /// <summary>198.18.0.0/15 (RFC 2544) and 2001:2::/48 (RFC 5180).</summary>
    Benchmarking,

    /// <summary>Any other range that is not globally routable: see <see cref="AddressClassifier"/>.</summary>
    Reserved,
}
