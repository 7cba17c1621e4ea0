using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Pushwright.Sample.Fanout.Data;

/// <content>Broadcasts: recording one, the coordinator's progress, and the counts per outcome.</content>
internal sealed partial class FanoutDatabase
{
    /// <summary>Records a new broadcast with a time-ordered id.</summary>
    public async Task<Broadcast> CreateBroadcastAsync(string payload, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO broadcasts (id, payload, ttl_seconds) VALUES (@id, @payload, @ttl)
            RETURNING id, payload, ttl_seconds, created_at, published_batches, published_subscriptions, publishing_completed_at IS NOT NULL
            """);
        command.Parameters.AddWithValue("id", Guid.CreateVersion7());
        command.Parameters.AddWithValue("payload", payload);
        command.Parameters.AddWithValue("ttl", (int)timeToLive.TotalSeconds);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ReadBroadcast(reader);
    }

    /// <summary>Reads a broadcast, or <see langword="null"/> when there is none with this id.</summary>
    public async Task<Broadcast?> GetBroadcastAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            SELECT id, payload, ttl_seconds, created_at, published_batches, published_subscriptions, publishing_completed_at IS NOT NULL
            FROM broadcasts WHERE id = @id
            """);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadBroadcast(reader) : null;
    }

    /// <summary>Counts one more queued batch (after the broker confirmed it).</summary>
    public async Task RecordPublishedBatchAsync(Guid id, long lastSubscriptionId, int size, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            UPDATE broadcasts
            SET published_batches = published_batches + 1,
                published_subscriptions = published_subscriptions + @size,
                published_through = @last
            WHERE id = @id
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("last", lastSubscriptionId);
        command.Parameters.AddWithValue("size", (long)size);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Marks every subscription of the broadcast as queued.</summary>
    public async Task CompletePublishingAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("UPDATE broadcasts SET publishing_completed_at = now() WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Counts the outcomes of a broadcast by state.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountOutcomesAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT outcome, count(*) FROM deliveries WHERE broadcast_id = @id GROUP BY outcome");
        command.Parameters.AddWithValue("id", id);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    private static Broadcast ReadBroadcast(Npgsql.NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        TimeSpan.FromSeconds(reader.GetInt32(2)),
        reader.GetFieldValue<DateTimeOffset>(3),
        reader.GetInt32(4),
        reader.GetInt64(5),
        reader.GetBoolean(6));
}
