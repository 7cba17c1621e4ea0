// Classifies IP addresses for the connect-time address policy, after the IANA IPv4 and IPv6
// Special-Purpose Address Registries (RFC 6890 and its updates). Only globally routable unicast
// addresses are Public. An IPv6 address that carries an IPv4 address (IPv4-mapped ::ffff:0:0/96,
// IPv4-compatible ::/96, NAT64 well-known prefix 64:ff9b::/96, RFC 4291 Section 2.5.5 and RFC 6052)
// is what that IPv4 address is, so a hostile name cannot reach 127.0.0.1 as ::ffff:127.0.0.1.
//
// Judgement calls, stricter than the registry where a push service has no business being:
//   192.0.0.0/24 and 2001::/23 (IETF protocol assignments: Teredo, PCP and TURN anycast, ...) are refused whole;
//   192.88.99.0/24 and 2002::/16 (6to4, deprecated by RFC 7526) are refused;
//   an IPv4-compatible address (deprecated) is refused even when its IPv4 address is public;
//   every IPv6 address outside global unicast 2000::/3 is refused (100::/64 discard, fec0::/10 site-local, 5f00::/16, ...).
// Allowed, because they are globally reachable: 64:ff9b::/96 around a public IPv4 address (how
// IPv6-only networks reach IPv4 services), and the AS112 and AMT ranges.
using System.Net;
using System.Net.Sockets;

namespace Pushwright.Sending;

/// <summary>Says whether an IP address is a public unicast address, and if not, what it is.</summary>
internal static class AddressClassifier
{
    // IPv4 ranges as (prefix, prefix length, kind); the first match wins, so 255.255.255.255 comes before 240/4.
    private static readonly (uint Prefix, int Length, AddressKind Kind)[] s_ipv4 =
    [
        (0x00000000, 8, AddressKind.ThisNetwork),          // 0.0.0.0/8
        (0x0A000000, 8, AddressKind.Private),              // 10.0.0.0/8
        (0x64400000, 10, AddressKind.SharedAddressSpace),  // 100.64.0.0/10
        (0x7F000000, 8, AddressKind.Loopback),             // 127.0.0.0/8
        (0xA9FE0000, 16, AddressKind.LinkLocal),           // 169.254.0.0/16
        (0xAC100000, 12, AddressKind.Private),             // 172.16.0.0/12
        (0xC0000000, 24, AddressKind.Reserved),            // 192.0.0.0/24, IETF protocol assignments
        (0xC0000200, 24, AddressKind.Documentation),       // 192.0.2.0/24, TEST-NET-1
        (0xC0586300, 24, AddressKind.Reserved),            // 192.88.99.0/24, 6to4 relay anycast (deprecated)
        (0xC0A80000, 16, AddressKind.Private),             // 192.168.0.0/16
        (0xC6120000, 15, AddressKind.Benchmarking),        // 198.18.0.0/15
        (0xC6336400, 24, AddressKind.Documentation),       // 198.51.100.0/24, TEST-NET-2
        (0xCB007100, 24, AddressKind.Documentation),       // 203.0.113.0/24, TEST-NET-3
        (0xE0000000, 4, AddressKind.Multicast),            // 224.0.0.0/4
        (0xFFFFFFFF, 32, AddressKind.Broadcast),           // 255.255.255.255/32
        (0xF0000000, 4, AddressKind.Reserved),             // 240.0.0.0/4, reserved for future use
    ];

