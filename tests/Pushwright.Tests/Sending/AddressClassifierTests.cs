using System;
using System.Net;
using FluentAssertions;
using Pushwright.Sending;
using Xunit;

namespace Pushwright.Tests.Sending;

/// <summary>
/// The connect-time address policy's table, range by range, with the first and last address of each
/// range and its neighbours outside, in IPv4 and in every IPv6 form that carries an IPv4 address.
/// </summary>
public sealed class AddressClassifierTests
{
    [Theory]
    // 0.0.0.0/8, "this network"
    [InlineData("0.0.0.0", "ThisNetwork")]
    [InlineData("0.255.255.255", "ThisNetwork")]
    [InlineData("1.0.0.0", "Public")]
    // 10.0.0.0/8
    [InlineData("9.255.255.255", "Public")]
    [InlineData("10.0.0.0", "Private")]
    [InlineData("10.255.255.255", "Private")]
    [InlineData("11.0.0.0", "Public")]
    // 100.64.0.0/10
    [InlineData("100.63.255.255", "Public")]
    [InlineData("100.64.0.0", "SharedAddressSpace")]
    [InlineData("100.127.255.255", "SharedAddressSpace")]
    [InlineData("100.128.0.0", "Public")]
    // 127.0.0.0/8
    [InlineData("126.255.255.255", "Public")]
    [InlineData("127.0.0.0", "Loopback")]
    [InlineData("127.0.0.1", "Loopback")]
    [InlineData("127.255.255.255", "Loopback")]
    [InlineData("128.0.0.0", "Public")]
    // 169.254.0.0/16, where cloud metadata services answer
    [InlineData("169.253.255.255", "Public")]
    [InlineData("169.254.0.0", "LinkLocal")]
    [InlineData("169.254.169.254", "LinkLocal")]
    [InlineData("169.254.255.255", "LinkLocal")]
    [InlineData("169.255.0.0", "Public")]
    // 172.16.0.0/12
    [InlineData("172.15.255.255", "Public")]
    [InlineData("172.16.0.0", "Private")]
    [InlineData("172.31.255.255", "Private")]
    [InlineData("172.32.0.0", "Public")]
    // 192.0.0.0/24 and 192.0.2.0/24
    [InlineData("191.255.255.255", "Public")]
    [InlineData("192.0.0.0", "Reserved")]
    [InlineData("192.0.0.255", "Reserved")]
    [InlineData("192.0.1.0", "Public")]
    [InlineData("192.0.2.0", "Documentation")]
    [InlineData("192.0.2.255", "Documentation")]
    [InlineData("192.0.3.0", "Public")]
    // 192.88.99.0/24, 6to4 relays
    [InlineData("192.88.98.255", "Public")]
    [InlineData("192.88.99.1", "Reserved")]
    [InlineData("192.88.100.0", "Public")]
    // 192.168.0.0/16
    [InlineData("192.167.255.255", "Public")]
    [InlineData("192.168.0.0", "Private")]
    [InlineData("192.168.255.255", "Private")]
    [InlineData("192.169.0.0", "Public")]
    // 198.18.0.0/15 and 198.51.100.0/24
    [InlineData("198.17.255.255", "Public")]
    [InlineData("198.18.0.0", "Benchmarking")]
    [InlineData("198.19.255.255", "Benchmarking")]
    [InlineData("198.20.0.0", "Public")]
    [InlineData("198.51.99.255", "Public")]
    [InlineData("198.51.100.0", "Documentation")]
    [InlineData("198.51.100.255", "Documentation")]
    [InlineData("198.51.101.0", "Public")]
    // 203.0.113.0/24
    [InlineData("203.0.112.255", "Public")]
    [InlineData("203.0.113.0", "Documentation")]
    [InlineData("203.0.113.255", "Documentation")]
    [InlineData("203.0.114.0", "Public")]
    // 224.0.0.0/4, 240.0.0.0/4 and the broadcast address
    [InlineData("223.255.255.255", "Public")]
    [InlineData("224.0.0.0", "Multicast")]
    [InlineData("239.255.255.255", "Multicast")]
    [InlineData("240.0.0.0", "Reserved")]
    [InlineData("255.255.255.254", "Reserved")]
    [InlineData("255.255.255.255", "Broadcast")]
    // Globally reachable special-purpose ranges stay public: AS112 and AMT.
    [InlineData("192.31.196.1", "Public")]
    [InlineData("192.52.193.1", "Public")]
    [InlineData("192.175.48.1", "Public")]
    // Public services
    [InlineData("8.8.8.8", "Public")]
    [InlineData("1.1.1.1", "Public")]
    [InlineData("142.250.185.74", "Public")]
    public void Classify_IPv4_FollowsTheSpecialPurposeRegistry(string address, string expected) =>
        AddressClassifier.Classify(IPAddress.Parse(address)).ToString().Should().Be(expected, address);

