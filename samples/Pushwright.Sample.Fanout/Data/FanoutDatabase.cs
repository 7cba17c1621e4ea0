using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Pushwright.Sample.Fanout.Data;

/// <summary>
/// PostgreSQL through Npgsql: the subscriptions, the broadcasts, and one outcome row per
/// (broadcast, subscription). Every method opens a pooled connection for one short statement or
/// transaction, so a database restart costs the callers a failed call, never a stuck connection.
/// </summary>
internal sealed partial class FanoutDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public FanoutDatabase(string connectionString)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    /// <summary>Gets the host and database, for messages (never the password).</summary>
    public string Description
    {
        get
        {
            var builder = new NpgsqlConnectionStringBuilder(_dataSource.ConnectionString);
            return $"{builder.Host}:{builder.Port}/{builder.Database}";
        }
    }

    /// <summary>Answers whether the database takes queries now.</summary>
    public async Task<bool> IsAvailableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = _dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    /// <summary>
    /// Drops the idle pooled connections. After a database restart they are all dead; without this,
    /// each would fail once on its next use.
    /// </summary>
    public void ForgetConnections() => _dataSource.Clear();

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
