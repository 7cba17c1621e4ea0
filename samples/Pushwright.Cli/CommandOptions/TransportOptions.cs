using System;
using System.CommandLine;
using System.Globalization;
using System.Net;

namespace Pushwright.Cli.CommandOptions;

/// <summary>How messages travel: which endpoints are allowed, timeouts, retries, a proxy, and <c>--verbose</c>.</summary>
internal sealed class TransportOptions
{
    /// <summary>The longest <c>--timeout</c>: the library's limit on a send with all its retries.</summary>
    private const int MaxTimeoutSeconds = 3600;

    public Option<bool> AllowHttp { get; } = OptionValues.Switch("--allow-http", "Allow a plain http: endpoint (local testing only).");

    public Option<bool> AllowPrivateNetwork { get; } = OptionValues.Switch(
        "--allow-private-network",
        "Allow an endpoint on this machine or a private network (loopback, 10/8, 192.168/16, link-local, ...); refused by default.");

    public Option<double?> Timeout { get; } = new("--timeout")
    {
        Description = "The time one message may take with all its retries, in seconds (default 60). An attempt times out after 10 s or this, whichever is shorter.",
        HelpName = "seconds",
        CustomParser = result =>
        {
            if (result.Tokens.Count != 1)
            {
                return null;
            }

            var text = result.Tokens[0].Value;
            if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0.001 and <= MaxTimeoutSeconds)
            {
                return seconds;
            }

            result.AddError($"--timeout: must be a number of seconds above 0 and at most {MaxTimeoutSeconds}; got '{text}'.");
            return null;
        },
    };

    public Option<int?> Retries { get; } = new("--retries")
    {
        Description = "How many times a 408, 429, 5xx or a failed connection is retried, with backoff (default 3). A Retry-After is honoured up to 30 s.",
        HelpName = "count",
        CustomParser = OptionValues.WholeNumber("--retries", 0, 10, "retries"),
    };

    public Option<string> Proxy { get; } = OptionValues.Text(
        "--proxy",
        "url",
        "Send through this HTTP proxy (http://host:port). The address check then applies to the proxy, not to the push service: "
        + "the proxy resolves the endpoint's host itself, so a proxy on this machine or a private network needs --allow-private-network.");

    public Option<bool> Verbose { get; } = OptionValues.Switch(
        "--verbose",
        "Print each attempt and its reply on stderr: the push service's host, delivery headers, status and time; never the endpoint's path, keys or token.");

    public void AddTo(Command command)
    {
        command.Add(AllowHttp);
        command.Add(AllowPrivateNetwork);
        command.Add(Timeout);
        command.Add(Retries);
        command.Add(Proxy);
        command.Add(Verbose);
    }

    /// <summary>Reads the settings.</summary>
    /// <exception cref="UsageException">The proxy is not an absolute http: or https: URL.</exception>
    public TransportSettings Read(ParseResult parseResult)
    {
        WebProxy? proxy = null;
        if (parseResult.GetValue(Proxy) is { } text)
        {
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
            {
                throw new UsageException($"--proxy: must be an absolute http: URL such as http://proxy.example.com:3128; got '{text}'.");
            }

            proxy = new WebProxy(new Uri(uri.GetLeftPart(UriPartial.Authority)));
            if (uri.UserInfo.Split(':', 2) is [var user, var password] && user.Length > 0)
            {
                proxy.Credentials = new NetworkCredential(Uri.UnescapeDataString(user), Uri.UnescapeDataString(password));
            }
        }

        return new TransportSettings(
            parseResult.GetValue(AllowHttp),
            parseResult.GetValue(AllowPrivateNetwork),
            parseResult.GetValue(Timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            parseResult.GetValue(Retries),
            proxy,
            parseResult.GetValue(Verbose));
    }
}
