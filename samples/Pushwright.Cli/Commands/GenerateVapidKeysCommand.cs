using System.IO;

namespace Pushwright.Cli.Commands;

/// <summary><c>webpush generate-vapid-keys [--json]</c>: the same output as the Node web-push CLI.</summary>
internal static class GenerateVapidKeysCommand
{
    public static int Run(string[] args, TextWriter output)
    {
        // 1. Parse the arguments.
        var line = CommandLine.Parse("generate-vapid-keys", args, [], ["--json"]);
        if (line.HelpRequested)
        {
            output.WriteLine(HelpText.GenerateVapidKeys);
            return ExitCodes.Success;
        }

        // 2. Generate a fresh P-256 key pair.
        var keys = VapidKeys.Generate();
        var publicKey = keys.PublicKeyBase64Url;
        var privateKey = keys.ExportPrivateKeyBase64Url();

        // 3. Print it: one JSON line, or the framed text web-push prints.
        if (line.Has("--json"))
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
