namespace Pushwright.Sample.Fanout.Data;

/// <summary>One id of a batch as the database knows it: the stored subscription (if any) and the outcome so far (if any).</summary>
/// <param name="SubscriptionId">The id from the message.</param>
/// <param name="SubscriptionJson">The stored <c>PushSubscription</c> JSON, or <see langword="null"/> when no row has this id.</param>
/// <param name="State">The outcome already recorded for this broadcast, or <see langword="null"/>.</param>
/// <param name="Attempts">The attempts already recorded, or 0.</param>
internal sealed record BatchEntry(long SubscriptionId, string? SubscriptionJson, string? State, int Attempts);
