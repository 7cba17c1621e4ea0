using System;

namespace Pushwright.Sample.Fanout.Data;

/// <summary>One row of <c>broadcasts</c>: the message, and how far the coordinator got in queueing it.</summary>
/// <param name="Id">The id; also the message's <c>Topic</c>.</param>
/// <param name="Payload">The text every subscription receives.</param>
/// <param name="TimeToLive">How long the push services keep the message for an offline device.</param>
/// <param name="CreatedAt">When it was recorded.</param>
/// <param name="PublishedBatches">How many batches were queued.</param>
/// <param name="PublishedSubscriptions">How many subscription ids those batches hold.</param>
/// <param name="PublishingCompleted">Whether every subscription has been queued.</param>
internal sealed record Broadcast(
    Guid Id,
    string Payload,
    TimeSpan TimeToLive,
    DateTimeOffset CreatedAt,
    int PublishedBatches,
    long PublishedSubscriptions,
    bool PublishingCompleted);
