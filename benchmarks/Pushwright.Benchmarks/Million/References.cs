using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Pushwright.Benchmarks.Million;

/// <summary>
/// The two costs the broadcast is compared with, measured in this process the same way as the
/// broadcast (process CPU time over a phase, divided by its messages):
/// <list type="bullet">
/// <item><c>CreateRequest</c>: building (encrypting, signing, heading) requests in a loop on one thread;</item>
/// <item>the transport: the same HttpClient sending requests built before the clock started to
/// the same sink, at the same concurrency, with nothing else in the loop.</item>
/// </list>
/// </summary>
internal static class References
{
    /// <summary>The most pre-built requests held at once (about 10 MB for 10,000): the transport is measured batch by batch.</summary>
    private const int TransportBatch = 10_000;

    /// <summary>CPU time and allocation per request of <see cref="WebPushClient.CreateRequest(PushSubscription, PushMessage)"/>.</summary>
    public static PhaseCost CreateRequest(WebPushClient client, IReadOnlyList<PushSubscription> subscriptions, PushMessage message)
    {
        Settle();
        var start = ProcessMeter.Take();
        foreach (var subscription in subscriptions)
        {
            using var request = client.CreateRequest(subscription, message);
        }

        var end = ProcessMeter.Take();
        return PhaseCost.Between(start, end, subscriptions.Count);
    }

    /// <summary>CPU time and allocation per message of sending pre-built requests, and the rate reached.</summary>
    public static async Task<PhaseCost> TransportAsync(
        WebPushClient client, HttpClient httpClient, IReadOnlyList<PushSubscription> subscriptions, PushMessage message, int concurrency)
    {
        var total = PhaseCost.Zero;
        for (var first = 0; first < subscriptions.Count; first += TransportBatch)
        {
            var requests = new HttpRequestMessage[Math.Min(TransportBatch, subscriptions.Count - first)];
            for (var i = 0; i < requests.Length; i++)
            {
                requests[i] = client.CreateRequest(subscriptions[first + i], message);
            }

            Settle();
            var start = ProcessMeter.Take();
            await SendAllAsync(httpClient, requests, concurrency);
            total += PhaseCost.Between(start, ProcessMeter.Take(), requests.Length);
        }

        return total;
    }

    /// <summary>The transport's floor: a semaphore of <paramref name="concurrency"/> slots and a send per request, each request disposed after its reply.</summary>
    private static async Task SendAllAsync(HttpClient httpClient, HttpRequestMessage[] requests, int concurrency)
    {
        using var slots = new SemaphoreSlim(concurrency, concurrency);
        var failures = 0;
        foreach (var request in requests)
        {
            await slots.WaitAsync();
            _ = SendOneAsync(request);
        }

        for (var i = 0; i < concurrency; i++)
        {
            await slots.WaitAsync();
        }

        if (failures > 0)
        {
            throw new InvalidOperationException($"{failures} of {requests.Length} pre-built requests were not answered 201");
        }

        async Task SendOneAsync(HttpRequestMessage request)
        {
            try
            {
                using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    Interlocked.Increment(ref failures);
                }
            }
#pragma warning disable CA1031 // A failed send is counted and reported after the batch, whatever it threw.
            catch (Exception)
#pragma warning restore CA1031
            {
                Interlocked.Increment(ref failures);
            }
            finally
            {
                request.Dispose();
                slots.Release();
            }
        }
    }

    /// <summary>Starts a phase with an empty young generation, so it does not pay for the garbage of the one before.</summary>
    public static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
