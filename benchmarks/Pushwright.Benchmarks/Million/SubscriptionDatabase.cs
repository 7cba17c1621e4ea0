using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Pushwright.Encryption;

namespace Pushwright.Benchmarks.Million;

/// <summary>
/// The subscriptions of the million-subscriber run, in SQLite: one row per subscription with its
/// endpoint path and its keys as a browser gives them (base64url text), built once and reused.
/// </summary>
/// <remarks>
/// The keys come from a pool of <see cref="KeyPoolSize"/> real P-256 key pairs, reused across the
/// rows: generating a million pairs would take over a minute, and a message's encryption costs the
/// same whichever valid key it is for (an ephemeral key pair and an ECDH per message either way).
/// Every row has an endpoint of its own, <c>/wp/&lt;id&gt;/&lt;token&gt;</c>, about as long as an
/// FCM endpoint's path; the sink's origin is put in front when a row is read, because the sink's
/// port changes from run to run.
/// </remarks>
internal sealed class SubscriptionDatabase
{
    /// <summary>How many distinct key pairs the rows share.</summary>
    public const int KeyPoolSize = 1000;

    private readonly string _path;

    public SubscriptionDatabase(string path) => _path = path;

    /// <summary>Makes sure the rows 1..<paramref name="count"/> exist, adding what is missing.</summary>
    /// <returns>How many rows were already there, how many were added, and how long adding took.</returns>
    public (long Existing, long Added, TimeSpan Elapsed) Ensure(long count)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
        var started = Stopwatch.GetTimestamp();
        using var connection = new SqliteConnection(ConnectionString(SqliteOpenMode.ReadWriteCreate));
        connection.Open();
        Execute(connection, """
            PRAGMA synchronous = OFF;
            CREATE TABLE IF NOT EXISTS key_pool (id INTEGER PRIMARY KEY, p256dh TEXT NOT NULL, auth TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS subscriptions (id INTEGER PRIMARY KEY, endpoint TEXT NOT NULL, p256dh TEXT NOT NULL, auth TEXT NOT NULL);
            """);
        var pool = LoadOrCreateKeyPool(connection);
        var existing = Scalar(connection, "SELECT COALESCE(MAX(id), 0) FROM subscriptions");
        if (existing >= count)
        {
            return (existing, 0, TimeSpan.Zero);
        }

        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO subscriptions (id, endpoint, p256dh, auth) VALUES ($id, $endpoint, $p256dh, $auth)";
        var id = insert.Parameters.Add("$id", SqliteType.Integer);
        var endpoint = insert.Parameters.Add("$endpoint", SqliteType.Text);
        var p256dh = insert.Parameters.Add("$p256dh", SqliteType.Text);
        var auth = insert.Parameters.Add("$auth", SqliteType.Text);
        insert.Prepare();
        for (var row = existing + 1; row <= count; row++)
        {
            var keys = pool[(int)((row - 1) % KeyPoolSize)];
            id.Value = row;
            endpoint.Value = EndpointPath(row);
            p256dh.Value = keys.P256dh;
            auth.Value = keys.Auth;
            insert.ExecuteNonQuery();
        }

        transaction.Commit();
        return (existing, count - existing, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>
    /// Streams the rows <paramref name="from"/>..<paramref name="to"/> as subscriptions, one at a time
    /// off an open data reader: nothing is materialised, whatever the count.
    /// </summary>
    public IEnumerable<PushSubscription> Read(string origin, long from, long to)
    {
        using var connection = new SqliteConnection(ConnectionString(SqliteOpenMode.ReadOnly));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT endpoint, p256dh, auth FROM subscriptions WHERE id BETWEEN $from AND $to ORDER BY id";
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            // The constructor a store of browser subscriptions would call: it parses the URL and
            // decodes and checks the key, as it would for any row.
            yield return new PushSubscription(origin + reader.GetString(0), reader.GetString(1), reader.GetString(2));
        }
    }

    /// <summary>The path of row <paramref name="id"/>: the id, then a token derived from it (129 characters).</summary>
    public static string EndpointPath(long id)
    {
        Span<byte> seed = stackalloc byte[8];
        BitConverter.TryWriteBytes(seed, id);
        var digest = System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(seed));
        return $"/wp/{id}/{digest}{digest}{digest}";
    }

    private static (string P256dh, string Auth)[] LoadOrCreateKeyPool(SqliteConnection connection)
    {
        if (Scalar(connection, "SELECT COUNT(*) FROM key_pool") < KeyPoolSize)
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, "DELETE FROM key_pool", transaction);
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO key_pool (id, p256dh, auth) VALUES ($id, $p256dh, $auth)";
            for (var i = 0; i < KeyPoolSize; i++)
            {
                // A real key pair; its private half is not kept, since the sink does not decrypt.
                var keys = UserAgentKeys.Generate();
                insert.Parameters.Clear();
                insert.Parameters.AddWithValue("$id", i);
                insert.Parameters.AddWithValue("$p256dh", System.Buffers.Text.Base64Url.EncodeToString(keys.PublicKey.Span));
                insert.Parameters.AddWithValue("$auth", System.Buffers.Text.Base64Url.EncodeToString(keys.AuthSecret.Span));
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        var pool = new (string, string)[KeyPoolSize];
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT id, p256dh, auth FROM key_pool ORDER BY id";
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            pool[reader.GetInt32(0)] = (reader.GetString(1), reader.GetString(2));
        }

        return pool;
    }

    private string ConnectionString(SqliteOpenMode mode) =>
        new SqliteConnectionStringBuilder { DataSource = _path, Mode = mode, Pooling = false }.ToString();

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
