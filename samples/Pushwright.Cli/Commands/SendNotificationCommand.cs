using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Pushwright.Encryption;

namespace Pushwright.Cli.Commands;

/// <summary>
/// <c>webpush send-notification</c>: one message to one subscription through <see cref="WebPushClient"/>,
/// with the options of the Node web-push CLI plus <c>--subscription</c>, <c>--urgency</c>, <c>--topic</c> and <c>--json</c>.
/// </summary>
internal static class SendNotificationCommand
{
    private const string Name = "send-notification";

    private static readonly string[] s_valueOptions =
    [
        "--endpoint", "--key", "--auth", "--subscription",
        "--payload", "--payload-file", "--ttl", "--urgency", "--topic", "--encoding",
        "--vapid-subject", "--vapid-pubkey", "--vapid-pvtkey",
    ];

    private static readonly string[] s_switches = ["--allow-http", "--allow-private-network", "--json"];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        // 1. Parse the arguments. Every check below happens before anything is sent.
        var line = CommandLine.Parse(Name, args, s_valueOptions, s_switches);
        if (line.HelpRequested)
        {
            output.WriteLine(HelpText.SendNotification);
            return ExitCodes.Success;
        }

        // 2. Who to send to: a PushSubscription JSON file, or endpoint + keys.
        var subscription = ReadSubscription(line);
        var allowHttp = line.Has("--allow-http");
        if (subscription.Endpoint.Scheme == Uri.UriSchemeHttp && !allowHttp)
        {
            throw new UsageException($"the endpoint uses plain http: (host '{subscription.Endpoint.Host}'); push services use https:. Pass --allow-http to send to a local test service.");
        }

        // 3. Who is sending: the VAPID subject and keys, from options or the environment.
        var vapid = ReadVapidDetails(line);
        if (vapid.SubjectWarning is { } warning)
        {
            error.WriteLine("webpush: warning: " + warning);
        }

        // 4. What to send.
        var message = ReadMessage(line);

        // 5. Send it over the client's own transport: no redirects, and only public addresses unless
        //    --allow-private-network. WebPushClient reports every reply (and a failed connection) as a PushResult.
        var options = new WebPushClientOptions { AllowHttpEndpoints = allowHttp, AllowPrivateNetworkEndpoints = line.Has("--allow-private-network") };
        using var client = new WebPushClient(vapid, options);
        var result = await client.SendAsync(subscription, message, cancellationToken);

        // 6. Print the outcome; the exit code tells scripts what to do with the subscription.
        if (line.Has("--json"))
        {
            JsonOutput.WriteResult(output, result.Outcome.ToString(), (int?)result.StatusCode, result.MessageLocation, Explain(result));
        }
        else
        {
            WriteText(output, result);
        }

