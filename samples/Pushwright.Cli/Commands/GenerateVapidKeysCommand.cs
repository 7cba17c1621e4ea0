using System.CommandLine;
using System.IO;
using Pushwright.Cli.CommandOptions;

namespace Pushwright.Cli.Commands;

/// <summary><c>webpush generate-vapid-keys [--json]</c>: the same output as the Node web-push CLI.</summary>
internal static class GenerateVapidKeysCommand
{
    private static readonly Option<bool> s_json = OptionValues.Switch("--json", "Print {\"publicKey\":\"...\",\"privateKey\":\"...\"} on one line.");

    public const string Notes = """
        Prints a new VAPID key pair (RFC 8292) as unpadded base64url: the 65-byte public key (give it to
        the browser as applicationServerKey) and the 32-byte private key (keep it secret).
        """;

    public static Command Create()
    {
        var command = new Command("generate-vapid-keys", "Make a VAPID key pair for your application server.")
        {
            s_json,
        };
        command.SetAction(parseResult => Run(parseResult.GetValue(s_json), parseResult.InvocationConfiguration.Output));
        return command;
    }

    public static int Run(bool json, TextWriter output)
    {
        // 1. The command line was parsed by System.CommandLine.
        // 2. Generate a fresh P-256 key pair.
        var keys = VapidKeys.Generate();
        var publicKey = keys.PublicKeyBase64Url;
        var privateKey = keys.ExportPrivateKeyBase64Url();

        // 3. Print it: one JSON line, or the framed text web-push prints.
        if (json)
        {
            JsonOutput.WriteKeyPair(output, publicKey, privateKey);
        }
        else
        {
            const string Rule = "=======================================";
            output.WriteLine();
            output.WriteLine(Rule);
            output.WriteLine();
            output.WriteLine("Public Key:");
            output.WriteLine(publicKey);
            output.WriteLine();
            output.WriteLine("Private Key:");
            output.WriteLine(privateKey);
            output.WriteLine();
            output.WriteLine(Rule);
            output.WriteLine();
        }

        return ExitCodes.Success;
    }
}
