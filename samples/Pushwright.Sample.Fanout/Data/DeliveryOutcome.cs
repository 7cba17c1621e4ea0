namespace Pushwright.Sample.Fanout.Data;

/// <summary>One row of <c>deliveries</c>: what happened to one subscription in one broadcast.</summary>
/// <param name="SubscriptionId">The subscription.</param>
/// <param name="State">One of <see cref="DeliveryState"/>.</param>
/// <param name="Attempts">How many attempts were made (each includes the client's own quick retries).</param>
/// <param name="StatusCode">The push service's HTTP status, if it answered.</param>
/// <param name="Detail">Why, for anything but delivered: the push service's message or the reason it was not sent.</param>
internal sealed record DeliveryOutcome(long SubscriptionId, string State, int Attempts, int? StatusCode, string? Detail);
