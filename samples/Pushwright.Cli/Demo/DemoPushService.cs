using System;
using System.Threading;
using System.Threading.Tasks;
using Pushwright.Encryption;
using Pushwright.Testing;

namespace Pushwright.Cli.Demo;

/// <summary>What the push service did with one request, as the demo prints it.</summary>
/// <param name="Status">The status it answered.</param>
/// <param name="ContentEncoding">The request's Content-Encoding, if any.</param>
/// <param name="Text">The decrypted payload as UTF-8, when it decrypted.</param>
/// <param name="Vapid">What the VAPID check found.</param>
/// <param name="Headers">TTL, Urgency and Topic as received.</param>
internal sealed record ReceivedPush(int Status, string? ContentEncoding, string? Text, string Vapid, string Headers);

/// <summary>
/// The demo's push service: Pushwright.Testing's loopback push service (Kestrel on 127.0.0.1,
/// in this process), which does what a real one does with a message (RFC 8030 Section 5): it
/// refuses an unsubscribed endpoint with 410, checks TTL and the VAPID header (RFC 8292) against
/// the key the browser subscribed with, and, standing in for the browser, decrypts the body with
/// the browser's keys (RFC 8291). This class only words what it saw for the demo's output.
/// </summary>
internal sealed class DemoPushService : IAsyncDisposable
{
    private readonly LoopbackPushService _loopback;
    private int _taken;

    private DemoPushService(LoopbackPushService loopback) => _loopback = loopback;

    /// <summary>Gets the origin, <c>http://127.0.0.1:&lt;port&gt;</c>.</summary>
    public Uri BaseAddress => _loopback.Http1Origin;

    public static async Task<DemoPushService> StartAsync(CancellationToken cancellationToken) =>
        new(await LoopbackPushService.StartAsync(cancellationToken: cancellationToken));

    /// <summary>What the browser asks its push service for: a new endpoint, bound to the application server's key, with the browser's own keys.</summary>
    public (PushSubscription Subscription, UserAgentKeys Browser) Subscribe(ReadOnlyMemory<byte> applicationServerKey)
    {
        var subscription = _loopback.Subscribe(applicationServerKey);
        return (subscription.Subscription, subscription.Keys);
    }

    /// <summary>The browser unsubscribes (or the user revokes permission): from now on its endpoint answers 410 Gone.</summary>
    public void Unsubscribe(PushSubscription subscription) => _loopback.Service.Remove(subscription);

    /// <summary>Returns the oldest request not yet taken, if any.</summary>
    public ReceivedPush? TakeReceived()
    {
        var requests = _loopback.Service.Requests;
        if (_taken >= requests.Count)
        {
            return null;
        }

        var request = requests[_taken++];
        var headers = $"TTL {request.Header("TTL")}"
            + (request.Header("Urgency") is { } urgency ? $", Urgency {urgency}" : string.Empty)
            + (request.Header("Topic") is { } topic ? $", Topic {topic}" : string.Empty);
        var vapid = request.Vapid is { } claims
            ? $"valid ({claims.Scheme} scheme, subscription's key, ES256 signature, aud {claims.Audience})"
            : request.Rejection is { } rejection ? "refused: " + rejection : "not checked";
        return new ReceivedPush(request.StatusCode ?? 0, request.ContentEncoding, request.IsDelivered && request.Body.Length > 0 ? request.Text : null, vapid, headers);
    }

    public ValueTask DisposeAsync() => _loopback.DisposeAsync();
}
