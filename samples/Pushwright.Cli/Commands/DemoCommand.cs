using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Pushwright.Cli.Demo;

namespace Pushwright.Cli.Commands;

/// <summary>
/// <c>webpush demo</c>: the whole Web Push flow in one process, on loopback, with no browser: a
/// push service, a simulated browser, both encodings through <see cref="WebPushClient"/>, and a 410
/// that removes the subscription.
/// </summary>
internal static class DemoCommand
{
    private const int Steps = 6;

    public static async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        // 1. The command line has no options (System.CommandLine handles --help).
        var stopwatch = Stopwatch.StartNew();
        var failures = new List<string>();
        output.WriteLine("webpush demo: the whole Web Push flow on this machine, with no browser and no network.");

        // 2. A push service. In real life it is Mozilla's, Google's or Apple's; here it runs in this process.
        await using var pushService = await DemoPushService.StartAsync(cancellationToken);
        Step(output, 1, $"Started a push service at {pushService.BaseAddress.GetLeftPart(UriPartial.Authority)} (Kestrel, in this process, loopback only).");

        // 3. The application server's VAPID key pair (what `webpush generate-vapid-keys` prints). Keep it for good:
        //    every subscription is bound to its public key.
        var vapidKeys = VapidKeys.Generate();
        var vapid = new VapidDetails("mailto:webpush-demo@example.com", vapidKeys);
        Step(output, 2, "The application server made its VAPID key pair.");
        Detail(output, "public key", Shorten(vapidKeys.PublicKeyBase64Url));
        Detail(output, "subject", vapid.Subject);

        // 4. A simulated browser subscribes: its own P-256 key pair and auth secret, and an endpoint from the
        //    push service bound to the application server's key. The application stores the subscription.
        var (subscription, browser) = pushService.Subscribe(vapidKeys.PublicKey);
        var store = new InMemorySubscriptionStore();
        store.Add(subscription);
        Step(output, 3, "A simulated browser subscribed with that public key as applicationServerKey; the app stored the subscription.");
        Detail(output, "endpoint", subscription.Endpoint.AbsoluteUri);
        Detail(output, "p256dh", Shorten(Base64Url.EncodeToString(browser.PublicKey.Span)));
        Detail(output, "auth", "16 random bytes, known only to the browser and the app");

        // 5. The sender: one WebPushClient for the application. http: and a loopback address are allowed
        //    only because this push service is local; the store removes gone subscriptions, and the event reports them.
        var options = new WebPushClientOptions { AllowHttpEndpoints = true, AllowPrivateNetworkEndpoints = true };
        options.RemovalHandlers.Add(store);
        using var client = new WebPushClient(vapid, options);
        var removed = new List<PushResult>();
        client.SubscriptionRemoved += (_, e) => removed.Add(e.Result);

        // 6. One message with each encoding, checked on the receiving side.
        await SendAndCheckAsync(output, 4, client, pushService, subscription, ContentEncoding.Aes128Gcm, "Hello from Pushwright! Grüße ✓", failures, cancellationToken);
        await SendAndCheckAsync(output, 5, client, pushService, subscription, ContentEncoding.AesGcm, "The same flow with the older aesgcm encoding: ¡hola! ✓", failures, cancellationToken);

        // 7. The user unsubscribes. The push service answers 410 Gone to the next message, and the client
        //    reports it once: the removal handler deletes it from the store and SubscriptionRemoved fires.
        pushService.Unsubscribe(subscription);
        Step(output, 6, "The browser unsubscribed, so its endpoint now answers 410 Gone. Sending once more.");
        var gone = await client.SendAsync(subscription, new PushMessage("Are you still there?") { TimeToLive = TimeSpan.FromMinutes(1) }, cancellationToken);
        pushService.TakeReceived();
        Detail(output, "sender got", Describe(gone));
        Check(output, failures, gone.IsSubscriptionGone, "the outcome is SubscriptionGone", $"expected SubscriptionGone, got {gone.Outcome}");
        Check(output, failures, removed.Count == 1 && removed[0].Subscription == subscription, "SubscriptionRemoved fired for this subscription", $"expected one SubscriptionRemoved event, got {removed.Count}");
        Check(output, failures, store.Count == 0, "the removal handler deleted it: the store holds 0 subscriptions", $"expected an empty store, got {store.Count} subscriptions");

