using System;
using System.CommandLine;

namespace Pushwright.Cli.CommandOptions;

/// <summary>Who <c>send-notification</c> sends to: a subscription file, or endpoint and keys.</summary>
internal sealed class SubscriptionOptions
{
    public Option<string> File { get; } = OptionValues.Text(
        "--subscription",
        "file",
        "A file holding the browser's PushSubscription JSON ({\"endpoint\": \"...\", \"keys\": {\"p256dh\": \"...\", \"auth\": \"...\"}}).");

    public Option<string> Endpoint { get; } = OptionValues.Text("--endpoint", "url", "The push endpoint (https:).");

    public Option<string> Key { get; } = OptionValues.Text("--key", "p256dh", "The subscription's p256dh key (base64url).");

    public Option<string> Auth { get; } = OptionValues.Text("--auth", "auth", "The subscription's auth secret (base64url).");

    public void AddTo(Command command)
    {
        command.Add(File);
        command.Add(Endpoint);
        command.Add(Key);
        command.Add(Auth);
    }

    /// <summary>Reads and checks the subscription.</summary>
    /// <exception cref="UsageException">It is missing, given twice, or invalid; the message names the option.</exception>
    public PushSubscription Read(ParseResult parseResult)
    {
        if (parseResult.GetValue(File) is { } path)
        {
            if (parseResult.Has(Endpoint) || parseResult.Has(Key) || parseResult.Has(Auth))
            {
                throw new UsageException("give either --subscription <file.json> or --endpoint/--key/--auth, not both.");
            }

            var json = OptionValues.ReadFile(File.Name, path, System.IO.File.ReadAllText);
            try
            {
                return PushSubscription.Parse(json);
            }
            catch (ArgumentException ex)
            {
                throw UsageException.For($"--subscription '{path}'", ex);
            }
        }

        var endpoint = parseResult.GetValue(Endpoint)
            ?? throw new UsageException("missing the subscription: pass --subscription <file.json>, or --endpoint <url> --key <p256dh> --auth <auth>. Run 'webpush send-notification --help'.");
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Host.Length == 0)
        {
            throw new UsageException($"--endpoint: the push endpoint must be an absolute https: URL; got '{endpoint}'.");
        }

        var key = parseResult.GetValue(Key) ?? throw new UsageException("missing --key <p256dh>: the subscription's public key (keys.p256dh in its JSON).");
        var auth = parseResult.GetValue(Auth) ?? throw new UsageException("missing --auth <auth>: the subscription's auth secret (keys.auth in its JSON).");
        try
        {
            return new PushSubscription(uri, new PushSubscriptionKeys(key, auth));
        }
        catch (ArgumentException ex)
        {
            throw UsageException.For(ex.ParamName == "auth" ? "--auth" : "--key", ex);
        }
    }
}
