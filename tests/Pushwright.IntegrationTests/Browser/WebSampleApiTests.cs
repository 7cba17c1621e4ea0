using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using Pushwright.Encryption;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.IntegrationTests.Browser;

/// <summary>The web sample's API and configuration, without a browser: subscription storage, VAPID keys, and what <c>POST /api/notify</c> refuses.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WebSampleApiTests : IDisposable
{
    private readonly string _runDirectory = TestArtifacts.CreateRunDirectory("sample-api");

    [Fact]
    public async Task Start_WithoutConfiguredKeys_KeepsGeneratedKeysAcrossRestarts()
    {
        var database = Path.Combine(_runDirectory, "restart.db");
        string first;
        using (var app = await StartAsync(database))
        {
            first = await PublicKeyAsync(app);
        }

        using (var restarted = await StartAsync(database))
        {
            (await PublicKeyAsync(restarted)).Should().Be(first, "the generated pair is kept in the database");
            restarted.ReadStoredVapidKeys().PublicKeyBase64Url.Should().Be(first, "the stored private key belongs to the served public key");
        }
    }

    [Fact]
    public async Task Start_WithConfiguredKeys_ServesThem()
    {
        var keys = VapidKeys.Generate();
        using var app = await StartAsync(
            Path.Combine(_runDirectory, "configured.db"),
            new() { ["WebPush__PublicKey"] = keys.PublicKeyBase64Url, ["WebPush__PrivateKey"] = keys.ExportPrivateKeyBase64Url() });

        (await PublicKeyAsync(app)).Should().Be(keys.PublicKeyBase64Url);
    }

    [Fact]
    public async Task PostSubscription_SameEndpointTwice_StoresOneRowAndRejectsGarbage()
    {
        using var app = await StartAsync(Path.Combine(_runDirectory, "api.db"));
        var json = SubscriptionJson("https://127.0.0.1:9/wpush/abc", UserAgentKeys.Generate());

        using var first = await app.PostSubscriptionAsync(json);
        using var again = await app.PostSubscriptionAsync(SubscriptionJson("https://127.0.0.1:9/wpush/abc", UserAgentKeys.Generate()));
        using var garbage = await app.PostSubscriptionAsync("""{"endpoint": "https://127.0.0.1:9/wpush/x", "keys": {"p256dh": "nope", "auth": "nope"}}""");

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        again.StatusCode.Should().Be(HttpStatusCode.OK, "the same endpoint updates its row");
        (await app.CountSubscriptionsAsync()).Should().Be(1);
        garbage.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await garbage.Content.ReadAsStringAsync()).Should().Contain("PushSubscription JSON");
    }

    [Fact]
    public async Task Start_DatabaseFromBeforeBroadcasts_KeepsSubscriptionsAndGivesThemIdsOldestFirst()
    {
        var database = Path.Combine(_runDirectory, "old.db");
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE subscriptions (endpoint TEXT PRIMARY KEY, json TEXT NOT NULL,
                    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP, updated_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);
                INSERT INTO subscriptions (endpoint, json, created_at) VALUES ('https://127.0.0.1:9/wpush/newer', $newer, '2026-02-01 00:00:00');
                INSERT INTO subscriptions (endpoint, json, created_at) VALUES ('https://127.0.0.1:9/wpush/older', $older, '2026-01-01 00:00:00');
                """;
            command.Parameters.AddWithValue("$newer", SubscriptionJson("https://127.0.0.1:9/wpush/newer", UserAgentKeys.Generate()));
            command.Parameters.AddWithValue("$older", SubscriptionJson("https://127.0.0.1:9/wpush/older", UserAgentKeys.Generate()));
            command.ExecuteNonQuery();
        }

        using var app = await StartAsync(database);

        (await app.CountSubscriptionsAsync()).Should().Be(2);
        ((string)ReadScalar(database, "SELECT group_concat(endpoint, ' ') FROM (SELECT endpoint FROM subscriptions ORDER BY id);"))
            .Should().Be("https://127.0.0.1:9/wpush/older https://127.0.0.1:9/wpush/newer");
    }

    [Fact]
    public async Task Notify_EndpointNotAKnownPushService_IsRefusedWithoutConnecting()
    {
        // Private networks allowed, so only the sample's RestrictToKnownPushServices can stop this send.
        using var listener = new CountingListener(IPAddress.Loopback);
        using var app = await StartAsync(Path.Combine(_runDirectory, "known.db"), new() { ["WebPush__AllowPrivateNetworkEndpoints"] = "true" });
        using (var stored = await app.PostSubscriptionAsync(SubscriptionJson($"https://127.0.0.1:{listener.Port}/wpush/secret-path", UserAgentKeys.Generate())))
        {
            stored.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var summary = await app.NotifyAndWaitAsync(new { title = "t", body = "b" });

        summary.GetProperty("failed").GetInt32().Should().Be(1, summary.ToString());
        var result = summary.GetProperty("notDelivered")[0];
        result.GetProperty("outcome").GetString().Should().Be("Refused");
        result.GetProperty("error").GetString().Should().Contain("RestrictToKnownPushServices").And.Contain("'127.0.0.1'").And.NotContain("secret-path");
        (await listener.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Notify_BadInput_Returns400AndStoresNothing()
    {
        using var app = await StartAsync(Path.Combine(_runDirectory, "bad.db"));

        var (encoding, encodingError) = await app.NotifyAsync(new { title = "t", encoding = "aes256" });
        var (ttl, ttlError) = await app.NotifyAsync(new { title = "t", ttl = -1 });
        var (navigate, navigateError) = await app.NotifyAsync(new { title = "t", navigate = "http://example.com/not-https" });
        var (empty, emptyError) = await app.NotifyAsync(new { encoding = "aesgcm" });
        var (large, largeError) = await app.NotifyTextAsync(new string('x', 5000), string.Empty);

        (encoding, ttl, navigate, empty, large).Should().Be((400, 400, 400, 400, 400));
        encodingError.GetProperty("error").GetString().Should().Contain("aes256");
        ttlError.GetProperty("error").GetString().Should().Contain("-1");
        navigateError.GetProperty("error").GetString().Should().Contain("navigate");
        emptyError.GetProperty("error").GetString().Should().Contain("title");
        largeError.GetProperty("error").GetString().Should().Contain("5000");
        CountBroadcasts(app.DatabasePath).Should().Be(0, "a refused request stores no broadcast");
    }

    [Fact]
    public async Task GetNotify_UnknownId_Returns404()
    {
        using var app = await StartAsync(Path.Combine(_runDirectory, "unknown.db"));

        var (status, body) = await app.BroadcastAsync("0123456789abcdef0123456789abcdef");

        status.Should().Be(404);
        body.GetProperty("error").GetString().Should().Contain("0123456789abcdef0123456789abcdef");
    }

    public void Dispose() => TestArtifacts.DeleteRunDirectory(_runDirectory);

    private static Task<WebSampleApp> StartAsync(string database, Dictionary<string, string>? settings = null)
    {
        settings ??= [];
        settings["WebPush__Subject"] = BrowserFixture.Subject;
        return WebSampleApp.StartAsync(database, settings);
    }

    private static async Task<string> PublicKeyAsync(WebSampleApp app)
    {
        using var document = JsonDocument.Parse(await app.Http.GetStringAsync(new Uri("api/vapid-public-key", UriKind.Relative)));
        return document.RootElement.GetProperty("publicKey").GetString()!;
    }

    private static string SubscriptionJson(string endpoint, UserAgentKeys keys) => JsonSerializer.Serialize(new
    {
        endpoint,
        expirationTime = (object?)null,
        keys = new { p256dh = Base64Url.EncodeToString(keys.PublicKey.Span), auth = Base64Url.EncodeToString(keys.AuthSecret.Span) },
    });

    private static long CountBroadcasts(string database) => (long)ReadScalar(database, "SELECT COUNT(*) FROM broadcasts;");

    // Straight from the file, not through the app's API.
    private static object ReadScalar(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()!;
    }
}
