using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace Pushwright.IntegrationTests.Browser;

/// <summary>
/// samples/Pushwright.Sample.Web run as a process, the way a user runs it, on a random loopback port
/// with its own SQLite file and configuration from environment variables.
/// </summary>
public sealed partial class WebSampleApp : IDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);

    private readonly DotnetProcess _process;

    private WebSampleApp(DotnetProcess process, Uri baseAddress, string databasePath)
    {
        _process = process;
        BaseAddress = baseAddress;
        DatabasePath = databasePath;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Gets the app's address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Gets the SQLite file the app stores subscriptions in.</summary>
    public string DatabasePath { get; }

    /// <summary>Gets a client for the app's API.</summary>
    public HttpClient Http { get; }

    /// <summary>Gets the app's console output (its log).</summary>
    public string Output => _process.Output;

    /// <summary>Gets a value indicating whether the app has exited (it should not).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts the app and waits until it listens.</summary>
    /// <param name="databasePath">The SQLite file.</param>
    /// <param name="environment">Configuration, e.g. <c>WebPush__Subject</c>, and <c>SSL_CERT_DIR</c> to trust a local push endpoint.</param>
    public static async Task<WebSampleApp> StartAsync(string databasePath, IReadOnlyDictionary<string, string> environment)
    {
        var settings = new Dictionary<string, string>(environment)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__Path"] = databasePath,
        };
        var process = DotnetProcess.Start(
            TestArtifacts.WebSampleDll,
            ["--urls", "http://127.0.0.1:0", "--contentRoot", TestArtifacts.WebSampleContentRoot],
            settings,
            Path.GetDirectoryName(databasePath)!);
        try
        {
            var listening = await process.WaitForOutputAsync(ListeningLine(), s_startTimeout);
            return new WebSampleApp(process, new Uri(listening.Groups[1].Value + "/"), databasePath);
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>POST /api/subscriptions with a PushSubscription's JSON.</summary>
    public async Task<HttpResponseMessage> PostSubscriptionAsync(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await Http.PostAsync(new Uri("api/subscriptions", UriKind.Relative), content);
    }

    /// <summary>GET /api/subscriptions/count.</summary>
    public async Task<long> CountSubscriptionsAsync()
    {
        using var document = JsonDocument.Parse(await Http.GetStringAsync(new Uri("api/subscriptions/count", UriKind.Relative)));
        return document.RootElement.GetProperty("count").GetInt64();
    }

    /// <summary>GET /api/received: the texts the service worker reported.</summary>
    public async Task<IReadOnlyList<string?>> ReceivedAsync()
    {
        using var document = JsonDocument.Parse(await Http.GetStringAsync(new Uri("api/received", UriKind.Relative)));
        return document.RootElement.EnumerateArray()
            .Select(m => m.GetProperty("text") is { ValueKind: JsonValueKind.String } text ? text.GetString() : null)
            .ToList();
    }

    /// <summary>Reads the VAPID key pair the app generated on its first run from its SQLite file.</summary>
    public VapidKeys ReadStoredVapidKeys()
    {
        using var connection = OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT public_key, private_key FROM vapid_keys;";
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? VapidKeys.FromBase64Url(reader.GetString(0), reader.GetString(1))
            : throw new InvalidOperationException("The sample has stored no VAPID keys.");
    }

    /// <summary>Reads the subscriptions the app stored, as the JSON its page posted.</summary>
    public IReadOnlyList<string> ReadStoredSubscriptions()
    {
        using var connection = OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT json FROM subscriptions;";
        using var reader = command.ExecuteReader();
        var subscriptions = new List<string>();
        while (reader.Read())
        {
            subscriptions.Add(reader.GetString(0));
        }

        return subscriptions;
    }

    /// <summary>POST /api/notify with a JSON body; returns the status and the answer (202: the broadcast's id; 400: the error).</summary>
    public async Task<(int Status, JsonElement Body)> NotifyAsync(object request)
    {
        using var response = await Http.PostAsJsonAsync(new Uri("api/notify", UriKind.Relative), request);
        return ((int)response.StatusCode, await ReadJsonAsync(response));
    }

    /// <summary>POST /api/notify with a text body.</summary>
    public async Task<(int Status, JsonElement Body)> NotifyTextAsync(string text, string query)
    {
        using var content = new StringContent(text, Encoding.UTF8, "text/plain");
        using var response = await Http.PostAsync(new Uri("api/notify" + query, UriKind.Relative), content);
        return ((int)response.StatusCode, await ReadJsonAsync(response));
    }

    /// <summary>GET /api/notify/{id}: the broadcast's status and counts.</summary>
    public async Task<(int Status, JsonElement Body)> BroadcastAsync(string id)
    {
        using var response = await Http.GetAsync(new Uri("api/notify/" + Uri.EscapeDataString(id), UriKind.Relative));
        return ((int)response.StatusCode, await ReadJsonAsync(response));
    }

    /// <summary>Polls GET /api/notify/{id} until the broadcast is finished; returns its last answer.</summary>
    /// <exception cref="TimeoutException">It did not finish within <paramref name="timeout"/>, or the app exited.</exception>
    public async Task<JsonElement> WaitForBroadcastAsync(string id, TimeSpan timeout)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var (status, body) = await BroadcastAsync(id);
            if (status == 200 && body.GetProperty("status").GetString() == "finished")
            {
                return body;
            }

            if (HasExited || TimeProvider.System.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"Broadcast {id} did not finish within {timeout.TotalSeconds} s (exited: {HasExited}); last answer HTTP {status} {body}.\n{OutputTail()}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>POST /api/notify, expecting 202 Accepted, then waits until the broadcast is finished.</summary>
    /// <returns>The finished broadcast's status and counts.</returns>
    /// <exception cref="InvalidOperationException">The answer was not 202 with an id.</exception>
    public async Task<JsonElement> NotifyAndWaitAsync(object request, TimeSpan? timeout = null)
    {
        var (status, body) = await NotifyAsync(request);
        if (status != 202)
        {
            throw new InvalidOperationException($"POST /api/notify answered HTTP {status} {body}, not 202.");
        }

        return await WaitForBroadcastAsync(body.GetProperty("id").GetString()!, timeout ?? TimeSpan.FromSeconds(30));
    }

    /// <summary>Returns the last lines of the app's log.</summary>
    public string OutputTail(int lines = 25) => string.Join('\n', Output.Split('\n').TakeLast(lines));

    /// <summary>Kills the app at once (SIGKILL), as a crash would: nothing of it runs after this.</summary>
    public void Kill() => _process.Kill();

    /// <inheritdoc/>
    public void Dispose()
    {
        Http.Dispose();
        _process.Dispose();
    }

    private SqliteConnection OpenDatabase()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return document.RootElement.Clone();
    }

    [GeneratedRegex(@"Now listening on: (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
