using System.Collections.Generic;

namespace Pushwright.Sample.Web;

/// <summary>
/// The answer of <c>GET /api/notify/{id}</c>. <see cref="Status"/> is <c>queued</c>, <c>sending</c> or
/// <c>finished</c>; <see cref="Total"/> is the outcomes so far plus the <see cref="Pending"/> targets;
/// <see cref="NotDelivered"/> shows the first few subscriptions that were not delivered to.
/// </summary>
internal sealed record BroadcastProgress(
    string Id,
    string Status,
    int Total,
    int Pending,
    int Delivered,
    int Removed,
    int Failed,
    string? Error,
    IReadOnlyList<BroadcastOutcome> NotDelivered);

/// <summary>What happened to one subscription. Only the endpoint's host is shown: the full URL is a credential.</summary>
internal sealed record BroadcastOutcome(string Host, string Outcome, int? Status, string? Error);
