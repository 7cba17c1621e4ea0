using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Pushwright.Sample.Web;

/// <summary>
/// Broadcasts and their outcomes, in the subscriptions' SQLite file. A broadcast targets the
/// subscriptions stored when it was posted (ids up to <c>last_subscription_id</c>); each target's
/// outcome is one row keyed by (broadcast id, subscription id), written again when a retry changes
/// it, so a resumed broadcast counts every subscription once.
/// </summary>
internal sealed class BroadcastStore(SampleDatabase database)
{
    private const int PageSize = 256;
    private const int NotDeliveredShown = 20;
    private const string Delivered = nameof(PushOutcome.Delivered);

    /// <summary>Creates the tables if they do not exist yet; call after <see cref="SubscriptionStore.Initialize"/>, which puts the file in WAL mode.</summary>
    public void Initialize()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS broadcasts (
                seq                  INTEGER PRIMARY KEY AUTOINCREMENT,
                id                   TEXT NOT NULL UNIQUE,
                status               TEXT NOT NULL DEFAULT 'queued',
                payload              TEXT,
                title                TEXT,
                body                 TEXT,
                navigate             TEXT,
                encoding             TEXT NOT NULL,
                ttl_seconds          INTEGER NOT NULL,
                last_subscription_id INTEGER NOT NULL,
                error                TEXT,
                created_at           TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
                finished_at          TEXT
            );
            CREATE INDEX IF NOT EXISTS broadcasts_unfinished ON broadcasts (seq) WHERE status <> 'finished';
            CREATE TABLE IF NOT EXISTS broadcast_outcomes (
                broadcast_id    TEXT NOT NULL,
                subscription_id INTEGER NOT NULL,
                outcome         TEXT NOT NULL,
                status_code     INTEGER,
                host            TEXT NOT NULL,
                error           TEXT,
                recorded_at     TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
                PRIMARY KEY (broadcast_id, subscription_id)
            ) WITHOUT ROWID;
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>Stores a queued broadcast to every subscription stored now.</summary>
    /// <returns>Its id.</returns>
    public async Task<string> AddAsync(BroadcastMessage message, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO broadcasts (id, payload, title, body, navigate, encoding, ttl_seconds, last_subscription_id)
            VALUES ($id, $payload, $title, $body, $navigate, $encoding, $ttl, (SELECT COALESCE(MAX(id), 0) FROM subscriptions));
            """;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$payload", (object?)message.Payload ?? DBNull.Value);
        command.Parameters.AddWithValue("$title", (object?)message.Title ?? DBNull.Value);
        command.Parameters.AddWithValue("$body", (object?)message.Body ?? DBNull.Value);
        command.Parameters.AddWithValue("$navigate", (object?)message.Navigate?.AbsoluteUri ?? DBNull.Value);
        command.Parameters.AddWithValue("$encoding", message.EncodingName);
        command.Parameters.AddWithValue("$ttl", (long)message.TimeToLive.TotalSeconds);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return id;
    }

    /// <summary>Gets the oldest broadcast not finished yet (queued, or cut short by a stop or a crash), or <see langword="null"/>.</summary>
    public async Task<Broadcast?> NextUnfinishedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, payload, title, body, navigate, encoding, ttl_seconds, last_subscription_id
            FROM broadcasts WHERE status <> 'finished' ORDER BY seq LIMIT 1;
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        BroadcastMessage.TryParseEncoding(reader.GetString(5), out var encoding);
        var message = new BroadcastMessage(
            reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.IsDBNull(4) ? null : new Uri(reader.GetString(4)),
            encoding,
            TimeSpan.FromSeconds(reader.GetInt64(6)));
        return new Broadcast(reader.GetString(0), message, reader.GetInt64(7));
    }

    /// <summary>
    /// Reads the broadcast's targets not delivered to yet, by id, a page per query (no read stays
    /// open while the sends run). A row whose JSON no longer parses is skipped.
    /// </summary>
    public IEnumerable<(long Id, PushSubscription Subscription)> ReadUndelivered(Broadcast broadcast)
    {
        var after = 0L;
        while (true)
        {
            var page = new List<(long, PushSubscription)>(PageSize);
            var read = 0;
            using (var connection = database.Open())
            using (var command = connection.CreateCommand())
            {
                command.CommandText = """
                    SELECT s.id, s.json FROM subscriptions s
                    WHERE s.id > $after AND s.id <= $last AND NOT EXISTS (
                        SELECT 1 FROM broadcast_outcomes o
                        WHERE o.broadcast_id = $broadcast AND o.subscription_id = s.id AND o.outcome = $delivered)
                    ORDER BY s.id LIMIT $limit;
                    """;
                command.Parameters.AddWithValue("$after", after);
                command.Parameters.AddWithValue("$last", broadcast.LastSubscriptionId);
                command.Parameters.AddWithValue("$broadcast", broadcast.Id);
                command.Parameters.AddWithValue("$delivered", Delivered);
                command.Parameters.AddWithValue("$limit", PageSize);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    read++;
                    after = reader.GetInt64(0);
                    if (PushSubscription.TryParse(reader.GetString(1), out var subscription))
                    {
                        page.Add((after, subscription));
                    }
                }
            }

            foreach (var target in page)
            {
                yield return target;
            }

            if (read < PageSize)
            {
                yield break;
            }
        }
    }

    /// <summary>Records one subscription's outcome, replacing an earlier one (a retry after a restart).</summary>
    public async Task RecordAsync(string broadcastId, long subscriptionId, PushResult result, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO broadcast_outcomes (broadcast_id, subscription_id, outcome, status_code, host, error)
            VALUES ($broadcast, $subscription, $outcome, $status, $host, $error)
            ON CONFLICT (broadcast_id, subscription_id) DO UPDATE SET
                outcome = excluded.outcome, status_code = excluded.status_code, host = excluded.host,
                error = excluded.error, recorded_at = CURRENT_TIMESTAMP;
            """;
        command.Parameters.AddWithValue("$broadcast", broadcastId);
        command.Parameters.AddWithValue("$subscription", subscriptionId);
        command.Parameters.AddWithValue("$outcome", result.Outcome.ToString());
        command.Parameters.AddWithValue("$status", (object?)(int?)result.StatusCode ?? DBNull.Value);

        // The endpoint is a credential: its host only. The library's messages name the host only too.
        command.Parameters.AddWithValue("$host", result.Subscription.Endpoint.Host);
        command.Parameters.AddWithValue("$error", (object?)(result.Refusal?.Message ?? result.Error?.Message ?? result.Exception?.Message) ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Marks the broadcast as being sent.</summary>
    public Task MarkSendingAsync(string id, CancellationToken cancellationToken) =>
        SetStatusAsync(id, "UPDATE broadcasts SET status = 'sending' WHERE id = $id;", error: null, cancellationToken);

    /// <summary>Marks the broadcast finished: every target has an outcome, or (<paramref name="error"/>) it cannot be sent at all.</summary>
    public Task MarkFinishedAsync(string id, string? error, CancellationToken cancellationToken) =>
        SetStatusAsync(id, "UPDATE broadcasts SET status = 'finished', error = $error, finished_at = CURRENT_TIMESTAMP WHERE id = $id;", error, cancellationToken);

    /// <summary>Gets the broadcast's status and counts, or <see langword="null"/> for an unknown id.</summary>
    public async Task<BroadcastProgress?> GetProgressAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);

        // One read transaction: the status and the counts agree.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("$id", id);
        command.CommandText = "SELECT status, last_subscription_id, error FROM broadcasts WHERE id = $id;";
        string status;
        long last;
        string? error;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            (status, last, error) = (reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        }

        int delivered = 0, removed = 0, failed = 0;
        command.CommandText = "SELECT outcome, COUNT(*) FROM broadcast_outcomes WHERE broadcast_id = $id GROUP BY outcome;";
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var count = reader.GetInt32(1);
                switch (reader.GetString(0))
                {
                    case Delivered:
                        delivered += count;
                        break;
                    case nameof(PushOutcome.SubscriptionGone):
                        removed += count;
                        break;
                    default:
                        failed += count;
                        break;
                }
            }
        }

        // Targets without an outcome yet; a finished broadcast has none left to send.
        var pending = 0;
        if (status != "finished")
        {
            command.CommandText = """
                SELECT COUNT(*) FROM subscriptions s
                WHERE s.id <= $last AND NOT EXISTS (
                    SELECT 1 FROM broadcast_outcomes o WHERE o.broadcast_id = $id AND o.subscription_id = s.id);
                """;
            command.Parameters.AddWithValue("$last", last);
            pending = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        }

        var notDelivered = new List<BroadcastOutcome>();
        command.CommandText = $"""
            SELECT host, outcome, status_code, error FROM broadcast_outcomes
            WHERE broadcast_id = $id AND outcome <> '{Delivered}' ORDER BY subscription_id LIMIT {NotDeliveredShown};
            """;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                notDelivered.Add(new BroadcastOutcome(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.IsDBNull(2) ? null : reader.GetInt32(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
        }

        return new BroadcastProgress(id, status, delivered + removed + failed + pending, pending, delivered, removed, failed, error, notDelivered);
    }

    private async Task SetStatusAsync(string id, string sql, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