    [Theory]
    [InlineData("::", "ThisNetwork")]
    [InlineData("::1", "Loopback")]
    // fc00::/7
    [InlineData("fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "Reserved")]
    [InlineData("fc00::", "Private")]
    [InlineData("fd00::2", "Private")]
    [InlineData("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "Private")]
    // fe80::/10, fec0::/10, ff00::/8
    [InlineData("fe80::", "LinkLocal")]
    [InlineData("fe80::1%2", "LinkLocal")]
    [InlineData("febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "LinkLocal")]
    [InlineData("fec0::1", "Reserved")]
    [InlineData("ff00::", "Multicast")]
    [InlineData("ff02::1", "Multicast")]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "Multicast")]
    // Documentation: 2001:db8::/32, 3fff::/20
    [InlineData("2001:db7:ffff:ffff:ffff:ffff:ffff:ffff", "Public")]
    [InlineData("2001:db8::", "Documentation")]
    [InlineData("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "Documentation")]
    [InlineData("2001:db9::", "Public")]
    [InlineData("3fff::1", "Documentation")]
    [InlineData("3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff", "Documentation")]
    [InlineData("3fff:1000::", "Public")]
    // 2001::/23 (Teredo, protocol assignments), 2001:2::/48 (benchmarking), 2002::/16 (6to4)
    [InlineData("2001::1", "Reserved")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", "Reserved")]
    [InlineData("2001:2::1", "Benchmarking")]
    [InlineData("2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff", "Reserved")]
    [InlineData("2001:200::", "Public")]
    [InlineData("2002:7f00:1::1", "Reserved")]
    [InlineData("2002:808:808::1", "Reserved")]
    [InlineData("2003::", "Public")]
    // Outside global unicast 2000::/3: discard-only, local-use NAT64, SRv6 and unallocated space
    [InlineData("100::1", "Reserved")]
    [InlineData("64:ff9b:1::1", "Reserved")]
    [InlineData("64:ff9b:1:ffff:ffff:ffff:ffff:ffff", "Reserved")]
    [InlineData("5f00::1", "Reserved")]
    [InlineData("1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "Reserved")]
    [InlineData("2000::", "Public")]
    [InlineData("3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "Public")]
    [InlineData("4000::", "Reserved")]
    [InlineData("::ffff:0:7f00:1", "Reserved")]
    // Public services
    [InlineData("2001:4860:4860::8888", "Public")]
    [InlineData("2606:4700:4700::1111", "Public")]
    [InlineData("2a00:1450:4001:82b::200a", "Public")]
    public void Classify_IPv6_FollowsTheSpecialPurposeRegistry(string address, string expected) =>
        AddressClassifier.Classify(IPAddress.Parse(address)).ToString().Should().Be(expected, address);

    [Theory]
    [InlineData("127.0.0.1", "Loopback")]
    [InlineData("0.0.0.0", "ThisNetwork")]
    [InlineData("10.1.2.3", "Private")]
    [InlineData("172.16.0.1", "Private")]
    [InlineData("192.168.1.1", "Private")]
    [InlineData("100.64.0.1", "SharedAddressSpace")]
    [InlineData("169.254.169.254", "LinkLocal")]
    [InlineData("224.0.0.1", "Multicast")]
    [InlineData("255.255.255.255", "Broadcast")]
    [InlineData("192.0.2.1", "Documentation")]
    [InlineData("198.18.0.1", "Benchmarking")]
    [InlineData("240.0.0.1", "Reserved")]
    [InlineData("8.8.8.8", "Public")]
    public void Classify_IPv4MappedAndNat64Forms_AreWhatTheirIPv4AddressIs(string ipv4, string expected)
    {
        var bytes = IPAddress.Parse(ipv4).GetAddressBytes();
        var mapped = $"::ffff:{ipv4}";
        var nat64 = $"64:ff9b::{ipv4}";
        var nat64Hex = $"64:ff9b::{(bytes[0] << 8) | bytes[1]:x}:{(bytes[2] << 8) | bytes[3]:x}";

        AddressClassifier.Classify(IPAddress.Parse(mapped)).ToString().Should().Be(expected, mapped);
        AddressClassifier.Classify(IPAddress.Parse(nat64)).ToString().Should().Be(expected, nat64);
        AddressClassifier.Classify(IPAddress.Parse(nat64Hex)).ToString().Should().Be(expected, nat64Hex);
    }

    [Theory]
    [InlineData("127.0.0.1", "Loopback")]
    [InlineData("10.1.2.3", "Private")]
    [InlineData("169.254.169.254", "LinkLocal")]
    [InlineData("100.64.0.1", "SharedAddressSpace")]
    [InlineData("224.0.0.1", "Multicast")]
    [InlineData("0.0.0.2", "ThisNetwork")]
    // The deprecated IPv4-compatible form is never routed: refused even around a public address.
    [InlineData("8.8.8.8", "Reserved")]
    public void Classify_IPv4CompatibleForm_IsRefusedAsWhatItCarries(string ipv4, string expected)
    {
        var compatible = $"::{ipv4}";

        AddressClassifier.Classify(IPAddress.Parse(compatible)).ToString().Should().Be(expected, compatible);
    }

    [Fact]
    public void Classify_IPv4MappedOutsideThe96BitPrefix_IsNotMapped()
    {
        // 64:ff9b::/96 needs bits 64-95 zero; 64:ff9b::1:7f00:1 is not a NAT64 address but unallocated space.
        AddressClassifier.Classify(IPAddress.Parse("64:ff9b::1:7f00:1")).Should().Be(AddressKind.Reserved);
        AddressClassifier.Classify(IPAddress.Parse("64:ff9b::1:808:808")).Should().Be(AddressKind.Reserved);
    }

    [Theory]
    [InlineData("Loopback", "loopback")]
    [InlineData("LinkLocal", "link-local")]
    [InlineData("Private", "private")]
    [InlineData("ThisNetwork", "'this network' (unspecified)")]
    [InlineData("Reserved", "reserved (not globally routable)")]
    public void Describe_Kind_NamesItForAMessage(string kind, string expected) =>
        AddressClassifier.Describe(Enum.Parse<AddressKind>(kind)).Should().Be(expected);
}
