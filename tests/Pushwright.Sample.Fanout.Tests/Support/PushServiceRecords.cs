using System;
using System.Collections.Generic;
using System.Linq;
using Pushwright.Testing;

namespace Pushwright.Sample.Fanout.Tests.Support;

/// <summary>
/// What the push services themselves saw: per subscription id, how many messages they accepted
/// (201, after verifying VAPID and decrypting with the subscription's keys) and which subscriptions
/// they answered 410 Gone.
/// </summary>
internal sealed class PushServiceRecords
{
    private PushServiceRecords(IReadOnlyDictionary<string, int> deliveries, IReadOnlySet<string> goneAnswered, int requests, IReadOnlyList<string> problems)
    {
        Deliveries = deliveries;
        GoneAnswered = goneAnswered;
        Requests = requests;
        Problems = problems;
    }

    /// <summary>Gets the accepted messages per subscription id.</summary>
    public IReadOnlyDictionary<string, int> Deliveries { get; }

    /// <summary>Gets the subscription ids that were answered 410 at least once.</summary>
    public IReadOnlySet<string> GoneAnswered { get; }

    /// <summary>Gets how many requests arrived in all.</summary>
    public int Requests { get; }

    /// <summary>Gets every accepted message whose text or topic was not the broadcast's, and every request the services refused on their own (VAPID, decryption, TTL).</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Gets the messages beyond the first per subscription.</summary>
    public int Duplicates => Deliveries.Values.Sum(count => count - 1);

    public static int CountRequests(IEnumerable<LoopbackPushService> services) => services.Sum(s => s.Service.Requests.Count);

    public static PushServiceRecords Read(IEnumerable<LoopbackPushService> services, string payload, string topic)
    {
        var deliveries = new Dictionary<string, int>(StringComparer.Ordinal);
        var gone = new HashSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        var requests = 0;
        foreach (var request in services.SelectMany(s => s.Service.Requests))
        {
            requests++;
            var id = request.Endpoint.Segments[^1];
            if (request.StatusCode == 410)
            {
                gone.Add(id);
            }
            else if (request.Rejection is not null)
            {
                problems.Add($"{id}: refused by the service: {request.Rejection}");
            }
            else if (request.IsDelivered)
            {
                deliveries[id] = deliveries.GetValueOrDefault(id) + 1;
                if (request.Text != payload || request.Header("Topic") != topic)
                {
                    problems.Add($"{id}: got '{request.Text}' with topic '{request.Header("Topic")}'");
                }
            }
        }

        return new PushServiceRecords(deliveries, gone, requests, problems);
    }

    /// <summary>The push service's id of a subscription: the last segment of its endpoint.</summary>
    public static string IdOf(PushSubscription subscription) => subscription.Endpoint.Segments[^1];
}
