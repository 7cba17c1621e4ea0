using System.Threading;
using System.Threading.Tasks;

namespace Pushwright.Sample.Fanout.Data;

/// <content>The tables, created if missing by every process at start.</content>
internal sealed partial class FanoutDatabase
{
    private const string Schema = """
        -- Several processes may start at once: one creates the tables, the others wait for it.
        SELECT pg_advisory_xact_lock(4815162342);

        CREATE TABLE IF NOT EXISTS subscriptions (
            id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            endpoint     text NOT NULL UNIQUE,
            subscription text NOT NULL,              -- the browser's PushSubscription JSON
            created_at   timestamptz NOT NULL DEFAULT now()
        );

        CREATE TABLE IF NOT EXISTS broadcasts (
            id                      uuid PRIMARY KEY,
            payload                 text NOT NULL,
            ttl_seconds             integer NOT NULL CHECK (ttl_seconds >= 0),
            created_at              timestamptz NOT NULL DEFAULT now(),
            published_batches       integer NOT NULL DEFAULT 0,
            published_subscriptions bigint NOT NULL DEFAULT 0,
            published_through       bigint NOT NULL DEFAULT 0,   -- keyset cursor: the last id queued
            publishing_completed_at timestamptz
        );

        -- One row per (broadcast, subscription). No foreign key to subscriptions: a gone
        -- subscription is deleted, and its outcome stays.
        CREATE TABLE IF NOT EXISTS deliveries (
            broadcast_id    uuid NOT NULL REFERENCES broadcasts (id) ON DELETE CASCADE,
            subscription_id bigint NOT NULL,
            outcome         text NOT NULL CHECK (outcome IN ('delivered', 'gone', 'retrying', 'failed', 'rejected', 'invalid')),
            attempts        integer NOT NULL,
            status_code     integer,
            detail          text,
            updated_at      timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (broadcast_id, subscription_id)
        );
        """;

    /// <summary>Creates the tables that do not exist yet.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = Schema;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
