using System.CommandLine;

namespace Pushwright.Cli.CommandOptions;

/// <summary>How messages travel: which endpoints are allowed.</summary>
internal sealed class TransportOptions
{
    public Option<bool> AllowHttp { get; } = OptionValues.Switch("--allow-http", "Allow a plain http: endpoint (local testing only).");

    public Option<bool> AllowPrivateNetwork { get; } = OptionValues.Switch(
        "--allow-private-network",
        "Allow an endpoint on this machine or a private network (loopback, 10/8, 192.168/16, link-local, ...); refused by default.");

    public void AddTo(Command command)
    {
        command.Add(AllowHttp);
        command.Add(AllowPrivateNetwork);
    }

    /// <summary>Reads the settings of the client.</summary>
    public WebPushClientOptions Read(ParseResult parseResult) => new()
    {
        AllowHttpEndpoints = parseResult.GetValue(AllowHttp),
        AllowPrivateNetworkEndpoints = parseResult.GetValue(AllowPrivateNetwork),
    };
}
