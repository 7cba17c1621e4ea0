using System.Linq;
using System.Net;
using Xunit;

namespace Pushwright.IntegrationTests.Transport;

/// <summary>Every way a push endpoint can name this machine, with the address a listener needs to see a connection to it.</summary>
internal static class LoopbackHosts
{
    /// <summary>
    /// Numeric IPv4, <c>localhost</c>, the machine's own host name (a name the resolver maps to this
    /// machine, through /etc/hosts here), the IPv4-mapped IPv6 form and IPv6 loopback. The host name's
    /// listener listens on every local address, whatever it resolves to.
    /// </summary>
    public static TheoryData<string, string> All => new()
    {
        { "127.0.0.1", "127.0.0.1" },
        { "localhost", "127.0.0.1" },
        { MachineName, "::" },
        { "[::ffff:127.0.0.1]", "127.0.0.1" },
        { "[::1]", "::1" },
    };

    /// <summary>Gets the machine's own host name.</summary>
    public static string MachineName { get; } = Dns.GetHostName();

    /// <summary>Gets a value indicating whether the machine's host name resolves to a loopback address, as the tests that use it assume.</summary>
    public static bool MachineNameIsLoopback => Dns.GetHostAddresses(MachineName).Any(IPAddress.IsLoopback);
}
