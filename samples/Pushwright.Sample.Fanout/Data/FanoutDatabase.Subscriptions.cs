using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Pushwright.Sample.Fanout.Data;

/// <content>Storing subscriptions, and paging through their ids.</content>
internal sealed partial class FanoutDatabase
{
    /// <summary>Stores a subscription, or replaces the stored JSON of the same endpoint.</summary>
    public async Task UpsertSubscriptionAsync(PushSubscription subscription, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("""
            INSERT INTO subscriptions (endpoint, subscription) VALUES (@endpoint, @subscription)
            ON CONFLICT (endpoint) DO UPDATE SET subscription = excluded.subscription
            """);
        command.Parameters.AddWithValue("endpoint", subscription.Endpoint.AbsoluteUri);
        command.Parameters.AddWithValue("subscription", subscription.ToJson());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Reads the next page of subscription ids after <paramref name="afterId"/> (keyset pagination:
    /// each page is an index range scan, however deep into the table, unlike OFFSET).
    /// </summary>
    public async Task<long[]> ReadSubscriptionIdsAsync(long afterId, int limit, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("SELECT id FROM subscriptions WHERE id > @after ORDER BY id LIMIT @limit");
        command.Parameters.AddWithValue("after", afterId);
        command.Parameters.AddWithValue("limit", limit);
        var ids = new List<long>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        return [.. ids];
    }
}
