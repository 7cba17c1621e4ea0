using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.Data.Sqlite;
using Pushwright.Encryption;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.IntegrationTests.Browser;

/// <summary>The web sample's API and configuration, without a browser: subscription storage and VAPID keys.</summary>
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
        }

        VapidKeys.FromBase64Url(first, ReadStoredPrivateKey(database)).PublicKeyBase64Url.Should().Be(first);
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

        using var first = await PostAsync(app, json);
        using var again = await PostAsync(app, SubscriptionJson("https://127.0.0.1:9/wpush/abc", UserAgentKeys.Generate()));
        using var garbage = await PostAsync(app, """{"endpoint": "https://127.0.0.1:9/wpush/x", "keys": {"p256dh": "nope", "auth": "nope"}}""");

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        again.StatusCode.Should().Be(HttpStatusCode.OK, "the same endpoint updates its row");
        (await app.CountSubscriptionsAsync()).Should().Be(1);
        garbage.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await garbage.Content.ReadAsStringAsync()).Should().Contain("PushSubscription JSON");
    }

    [Fact]
    public async Task Notify_EndpointNotAKnownPushService_IsRefusedWithoutConnecting()
    {
        // Private networks allowed, so only the sample's RestrictToKnownPushServices can stop this send.
        using var listener = new CountingListener(IPAddress.Loopback);
        using var app = await StartAsync(Path.Combine(_runDirectory, "known.db"), new() { ["WebPush__AllowPrivateNetworkEndpoints"] = "true" });
        using (var stored = await PostAsync(app, SubscriptionJson($"https://127.0.0.1:{listener.Port}/wpush/secret-path", UserAgentKeys.Generate())))
        {
            stored.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var (status, summary) = await app.NotifyAsync(new { title = "t", body = "b" });

        status.Should().Be(200, summary.ToString());
        var result = summary.GetProperty("results")[0];
        result.GetProperty("outcome").GetString().Should().Be("Refused");
        result.GetProperty("error").GetString().Should().Contain("RestrictToKnownPushServices").And.Contain("'127.0.0.1'").And.NotContain("secret-path");
        (await listener.CountAsync()).Should().Be(0);
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

    private static async Task<HttpResponseMessage> PostAsync(WebSampleApp app, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await app.Http.PostAsync(new Uri("api/subscriptions", UriKind.Relative), content);
    }

    private static string SubscriptionJson(string endpoint, UserAgentKeys keys) => JsonSerializer.Serialize(new
    {
        endpoint,
        expirationTime = (object?)null,
        keys = new { p256dh = Base64Url.EncodeToString(keys.PublicKey.Span), auth = Base64Url.EncodeToString(keys.AuthSecret.Span) },
    });

    private static string ReadStoredPrivateKey(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT private_key FROM vapid_keys;";
        return (string)command.ExecuteScalar()!;
    }
}
