using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Pushwright.Cli.CommandOptions;
using Pushwright.Cli.Sending;

namespace Pushwright.Cli.Commands;

/// <summary>
/// <c>webpush send-notification</c>: one message to one subscription through <c>AddWebPush()</c>'s
/// <see cref="WebPushClient"/>, with the options of the Node web-push CLI plus <c>--subscription</c>,
/// <c>--urgency</c>, <c>--topic</c>, <c>--padding</c>, <c>--header</c>, <c>--title</c> with <c>--navigate</c> (a declarative
/// push message), the transport options and <c>--json</c>.
/// </summary>
internal static class SendNotificationCommand
{
    private static readonly SubscriptionOptions s_subscription = new();
    private static readonly MessageOptions s_message = new();
    private static readonly VapidOptions s_vapid = new();
    private static readonly TransportOptions s_transport = new();
    private static readonly Option<bool> s_json = OptionValues.Switch("--json", "Print {\"outcome\":\"...\",\"status\":201,\"location\":\"...\",\"error\":null}.");

    public const string Notes = WebPushCommandLine.ExitCodesNote + "\n" + """
        The endpoint's TLS certificate must be trusted; on Linux SSL_CERT_DIR and SSL_CERT_FILE are honoured.
        """;

    public static Command Create()
    {
        var command = new Command("send-notification", "Send one message to one subscription and print the outcome.");
        s_subscription.AddTo(command);
        s_message.AddTo(command);
        s_vapid.AddTo(command);
        s_transport.AddTo(command);
        command.Add(s_json);
        command.SetAction((parseResult, cancellationToken) => RunAsync(parseResult, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var console = StatusConsole.ForProcess(parseResult.InvocationConfiguration.Error);

        // 1. Who to send to: a PushSubscription JSON file, or endpoint + keys. Every check happens before anything is sent.
        var subscription = s_subscription.Read(parseResult);
        var transport = s_transport.Read(parseResult);
        if (subscription.Endpoint.Scheme == Uri.UriSchemeHttp && !transport.AllowHttp)
        {
            throw new UsageException($"the endpoint uses plain http: (host '{subscription.Endpoint.Host}'); push services use https:. Pass --allow-http to send to a local test service.");
        }

        // 2. Who is sending: the VAPID subject and keys, from options or the environment.
        var vapid = s_vapid.Read(parseResult, console.Writer);

        // 3. What to send.
        var message = s_message.Read(parseResult);

        // 4. Send it through AddWebPush() on a generic host, as an application would: the client's own
        //    transport (no redirects, only public addresses unless --allow-private-network), retries and
        //    timeouts. WebPushClient reports every reply (and a failed connection) as a PushResult.
        using var host = await WebPushHost.StartAsync(vapid, transport, maxConcurrency: null, console, cancellationToken);
        var client = host.Services.GetRequiredService<WebPushClient>();
        var result = await client.SendAsync(subscription, message, cancellationToken);
        await host.StopAsync(CancellationToken.None);

        // 5. Print the outcome; the exit code tells scripts what to do with the subscription.
        if (parseResult.GetValue(s_json))
        {
            JsonOutput.WriteResult(output, result.Outcome.ToString(), (int?)result.StatusCode, result.MessageLocation, ResultText.Explain(result));
        }
        else
        {
            WriteText(output, result);
        }

        return ExitCodes.For(result.Outcome);
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

        if (ResultText.Explain(result) is { } explanation)
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
            PushOutcome.ServerError => result.RetryAfter is { } wait ? $"The push service failed: retry after {(long)wait.TotalSeconds} seconds." : "The push service failed: retry later.",
            PushOutcome.NetworkError => "No reply from the push service: check the endpoint, the network, and that its TLS certificate is trusted; or retry later.",
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
}
