using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Pushwright.IntegrationTests.Browser;

/// <summary>
/// A push service answering 410 Gone for Firefox's subscription makes the web sample delete it from
/// its SQLite file, through the <c>ISubscriptionRemovalHandler</c> it registers in DI. A class of its
/// own, since it ends the subscription its fixture made.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FirefoxWebSampleRemovalTests(WebSampleFixture fixture) : IClassFixture<WebSampleFixture>
{
    [Fact]
    public async Task Notify_PushServiceAnswers410_SubscriptionDeletedFromSqlite()
    {
        fixture.EnsureStarted();
        (await fixture.App.CountSubscriptionsAsync()).Should().Be(1);
        CountRows().Should().Be(1);

        // First a delivery, so the subscription is known to work; then the service says it is gone.
        var delivered = await fixture.App.NotifyAndWaitAsync(new { title = "before", body = "still subscribed", ttl = 60 });
        delivered.GetProperty("delivered").GetInt32().Should().Be(1, "{0}\n{1}", delivered, fixture.Diagnostics());
        fixture.Server.AnswerGone(fixture.Registration);
        var summary = await fixture.App.NotifyAndWaitAsync(new { title = "after", body = "gone", ttl = 60 });

        summary.GetProperty("total").GetInt32().Should().Be(1);
        summary.GetProperty("removed").GetInt32().Should().Be(1, "{0}\n{1}", summary, fixture.Diagnostics());
        var result = summary.GetProperty("notDelivered")[0];
        result.GetProperty("outcome").GetString().Should().Be("SubscriptionGone");
        result.GetProperty("status").GetInt32().Should().Be(410);
        result.GetProperty("host").GetString().Should().Be("127.0.0.1", "only the endpoint's host is shown");
        (await fixture.App.CountSubscriptionsAsync()).Should().Be(0);
        CountRows().Should().Be(0, "the removal handler deleted the row from the SQLite file");

        var next = await fixture.App.NotifyAndWaitAsync(new { title = "next", body = "nobody left", ttl = 60 });
        next.GetProperty("total").GetInt32().Should().Be(0);
    }

    // Straight from the file, not through the app's API.
    private long CountRows()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = fixture.App.DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM subscriptions;";
        return (long)command.ExecuteScalar()!;
    }
}