        return result.Outcome switch
        {
            PushOutcome.Delivered => ExitCodes.Success,
            PushOutcome.SubscriptionGone => ExitCodes.SubscriptionGone,
            _ => ExitCodes.Failure,
        };
    }

    private static PushSubscription ReadSubscription(CommandLine line)
    {
        if (line.Get("--subscription") is { } path)
        {
            if (line.Has("--endpoint") || line.Has("--key") || line.Has("--auth"))
            {
                throw new UsageException("give either --subscription <file.json> or --endpoint/--key/--auth, not both.");
            }

            var json = ReadFile("--subscription", path, File.ReadAllText);
            try
            {
                return PushSubscription.Parse(json);
            }
            catch (ArgumentException ex)
            {
                throw UsageException.For($"--subscription '{path}'", ex);
            }
        }

        var endpoint = line.Get("--endpoint")
            ?? throw new UsageException("missing the subscription: pass --subscription <file.json>, or --endpoint <url> --key <p256dh> --auth <auth>. Run 'webpush send-notification --help'.");
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Host.Length == 0)
        {
            throw new UsageException($"--endpoint: the push endpoint must be an absolute https: URL; got '{endpoint}'.");
        }

        var key = line.Get("--key") ?? throw new UsageException("missing --key <p256dh>: the subscription's public key (keys.p256dh in its JSON).");
        var auth = line.Get("--auth") ?? throw new UsageException("missing --auth <auth>: the subscription's auth secret (keys.auth in its JSON).");
        try
        {
            return new PushSubscription(uri, new PushSubscriptionKeys(key, auth));
        }
        catch (ArgumentException ex)
        {
            throw UsageException.For(ex.ParamName == "auth" ? "--auth" : "--key", ex);
        }
    }

    private static VapidDetails ReadVapidDetails(CommandLine line)
    {
        var (publicKey, publicSource) = line.GetOrEnvironment("--vapid-pubkey", "VAPID_PUBLIC_KEY");
        var (privateKey, privateSource) = line.GetOrEnvironment("--vapid-pvtkey", "VAPID_PRIVATE_KEY");
        var (subject, subjectSource) = line.GetOrEnvironment("--vapid-subject", "VAPID_SUBJECT");
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

        try
        {
            return new VapidDetails(subject, keys);
        }
        catch (ArgumentException ex)
        {
            throw UsageException.For(subjectSource, ex);
        }
    }

    private static PushMessage ReadMessage(CommandLine line)
    {
        var encoding = line.Get("--encoding") switch
        {
            null => ContentEncoding.Aes128Gcm,
            { } value when value.Equals("aes128gcm", StringComparison.OrdinalIgnoreCase) => ContentEncoding.Aes128Gcm,
            { } value when value.Equals("aesgcm", StringComparison.OrdinalIgnoreCase) => ContentEncoding.AesGcm,
            { } value => throw new UsageException($"--encoding: must be aes128gcm or aesgcm; got '{value}'."),
        };

        var urgency = line.Get("--urgency")?.ToUpperInvariant() switch
        {
            null => (PushUrgency?)null,
            "VERY-LOW" => PushUrgency.VeryLow,
            "LOW" => PushUrgency.Low,
            "NORMAL" => PushUrgency.Normal,
            "HIGH" => PushUrgency.High,
            _ => throw new UsageException($"--urgency: must be very-low, low, normal or high; got '{line.Get("--urgency")}'."),
        };

        var timeToLive = PushMessage.DefaultTimeToLive;
        if (line.Get("--ttl") is { } ttl)
        {
            if (!int.TryParse(ttl, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                throw new UsageException($"--ttl: must be a whole number of seconds from 0 to {int.MaxValue}; got '{ttl}'.");
            }

            timeToLive = TimeSpan.FromSeconds(seconds);
        }

        byte[]? payload = null;
        var source = "--payload";
        if (line.Get("--payload") is { } text)
        {
            if (line.Has("--payload-file"))
            {
                throw new UsageException("give either --payload <text> or --payload-file <path>, not both.");
            }

            payload = Encoding.UTF8.GetBytes(text);
        }
        else if (line.Get("--payload-file") is { } path)
        {
            source = "--payload-file";
            payload = ReadFile(source, path, File.ReadAllBytes);
        }

        if (payload is not null)
        {
            var maximum = WebPushEncryption.GetMaxPlaintextLength(encoding);
            if (payload.Length > maximum)
            {
                throw new UsageException($"{source}: at most {maximum} bytes fit in one {(encoding == ContentEncoding.AesGcm ? "aesgcm" : "aes128gcm")} message (the encrypted body is limited to 4096 bytes); got {payload.Length} bytes.");
            }
        }

        var topic = line.Get("--topic");
        try
        {
            return payload is null
                ? new PushMessage { TimeToLive = timeToLive, Urgency = urgency, Topic = topic }
                : new PushMessage(payload) { TimeToLive = timeToLive, Urgency = urgency, Topic = topic, ContentEncoding = encoding };
        }
        catch (ArgumentException ex)
        {
            // TTL, urgency and encoding were checked above; the topic is checked by PushMessage itself.
            throw UsageException.For("--topic", ex);
        }
    }

    private static T ReadFile<T>(string option, string path, Func<string, T> read)
    {
        try
        {
            return read(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UsageException($"{option}: file '{path}' does not exist.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new UsageException($"{option}: cannot read '{path}': {UsageException.OneLine(ex)}", ex);
        }
    }

    private static void WriteText(TextWriter output, PushResult result)
    {
        output.WriteLine($"Outcome:  {result.Outcome}");
        output.WriteLine($"Status:   {DescribeStatus(result.StatusCode)}");
        if (result.MessageLocation is { } location)
        {
            output.WriteLine($"Location: {location.AbsoluteUri}");
        }

        if (result.GrantedTimeToLive is { } granted)
        {
            output.WriteLine($"TTL:      {(long)granted.TotalSeconds} seconds (granted by the push service)");
        }

        if (Explain(result) is { } explanation)
        {
            output.WriteLine($"Error:    {explanation}");
        }

        var hint = result.Outcome switch
        {
            PushOutcome.SubscriptionGone => "The subscription is gone: remove it from your store and do not send to it again.",
            PushOutcome.Refused when result.Refusal?.Reason == RefusalReason.PrivateNetworkAddress => "Nothing was sent. For a push service on this machine or a private network, pass --allow-private-network.",
            PushOutcome.Unauthorized => "The push service refused the VAPID credentials: the subscription must have been made with this public key as applicationServerKey.",
            PushOutcome.PayloadTooLarge => "The push service refused the size of the message: send less.",
            PushOutcome.RateLimited => result.RetryAfter is { } wait ? $"Too many messages: retry after {(long)wait.TotalSeconds} seconds." : "Too many messages: retry later.",
            PushOutcome.NetworkError => "No reply from the push service: check the endpoint, the network, and that its TLS certificate is trusted.",
            _ => null,
        };
        if (hint is not null)
        {
            output.WriteLine(hint);
        }
    }

    private static string DescribeStatus(HttpStatusCode? status) => status switch
    {
        null => "none (no reply)",
        { } code when Enum.IsDefined(code) => $"{(int)code} {code}",
        { } code => ((int)code).ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The push service's explanation, or the transport failure with its inner causes, on one line.</summary>
    private static string? Explain(PushResult result)
    {
        if (result.Refusal is { } refusal)
        {
            return refusal.Message;
        }

        if (result.Error is { } serviceError)
        {
            return serviceError.ToString();
        }

        if (result.Exception is null)
        {
            return null;
        }

        var messages = new List<string>();
        for (var exception = result.Exception; exception is not null; exception = exception.InnerException)
        {
            var message = UsageException.OneLine(exception);
            if (message.Length > 0 && !messages.Contains(message))
            {
                messages.Add(message);
            }
        }

        return string.Join(" ", messages);
    }
}