        // 8. The summary.
        output.WriteLine();
        var seconds = stopwatch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        if (failures.Count == 0)
        {
            output.WriteLine($"Demo passed in {seconds} s: 2 messages delivered and decrypted (aes128gcm, aesgcm), 1 gone subscription removed.");
            output.WriteLine("Next: 'webpush generate-vapid-keys', then 'webpush send-notification --subscription sub.json --payload \"Hi\"' (see --help).");
            return ExitCodes.Success;
        }

        output.WriteLine($"Demo FAILED in {seconds} s: {failures.Count} check(s) did not match: {string.Join("; ", failures)}.");
        return ExitCodes.Failure;
    }

    private static async Task SendAndCheckAsync(
        TextWriter output,
        int step,
        WebPushClient client,
        DemoPushService pushService,
        PushSubscription subscription,
        ContentEncoding encoding,
        string text,
        List<string> failures,
        CancellationToken cancellationToken)
    {
        var name = encoding == ContentEncoding.Aes128Gcm ? "aes128gcm" : "aesgcm";
        var message = new PushMessage(text)
        {
            ContentEncoding = encoding,
            TimeToLive = TimeSpan.FromHours(1),
            Urgency = encoding == ContentEncoding.Aes128Gcm ? PushUrgency.High : PushUrgency.Normal,
            Topic = encoding == ContentEncoding.Aes128Gcm ? "demo" : null,
        };
        Step(output, step, $"Sending \"{text}\" with {name}{(encoding == ContentEncoding.AesGcm ? " (the pre-RFC 8291 encoding some older browsers need)" : " (RFC 8291, every current browser)")}.");

        var result = await client.SendAsync(subscription, message, cancellationToken);
        var received = pushService.TakeReceived();
        Detail(output, "sender got", Describe(result));
        if (received is not null)
        {
            Detail(output, "service saw", $"{received.ContentEncoding ?? "no"} body, {received.Headers}");
            Detail(output, "VAPID", received.Vapid);
            Detail(output, "decrypted", received.Text is null ? "(nothing)" : $"\"{received.Text}\"");
        }

        Check(output, failures, result.IsDelivered, $"{name}: delivered", $"{name}: expected Delivered, got {result.Outcome}");
        Check(output, failures, received?.ContentEncoding == name, $"{name}: sent as Content-Encoding {name}", $"{name}: expected Content-Encoding {name}, got {received?.ContentEncoding ?? "none"}");
        Check(output, failures, received?.Text == text, $"{name}: the browser's keys decrypt it to exactly the text sent", $"{name}: the decrypted text did not match");
    }

    private static void Step(TextWriter output, int number, string text)
    {
        output.WriteLine();
        output.WriteLine($"[{number}/{Steps}] {text}");
    }

    private static void Detail(TextWriter output, string label, string text) => output.WriteLine($"      {label,-12}{text}");

    private static void Check(TextWriter output, List<string> failures, bool passed, string success, string failure)
    {
        if (passed)
        {
            output.WriteLine($"      ✓ {success}");
        }
        else
        {
            output.WriteLine($"      ✗ {failure}");
            failures.Add(failure);
        }
    }

    private static string Describe(PushResult result)
    {
        var text = $"{result.Outcome} ({(result.StatusCode is { } status ? ((int)status).ToString(CultureInfo.InvariantCulture) : "no reply")})";
        if (result.MessageLocation is { } location)
        {
            text += ", message at " + location.AbsoluteUri;
        }

        if (result.Error is { } error)
        {
            text += ": " + error;
        }
        else if (result.Exception is { } exception)
        {
            text += ": " + exception.Message;
        }

        return text;
    }

    private static string Shorten(string value) => value.Length <= 24 ? value : value[..24] + "…";
}