    // IPv6 ranges no longer than /64, as (first 64 bits, prefix length, kind); the first match wins.
    private static readonly (ulong Prefix, int Length, AddressKind Kind)[] s_ipv6 =
    [
        (0x0064_FF9B_0001_0000, 48, AddressKind.Reserved),       // 64:ff9b:1::/48, local-use NAT64 (RFC 8215)
        (0x0100_0000_0000_0000, 64, AddressKind.Reserved),       // 100::/64, discard-only (RFC 6666)
        (0x2001_0002_0000_0000, 48, AddressKind.Benchmarking),   // 2001:2::/48
        (0x2001_0DB8_0000_0000, 32, AddressKind.Documentation),  // 2001:db8::/32
        (0x2001_0000_0000_0000, 23, AddressKind.Reserved),       // 2001::/23, IETF protocol assignments (Teredo 2001::/32, ...)
        (0x2002_0000_0000_0000, 16, AddressKind.Reserved),       // 2002::/16, 6to4 (deprecated)
        (0x3FFF_0000_0000_0000, 20, AddressKind.Documentation),  // 3fff::/20
        (0xFC00_0000_0000_0000, 7, AddressKind.Private),         // fc00::/7, unique local
        (0xFE80_0000_0000_0000, 10, AddressKind.LinkLocal),      // fe80::/10
        (0xFEC0_0000_0000_0000, 10, AddressKind.Reserved),       // fec0::/10, site-local (deprecated)
        (0xFF00_0000_0000_0000, 8, AddressKind.Multicast),       // ff00::/8
    ];

    private const ulong Nat64WellKnownPrefix = 0x0064_FF9B_0000_0000;   // 64:ff9b::/96 (RFC 6052)

    /// <summary>Classifies <paramref name="address"/>.</summary>
    public static AddressKind Classify(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return address.AddressFamily == AddressFamily.InterNetwork ? ClassifyIPv4(bytes, 0) : ClassifyIPv6(bytes);
    }

    /// <summary>Names <paramref name="kind"/> for a message, as in "127.0.0.1 is loopback".</summary>
    public static string Describe(AddressKind kind) => kind switch
    {
        AddressKind.Public => "public",
        AddressKind.ThisNetwork => "'this network' (unspecified)",
        AddressKind.Loopback => "loopback",
        AddressKind.Private => "private",
        AddressKind.SharedAddressSpace => "shared address space (carrier-grade NAT)",
        AddressKind.LinkLocal => "link-local",
        AddressKind.Multicast => "multicast",
        AddressKind.Broadcast => "broadcast",
        AddressKind.Documentation => "reserved for documentation",
        AddressKind.Benchmarking => "reserved for benchmarking",
        _ => "reserved (not globally routable)",
    };

    private static AddressKind ClassifyIPv4(byte[] bytes, int offset)
    {
        var value = ((uint)bytes[offset] << 24) | ((uint)bytes[offset + 1] << 16) | ((uint)bytes[offset + 2] << 8) | bytes[offset + 3];
        foreach (var (prefix, length, kind) in s_ipv4)
        {
            if ((value & (uint.MaxValue << (32 - length))) == prefix)
            {
                return kind;
            }
        }

        return AddressKind.Public;
    }

    private static AddressKind ClassifyIPv6(byte[] bytes)
    {
        var high = ReadUInt64(bytes, 0);
        var low = ReadUInt64(bytes, 8);
        if (high == 0)
        {
            if (low == 0)
            {
                return AddressKind.ThisNetwork;   // ::
            }

            if (low == 1)
            {
                return AddressKind.Loopback;      // ::1
            }

            switch (low >> 32)
            {
                case 0xFFFF:
                    return ClassifyIPv4(bytes, 12);   // ::ffff:a.b.c.d, IPv4-mapped
                case 0:
                    // ::a.b.c.d, IPv4-compatible: deprecated and never routed, so refused even around a public address.
                    var embedded = ClassifyIPv4(bytes, 12);
                    return embedded == AddressKind.Public ? AddressKind.Reserved : embedded;
            }
        }

        if (high == Nat64WellKnownPrefix && low >> 32 == 0)
        {
            return ClassifyIPv4(bytes, 12);       // 64:ff9b::a.b.c.d, NAT64
        }

        foreach (var (prefix, length, kind) in s_ipv6)
        {
            if ((high & (ulong.MaxValue << (64 - length))) == prefix)
            {
                return kind;
            }
        }

        // Only 2000::/3 is allocated for global unicast (RFC 4291 Section 2.4).
        return high >> 61 == 1 ? AddressKind.Public : AddressKind.Reserved;
    }

    private static ulong ReadUInt64(byte[] bytes, int offset)
    {
        ulong value = 0;
        for (var i = 0; i < 8; i++)
        {
            value = (value << 8) | bytes[offset + i];
        }

        return value;
    }
}
