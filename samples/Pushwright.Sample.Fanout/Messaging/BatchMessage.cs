using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Pushwright.Sample.Fanout.Messaging;

/// <summary>
/// One RabbitMQ message: a batch of subscription ids of one broadcast, and which attempt this is.
/// Only ids travel; the payload stays in the database, so a message is small (about 8 bytes an id)
/// and a changed or deleted subscription is read fresh when the batch is processed.
/// </summary>
/// <param name="BroadcastId">The broadcast.</param>
/// <param name="Attempt">1 for the coordinator's batches; each trip through the retry queue adds one.</param>
/// <param name="SubscriptionIds">The subscriptions to send to.</param>
internal sealed record BatchMessage(Guid BroadcastId, int Attempt, long[] SubscriptionIds)
{
    /// <summary>The most ids one message may carry.</summary>
    public const int MaxSubscriptionIds = 10_000;

    /// <summary>Gets the message as UTF-8 JSON.</summary>
    public byte[] ToUtf8Json() => JsonSerializer.SerializeToUtf8Bytes(this, FanoutJsonContext.Default.BatchMessage);

    /// <summary>Reads a message body; a body that is not a valid batch is a poison message, never an exception.</summary>
    public static bool TryRead(ReadOnlySpan<byte> body, [NotNullWhen(true)] out BatchMessage? message, [NotNullWhen(false)] out string? error)
    {
        message = null;
        try
        {
            var read = JsonSerializer.Deserialize(body, FanoutJsonContext.Default.BatchMessage);
            error = read switch
            {
                null => "the body is JSON null",
                { BroadcastId: var id } when id == Guid.Empty => "no broadcastId",
                { Attempt: < 1 } => "attempt is below 1",
                { SubscriptionIds: null or { Length: 0 } } => "no subscriptionIds",
                { SubscriptionIds.Length: > MaxSubscriptionIds } => $"more than {MaxSubscriptionIds} subscriptionIds",
                _ => null,
            };
            message = error is null ? read : null;
        }
        catch (JsonException ex)
        {
            error = "not a batch message: " + ex.Message;
        }

        return message is not null;
    }
}
