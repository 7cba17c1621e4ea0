using System;
using System.CommandLine;
using System.IO;

namespace Pushwright.Cli.CommandOptions;

/// <summary>The sender's VAPID identity (RFC 8292): <c>--vapid-subject</c>, <c>--vapid-pubkey</c>, <c>--vapid-pvtkey</c>, or the <c>VAPID_*</c> variables.</summary>
internal sealed class VapidOptions
{
    public Option<string> Subject { get; } = OptionValues.Text("--vapid-subject", "uri", "mailto: address or https: URL (or set VAPID_SUBJECT).");

    public Option<string> PublicKey { get; } = OptionValues.Text("--vapid-pubkey", "key", "Public key, base64url (or set VAPID_PUBLIC_KEY; computed from the private key if omitted).");

    public Option<string> PrivateKey { get; } = OptionValues.Text("--vapid-pvtkey", "key", "Private key, base64url (or set VAPID_PRIVATE_KEY).");

    public void AddTo(Command command)
    {
        command.Add(Subject);
        command.Add(PublicKey);
        command.Add(PrivateKey);
    }

    /// <summary>Reads and checks the identity; a subject that push services may reject is a warning on <paramref name="error"/>.</summary>
    /// <exception cref="UsageException">A value is missing or invalid; the message names the option or variable it came from.</exception>
    public VapidDetails Read(ParseResult parseResult, TextWriter error)
    {
        var (publicKey, publicSource) = parseResult.GetOrEnvironment(PublicKey, "VAPID_PUBLIC_KEY");
        var (privateKey, privateSource) = parseResult.GetOrEnvironment(PrivateKey, "VAPID_PRIVATE_KEY");
        var (subject, subjectSource) = parseResult.GetOrEnvironment(Subject, "VAPID_SUBJECT");
        if (privateKey is null)
        {
            throw new UsageException("missing the VAPID private key: pass --vapid-pvtkey <key> (and --vapid-pubkey <key>) or set VAPID_PRIVATE_KEY; 'webpush generate-vapid-keys' makes a pair.");
        }

        if (subject is null)
        {
            throw new UsageException("missing the VAPID subject: pass --vapid-subject mailto:you@example.com (or an https: URL) or set VAPID_SUBJECT.");
        }

        VapidKeys keys;
        try
        {
            keys = publicKey is null ? VapidKeys.FromPrivateKeyBase64Url(privateKey) : VapidKeys.FromBase64Url(publicKey, privateKey);
        }
        catch (ArgumentException ex)
        {
            throw UsageException.For(ex.ParamName == "privateKey" ? privateSource : publicSource, ex);
        }

        VapidDetails details;
        try
        {
            details = new VapidDetails(subject, keys);
        }
        catch (ArgumentException ex)
        {
            throw UsageException.For(subjectSource, ex);
        }

        if (details.SubjectWarning is { } warning)
        {
            error.WriteLine("webpush: warning: " + warning);
        }

        return details;
    }
}
