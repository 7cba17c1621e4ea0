using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Pushwright.Sample.Web;

/// <summary>The sample's SQLite file: every table lives in it, and each store opens its connections here (pooled).</summary>
internal sealed class SampleDatabase(string path)
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();

    /// <summary>Opens a connection; dispose it.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Opens a connection; dispose it.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
