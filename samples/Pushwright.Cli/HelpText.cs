using System.IO;

namespace Pushwright.Cli;

/// <summary>The help screens: <c>webpush --help</c> and <c>webpush &lt;command&gt; --help</c>.</summary>
internal static class HelpText
{
    public const string Overview = """
        webpush: send encrypted Web Push messages (RFC 8030, RFC 8291, RFC 8292) from the command line.

        Usage:
          webpush demo                   Run the whole flow locally: a push service on 127.0.0.1, a simulated
                                         browser, both encodings, and a 410 that removes the subscription.
          webpush generate-vapid-keys    Make a VAPID key pair for your application server.
          webpush send-notification      Send one message to one subscription.
          webpush help [<command>]       Show this help, or a command's options.
          webpush --version              Show the version.

        Exit codes: 0 delivered (or done), 1 failed, 2 usage error (nothing sent), 3 subscription gone.
        Run 'webpush <command> --help' for the options of a command.
        """;

    public const string Demo = """
        Usage: webpush demo

        Runs the whole Web Push flow on this machine, with no browser and no network: starts a small push
        service on 127.0.0.1 (random port), subscribes a simulated browser, sends one message with
        aes128gcm and one with aesgcm through WebPushClient, shows each one decrypted on the receiving
        side with its VAPID header checked, then lets the browser unsubscribe so the next message gets
        410 Gone and the subscription is removed.

        Exit code 0 when everything matched, 1 otherwise.
        """;

    public const string GenerateVapidKeys = """
        Usage: webpush generate-vapid-keys [--json]

        Prints a new VAPID key pair (RFC 8292) as unpadded base64url: the 65-byte public key (give it to
        the browser as applicationServerKey) and the 32-byte private key (keep it secret).

        Options:
          --json    Print {"publicKey":"...","privateKey":"..."} on one line.
        """;

    public const string SendNotification = """
        Usage: webpush send-notification --endpoint <url> --key <p256dh> --auth <auth> [options]
               webpush send-notification --subscription <file.json> [options]

        Sends one message to one subscription and prints the outcome.

        The subscription:
          --subscription <file>    A file holding the browser's PushSubscription JSON
                                   ({"endpoint": "...", "keys": {"p256dh": "...", "auth": "..."}}).
          --endpoint <url>         The push endpoint (https:).
          --key <p256dh>           The subscription's p256dh key (base64url).
          --auth <auth>            The subscription's auth secret (base64url).

        The message:
          --payload <text>         The text to send (UTF-8). Without a payload a data-free push is sent.
          --payload-file <path>    Send the bytes of a file instead.
          --ttl <seconds>          How long the push service may keep it (default 2419200, 28 days).
          --urgency <value>        very-low, low, normal or high.
          --topic <topic>          Replaces an undelivered message with the same topic (1-32 base64url chars).
          --encoding <value>       aes128gcm (default, RFC 8291) or aesgcm (older browsers).

        The sender (VAPID, RFC 8292):
          --vapid-subject <uri>    mailto: address or https: URL (or set VAPID_SUBJECT).
          --vapid-pubkey <key>     Public key, base64url (or set VAPID_PUBLIC_KEY; computed if omitted).
          --vapid-pvtkey <key>     Private key, base64url (or set VAPID_PRIVATE_KEY).

        Other:
          --allow-http             Allow a plain http: endpoint (local testing only).
          --allow-private-network  Allow an endpoint on this machine or a private network (loopback,
                                   10/8, 192.168/16, link-local, ...); refused by default.
          --json                   Print {"outcome":"...","status":201,"location":"...","error":null}.

        Exit codes: 0 delivered, 3 subscription gone (remove it), 2 usage error (nothing sent), 1 any other failure.
        The endpoint's TLS certificate must be trusted; on Linux SSL_CERT_DIR and SSL_CERT_FILE are honoured.
        """;

    /// <summary>Runs <c>webpush help [command]</c>.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        if (args.Length > 1)
        {
            throw new UsageException("help takes at most one command name, as in 'webpush help send-notification'.");
        }

        var text = args.Length == 0 ? Overview : args[0] switch
        {
            "demo" => Demo,
            "generate-vapid-keys" => GenerateVapidKeys,
            "send-notification" => SendNotification,
            _ => throw new UsageException($"unknown command '{args[0]}'. Run 'webpush --help' to see the commands."),
        };
        output.WriteLine(text);
        return ExitCodes.Success;
    }
}
