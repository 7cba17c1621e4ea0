using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using Pushwright.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Pushwright.IntegrationTests.Browser;

/// <summary>
/// The web sample's background broadcasts against the loopback push service of
/// Pushwright.Testing.AspNetCore, which verifies VAPID, decrypts every message and records its
/// endpoint: a declarative notification, and a broadcast that survives a hard kill of the process.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WebSampleBroadcastTests(ITestOutputHelper output) : IDisposable
{
    // Few enough concurrent sends for the push service's delay to make a broadcast take seconds.
    private const int MaxConcurrency = 8;

    private readonly string _runDirectory = TestArtifacts.CreateRunDirectory("sample-broadcast");
    private readonly VapidKeys _keys = VapidKeys.Generate();

    [Fact]
    public async Task Notify_Declarative_Returns202ThenPushServiceGetsDeclarativeJsonWithBroadcastTopic()
    {
        await using var push = await LoopbackPushService.StartAsync();
        using var app = await StartAsync(Path.Combine(_runDirectory, "declarative.db"));
        var subscriber = push.Subscribe(_keys.PublicKey);
        using (var stored = await app.PostSubscriptionAsync(subscriber.Subscription.ToJson()))
        {
            stored.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        using var response = await app.Http.PostAsJsonAsync(
            new Uri("api/notify", UriKind.Relative),
            new { title = "Declarative", body = "opens the news", navigate = "https://example.com/news" });
        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        response.Headers.Location!.ToString().Should().Be("/api/notify/" + id);
        var summary = await app.WaitForBroadcastAsync(id, TimeSpan.FromSeconds(30));

        summary.GetProperty("delivered").GetInt32().Should().Be(1, summary.ToString());
        var delivery = push.Service.DeliveriesTo(subscriber.Subscription).Should().ContainSingle().Subject;
        delivery.Header("Topic").Should().Be(id, "the broadcast id is the topic, so a copy resent after a crash replaces the first");
        using var json = JsonDocument.Parse(delivery.Text);
        json.RootElement.GetProperty("web_push").GetInt32().Should().Be(8030);
        var notification = json.RootElement.GetProperty("notification");
        notification.GetProperty("title").GetString().Should().Be("Declarative");
        notification.GetProperty("body").GetString().Should().Be("opens the news");
        notification.GetProperty("navigate").GetString().Should().Be("https://example.com/news");
    }

    [Fact]
    public async Task Notify_ProcessKilledMidBroadcast_RestartResumesWithoutResendingDelivered()
    {
        const int Subscribers = 2000;
        const int KillAfterDelivered = 400;
        await using var push = await LoopbackPushService.StartAsync();
        var database = Path.Combine(_runDirectory, "resume.db");
        var first = await StartAsync(database);
        Dictionary<string, long> idOf;
        string broadcastId;
        HashSet<long> deliveredBeforeKill;
        int requestsBeforeKill;
        try
        {
            // 1. Subscribers straight into the sample's table (one transaction; the API would take a request each).
            var subscribers = Enumerable.Range(0, Subscribers).Select(_ => push.Subscribe(_keys.PublicKey)).ToList();
            idOf = InsertSubscriptions(database, subscribers.Select(s => s.Subscription));
            push.Service.ReplyToAll(FakeReply.Created().After(TimeSpan.FromMilliseconds(20)));

            // 2. Broadcast, and kill the process hard once some outcomes are in the database.
            var (status, accepted) = await first.NotifyAsync(new { title = "resume", body = "exactly once", ttl = 600 });
            status.Should().Be(202, accepted.ToString());
            broadcastId = accepted.GetProperty("id").GetString()!;
            await WaitUntilAsync(() => DeliveredIds(database, broadcastId).Count >= KillAfterDelivered, first);
            first.Kill();

            // What the dead process managed: its recorded outcomes, and every request it sent (the last
            // ones may still be on their way through the push service's sockets).
            deliveredBeforeKill = DeliveredIds(database, broadcastId);
            requestsBeforeKill = await SettledRequestCountAsync(push);
        }
        finally
        {
            first.Dispose();
        }

        deliveredBeforeKill.Count.Should().BeLessThan(Subscribers, "the kill must come mid-broadcast");

        // 3. Restart on the same file: the sender resumes the unfinished broadcast.
        JsonElement summary;
        using (var second = await StartAsync(database))
        {
            summary = await second.WaitForBroadcastAsync(broadcastId, TimeSpan.FromSeconds(120));
        }

        // 4. The numbers.
        var requests = push.Service.Requests;
        var beforeKill = requests.Take(requestsBeforeKill).ToList();
        var afterRestart = requests.Skip(requestsBeforeKill).ToList();
        var perSubscription = requests.GroupBy(r => idOf[r.Endpoint.AbsoluteUri]).ToDictionary(g => g.Key, g => g.Count());
        var twice = perSubscription.Where(p => p.Value > 1).Select(p => p.Key).ToHashSet();
        var resentAfterDelivered = afterRestart.Count(r => deliveredBeforeKill.Contains(idOf[r.Endpoint.AbsoluteUri]));
        var inFlightAtKill = beforeKill.Select(r => idOf[r.Endpoint.AbsoluteUri]).Where(id => !deliveredBeforeKill.Contains(id)).ToHashSet();
        var (outcomeRows, deliveredRows, distinctSubscriptions) = CountOutcomes(database, broadcastId);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            subscribers {Subscribers}, MaxConcurrency {MaxConcurrency}
            before the kill: {requestsBeforeKill} requests, {deliveredBeforeKill.Count} delivered outcomes recorded, {inFlightAtKill.Count} sent but not recorded (in flight)
            after the restart: {afterRestart.Count} requests, {resentAfterDelivered} to subscriptions recorded delivered before the kill
            push service: {requests.Count} requests to {perSubscription.Count} subscriptions, {twice.Count} received twice, {requests.Count(r => r.Rejection is not null)} rejected
            SQLite: {outcomeRows} outcome rows, {deliveredRows} delivered, {distinctSubscriptions} distinct subscriptions
            GET /api/notify/{broadcastId}: {summary}
            """));

        // A request cut off by the kill has no reply; every other one was accepted.
        requests.Should().OnlyContain(r => r.Rejection == null && r.Header("Topic") == broadcastId, "every request had valid VAPID, decrypted, and the broadcast as its topic");
        afterRestart.Should().OnlyContain(r => r.IsDelivered);
        requests.Where(r => r.IsDelivered).Select(r => r.Endpoint.AbsoluteUri).Distinct().Should().HaveCount(Subscribers, "every subscriber got the message");
        (outcomeRows, deliveredRows, distinctSubscriptions).Should().Be((Subscribers, Subscribers, Subscribers), "one delivered outcome per subscription");
        resentAfterDelivered.Should().Be(0, "the restart skips the subscriptions recorded delivered");
        perSubscription.Values.Should().OnlyContain(n => n <= 2);
        twice.Should().BeSubsetOf(inFlightAtKill, "only a send in flight at the kill (sent, outcome not recorded) is repeated");

        // In flight: up to MaxConcurrency sends awaiting their reply, up to MaxConcurrency replies in
        // SendManyAsync's result buffer, and the one being recorded.
        inFlightAtKill.Count.Should().BeLessThanOrEqualTo((2 * MaxConcurrency) + 1);
        afterRestart.Should().HaveCount(Subscribers - deliveredBeforeKill.Count);
        summary.GetProperty("status").GetString().Should().Be("finished");
        summary.GetProperty("total").GetInt32().Should().Be(Subscribers);
        summary.GetProperty("delivered").GetInt32().Should().Be(Subscribers);
    }

    public void Dispose() => TestArtifacts.DeleteRunDirectory(_runDirectory);

    private static async Task WaitUntilAsync(Func<bool> condition, WebSampleApp app)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (app.HasExited || TimeProvider.System.GetElapsedTime(started) > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"The broadcast did not get far enough (exited: {app.HasExited}).\n{app.OutputTail()}");
            }

            await Task.Delay(10);
        }
    }

    // The push service's request count once it stops growing: what a killed sender had already sent.
    private static async Task<int> SettledRequestCountAsync(LoopbackPushService push)
    {
        var count = push.Service.Requests.Count;
        for (var quiet = 0; quiet < 10; quiet++)
        {
            await Task.Delay(50);
            var now = push.Service.Requests.Count;
            if (now != count)
            {
                (count, quiet) = (now, 0);
            }
        }

        return count;
    }

    private static Dictionary<string, long> InsertSubscriptions(string database, IEnumerable<PushSubscription> subscriptions)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO subscriptions (endpoint, json) VALUES ($endpoint, $json) RETURNING id;";
        var endpoint = insert.Parameters.Add("$endpoint", SqliteType.Text);
        var json = insert.Parameters.Add("$json", SqliteType.Text);
        var ids = new Dictionary<string, long>();
        foreach (var subscription in subscriptions)
        {
            endpoint.Value = subscription.Endpoint.AbsoluteUri;
            json.Value = subscription.ToJson();
            ids[subscription.Endpoint.AbsoluteUri] = (long)insert.ExecuteScalar()!;
        }

        transaction.Commit();
        return ids;
    }

    private static HashSet<long> DeliveredIds(string database, string broadcastId)
    {
        using var connection = ReadOnly(database);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT subscription_id FROM broadcast_outcomes WHERE broadcast_id = $id AND outcome = 'Delivered';";
        command.Parameters.AddWithValue("$id", broadcastId);
        using var reader = command.ExecuteReader();
        var ids = new HashSet<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    private static (long Rows, long Delivered, long Distinct) CountOutcomes(string database, string broadcastId)
    {
        using var connection = ReadOnly(database);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COUNT(*), COALESCE(SUM(outcome = 'Delivered'), 0), COUNT(DISTINCT subscription_id)
            FROM broadcast_outcomes WHERE broadcast_id = $id;
            """;
        command.Parameters.AddWithValue("$id", broadcastId);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private static SqliteConnection ReadOnly(string database)
    {
        var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        return connection;
    }

    private Task<WebSampleApp> StartAsync(string database) => WebSampleApp.StartAsync(database, new Dictionary<string, string>
    {
        ["WebPush__Subject"] = BrowserFixture.Subject,
        ["WebPush__PublicKey"] = _keys.PublicKeyBase64Url,
        ["WebPush__PrivateKey"] = _keys.ExportPrivateKeyBase64Url(),
        ["WebPush__MaxConcurrency"] = MaxConcurrency.ToString(CultureInfo.InvariantCulture),

        // The loopback push service: plain http on 127.0.0.1, which the sample refuses unless told.
        ["WebPush__AllowedHosts__0"] = "127.0.0.1",
        ["WebPush__AllowPrivateNetworkEndpoints"] = "true",
        ["WebPush__AllowHttpEndpoints"] = "true",
    });
}
