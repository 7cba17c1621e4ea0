using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Pushwright.Sample.Fanout.Data;

/// <content>What a worker reads and writes for one batch.</content>
internal sealed partial class FanoutDatabase
{
    /// <summary>Reads every id of a batch with its stored subscription and its outcome so far, in one query.</summary>
    public async Task<IReadOnlyList<BatchEntry>> LoadBatchAsync(Guid broadcastId, long[] subscriptionIds, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT i.id, s.subscription, d.outcome, coalesce(d.attempts, 0)
            FROM (SELECT DISTINCT unnest(@ids) AS id) AS i
            LEFT JOIN subscriptions AS s ON s.id = i.id
            LEFT JOIN deliveries AS d ON d.broadcast_id = @broadcast AND d.subscription_id = i.id
            """);
        command.Parameters.AddWithValue("ids", subscriptionIds);
        command.Parameters.AddWithValue("broadcast", broadcastId);
        var entries = new List<BatchEntry>(subscriptionIds.Length);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new BatchEntry(
                reader.GetInt64(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetInt32(3)));
        }

        return entries;
    }

    /// <summary>
    /// Records the outcomes of a batch and deletes the gone subscriptions, in one transaction: either
    /// all of it is committed (and the batch may be acknowledged) or none of it is.
    /// </summary>
    /// <remarks>
    /// A final outcome is written once: a row is only overwritten while it is still
    /// <see cref="DeliveryState.Retrying"/>, so a late duplicate of a batch cannot turn "delivered"
    /// back into "retrying".
    /// </remarks>
    public async Task RecordOutcomesAsync(Guid broadcastId, IReadOnlyList<DeliveryOutcome> outcomes, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var upsert = connection.CreateCommand())
        {
            upsert.Transaction = transaction;
            upsert.CommandText = """
                INSERT INTO deliveries (broadcast_id, subscription_id, outcome, attempts, status_code, detail)
                SELECT @broadcast, o.subscription_id, o.outcome, o.attempts, o.status_code, o.detail
                FROM unnest(@ids, @outcomes, @attempts, @status_codes, @details) AS o(subscription_id, outcome, attempts, status_code, detail)
                ON CONFLICT (broadcast_id, subscription_id) DO UPDATE
                SET outcome = excluded.outcome, attempts = excluded.attempts, status_code = excluded.status_code,
                    detail = excluded.detail, updated_at = now()
                WHERE deliveries.outcome = 'retrying'
                """;
            upsert.Parameters.AddWithValue("broadcast", broadcastId);
            upsert.Parameters.AddWithValue("ids", outcomes.Select(o => o.SubscriptionId).ToArray());
            upsert.Parameters.AddWithValue("outcomes", outcomes.Select(o => o.State).ToArray());
            upsert.Parameters.AddWithValue("attempts", outcomes.Select(o => o.Attempts).ToArray());
            upsert.Parameters.AddWithValue("status_codes", outcomes.Select(o => o.StatusCode).ToArray());
            upsert.Parameters.AddWithValue("details", outcomes.Select(o => o.Detail).ToArray());
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        var gone = outcomes.Where(o => o.State == DeliveryState.Gone).Select(o => o.SubscriptionId).ToArray();
        if (gone.Length > 0)
        {
            await using var delete = connection.CreateCommand();
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM subscriptions WHERE id = ANY(@gone)";
            delete.Parameters.AddWithValue("gone", gone);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
