using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Pushwright.Sample.Web;

/// <summary>
/// The subscriptions, in a SQLite file: one row per push endpoint, holding the JSON the browser gave
/// (<c>PushSubscription.toJSON()</c>). The endpoint is unique, so subscribing again updates the row.
/// </summary>
internal sealed class SubscriptionStore(SampleDatabase database)
{
    // The id keys each subscription's outcome of a broadcast (see BroadcastStore); AUTOINCREMENT
    // never reuses the id of a deleted row, so a new subscriber cannot inherit an old outcome.
    private const string Columns = """
        (
            id         INTEGER PRIMARY KEY AUTOINCREMENT,
            endpoint   TEXT NOT NULL UNIQUE,
            json       TEXT NOT NULL,
            created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
            updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
        );
        """;

    /// <summary>Creates the file and the table if they do not exist yet, and gives a table of an older sample an id column.</summary>
    public void Initialize()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS subscriptions {Columns}
            """;
        command.ExecuteNonQuery();
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('subscriptions') WHERE name = 'id';";
        if ((long)command.ExecuteScalar()! == 0)
        {
            // A file from before broadcasts: copy its rows into a table with ids, oldest first.
            command.CommandText = $"""
                BEGIN;
                ALTER TABLE subscriptions RENAME TO subscriptions_without_id;
                CREATE TABLE subscriptions {Columns}
                INSERT INTO subscriptions (endpoint, json, created_at, updated_at)
                    SELECT endpoint, json, created_at, updated_at FROM subscriptions_without_id ORDER BY created_at;
                DROP TABLE subscriptions_without_id;
                COMMIT;
                """;
            command.ExecuteNonQuery();
        }
    }

    /// <summary>Adds the subscription, or replaces the stored JSON of the same endpoint.</summary>
    /// <returns><see langword="true"/> when it was new.</returns>
    public async Task<bool> UpsertAsync(PushSubscription subscription, string json, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO subscriptions (endpoint, json) VALUES ($endpoint, $json) ON CONFLICT (endpoint) DO NOTHING;";
        insert.Parameters.AddWithValue("$endpoint", KeyOf(subscription));
        insert.Parameters.AddWithValue("$json", json);
        var isNew = await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
        if (!isNew)
        {
            await using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE subscriptions SET json = $json, updated_at = CURRENT_TIMESTAMP WHERE endpoint = $endpoint;";
            update.Parameters.AddWithValue("$endpoint", KeyOf(subscription));
            update.Parameters.AddWithValue("$json", json);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return isNew;
    }

    /// <summary>Removes the subscription of an endpoint.</summary>
    /// <returns><see langword="true"/> when a row was deleted.</returns>
    public async Task<bool> DeleteAsync(PushSubscription subscription, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM subscriptions WHERE endpoint = $endpoint;";
        command.Parameters.AddWithValue("$endpoint", KeyOf(subscription));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>Counts the stored subscriptions.</summary>
    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM subscriptions;";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    // The parsed endpoint, so the same URL written two ways is one row.
    private static string KeyOf(PushSubscription subscription) => subscription.Endpoint.AbsoluteUri;
}
