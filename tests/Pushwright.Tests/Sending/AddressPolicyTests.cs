using System.Linq;
using System.Net;
using FluentAssertions;
using Pushwright.Sending;
using Xunit;

namespace Pushwright.Tests.Sending;

/// <summary>
/// The host-level decisions: which resolved addresses may be connected to (at connect time, net8.0),
/// when the pre-send check refuses (netstandard2.0), and what the refusal says.
/// </summary>
public sealed class AddressPolicyTests
{
    [Fact]
    public void PublicAddresses_Mixed_KeepsThePublicOnesInOrder()
    {
        var addresses = Parse("10.0.0.1", "2001:4860:4860::8888", "127.0.0.1", "8.8.8.8");

        AddressPolicy.PublicAddresses("push.example.com", addresses).Select(a => a.ToString())
            .Should().Equal("2001:4860:4860::8888", "8.8.8.8");
    }

    [Fact]
    public void PublicAddresses_NoneIsPublic_RefusesNamingHostAndEveryReason()
    {
        var act = () => AddressPolicy.PublicAddresses("rebind.example.com", Parse("127.0.0.1", "::ffff:169.254.169.254"));

        act.Should().Throw<EndpointRefusedException>().WithMessage(
            "The push endpoint's host 'rebind.example.com' resolved only to non-public addresses (127.0.0.1 is loopback, ::ffff:169.254.169.254 is link-local); set AllowPrivateNetworkEndpoints to allow private networks.");
    }

    [Fact]
    public void PublicAddresses_Literal_SaysItIsNotAPublicAddress()
    {
        var act = () => AddressPolicy.PublicAddresses("10.1.2.3", Parse("10.1.2.3"));

        act.Should().Throw<EndpointRefusedException>().WithMessage("The push endpoint's host '10.1.2.3' is not a public address (10.1.2.3 is private); *");
    }

    [Fact]
    public void PublicAddresses_ManyNonPublic_QuotesFourAndCountsTheRest()
    {
        var act = () => AddressPolicy.PublicAddresses("many.example.com", Parse("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5", "10.0.0.6"));

        act.Should().Throw<EndpointRefusedException>().Which.Message.Should().Contain("10.0.0.4 is private, and 2 more)").And.NotContain("10.0.0.5");
    }

    [Fact]
    public void RequireAllPublic_OneNonPublicAmongPublic_Refuses()
    {
        // Before sending, the platform's own handler chooses the address; any non-public one could be it.
        var act = () => AddressPolicy.RequireAllPublic("rebind.example.com", Parse("8.8.8.8", "127.0.0.1"));

        act.Should().Throw<EndpointRefusedException>().WithMessage(
            "The push endpoint's host 'rebind.example.com' resolved to a non-public address (127.0.0.1 is loopback); *");
    }

    [Fact]
    public void RequireAllPublic_AllPublic_Passes()
    {
        var act = () => AddressPolicy.RequireAllPublic("fcm.googleapis.com", Parse("142.250.185.74", "2a00:1450:4001:82b::200a"));

        act.Should().NotThrow();
    }

    private static IPAddress[] Parse(params string[] addresses) => addresses.Select(IPAddress.Parse).ToArray();
}
