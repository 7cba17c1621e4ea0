using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Pushwright.Sample.Web;

/// <summary>
/// The subscriptions, in a SQLite file: one row per push endpoint, holding the JSON the browser gave
/// (<c>PushSubscription.toJSON()</c>). The endpoint is the key, so subscribing again updates the row.
/// </summary>
internal sealed class SubscriptionStore(SampleDatabase database)
{
    /// <summary>Creates the file and the table if they do not exist yet.</summary>
    public void Initialize()
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS subscriptions (
                endpoint   TEXT PRIMARY KEY,
                json       TEXT NOT NULL,
                created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
                updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
            );
            """;
        command.ExecuteNonQuery();
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

    /// <summary>Reads every stored subscription. A row that no longer parses is skipped.</summary>
    public async Task<List<PushSubscription>> GetAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT json FROM subscriptions ORDER BY created_at;";
        var subscriptions = new List<PushSubscription>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (PushSubscription.TryParse(reader.GetString(0), out var subscription))
            {
                subscriptions.Add(subscription);
            }
        }

        return subscriptions;
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
