using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Npgsql;
using Pushwright.IntegrationTests.Browser;
using Pushwright.Testing;
using RabbitMQ.Client;
using Xunit.Abstractions;

namespace Pushwright.Sample.Fanout.Tests.Support;

/// <summary>
/// One test's world: its own database and queues on the shared servers, two loopback push services,
/// and the sample's processes (workers, coordinator, status) with settings pointing at all of them.
/// Disposing kills the workers, prints their output to the test log, and drops the database and queues.
/// </summary>
internal sealed partial class FanoutScenario : IAsyncDisposable
{
    private readonly ITestOutputHelper _log;
    private readonly string _databaseName;
    private readonly List<DotnetProcess> _workers = [];
    private readonly VapidKeys _vapidKeys;
    private readonly Dictionary<string, string> _environment;

    private FanoutScenario(ITestOutputHelper log, string databaseName, string queue, VapidKeys vapidKeys, LoopbackPushService[] pushServices, int batchSize)
    {
        _log = log;
        _vapidKeys = vapidKeys;
        _databaseName = databaseName;
        Queue = queue;
        PushServices = pushServices;
        BatchSize = batchSize;
        ConnectionString = new NpgsqlConnectionStringBuilder(FanoutServices.Postgres) { Database = databaseName, Pooling = false }.ConnectionString;
        _environment = new Dictionary<string, string>
        {
            ["FANOUT_POSTGRES"] = new NpgsqlConnectionStringBuilder(FanoutServices.Postgres) { Database = databaseName }.ConnectionString,
            ["FANOUT_RABBITMQ"] = FanoutServices.RabbitMQ.AbsoluteUri,
            ["FANOUT_QUEUE"] = queue,
            ["FANOUT_BATCHSIZE"] = batchSize.ToString(CultureInfo.InvariantCulture),
            ["FANOUT_PREFETCH"] = "2",
            ["FANOUT_MAXATTEMPTS"] = "3",
            ["FANOUT_RETRYDELAY"] = "00:00:01",
            ["FANOUT_ALLOWLOOPBACKPUSHSERVICES"] = "true",
            ["FANOUT_WEBPUSH__SUBJECT"] = "mailto:fanout-tests@example.com",
            ["FANOUT_WEBPUSH__PUBLICKEY"] = vapidKeys.PublicKeyBase64Url,
            ["FANOUT_WEBPUSH__PRIVATEKEY"] = vapidKeys.ExportPrivateKeyBase64Url(),
            // The client's own retries, quick for tests: 5xx again after 20 ms. A Retry-After
            // longer than half a second is left to the fanout's retry queue.
            ["FANOUT_WEBPUSH__RESILIENCE__BASEDELAY"] = "00:00:00.020",
            ["FANOUT_WEBPUSH__RESILIENCE__MAXDELAY"] = "00:00:00.200",
            ["FANOUT_WEBPUSH__RESILIENCE__USEJITTER"] = "false",
            ["FANOUT_WEBPUSH__RESILIENCE__MAXRETRYAFTER"] = "00:00:00.500",
        };
    }

    public string Queue { get; }

    public int BatchSize { get; }

    /// <summary>Gets the connection string of this test's database (no pooling: it must survive a database restart).</summary>
    public string ConnectionString { get; }

    public IReadOnlyList<LoopbackPushService> PushServices { get; }

    public IReadOnlyList<DotnetProcess> Workers => _workers;

    public static async Task<FanoutScenario> CreateAsync(ITestOutputHelper log, int batchSize)
    {
        FanoutServices.EnsureAvailable();
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var databaseName = "fanout_" + suffix;
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(FanoutServices.Postgres) { Pooling = false }.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {databaseName}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var vapidKeys = VapidKeys.Generate();
        LoopbackPushService[] services =
        [
            await LoopbackPushService.StartAsync(),
            await LoopbackPushService.StartAsync(),
        ];
        var scenario = new FanoutScenario(log, databaseName, "fanout.test." + suffix, vapidKeys, services, batchSize);
        await scenario.RunAsync("init");
        return scenario;
    }

    /// <summary>Runs one command of the sample to its end and returns its output; fails on a non-zero exit code.</summary>
    public async Task<string> RunAsync(params string[] arguments)
    {
        using var process = DotnetProcess.Start(FanoutServices.FanoutDll, arguments, _environment, FanoutServices.RepositoryRoot);
        var exitCode = await process.WaitForExitAsync(TimeSpan.FromMinutes(2));
        return exitCode == 0
            ? process.Output
            : throw new InvalidOperationException($"fanout {string.Join(' ', arguments)} exited with {exitCode}:\n{process.Output}");
    }

    /// <summary>Gets the push service a subscription was created on.</summary>
    public FakePushService ServiceOf(PushSubscription subscription) =>
        PushServices.Single(s => s.Http1Origin.Port == subscription.Endpoint.Port).Service;

    /// <summary>Subscribes a simulated browser at one of the push services, bound to the sample's VAPID key.</summary>
    public PushSubscription Subscribe(LoopbackPushService service) => service.Subscribe(_vapidKeys.PublicKey).Subscription;

    /// <summary>Starts a worker process.</summary>
    public DotnetProcess StartWorker()
    {
        var worker = DotnetProcess.Start(FanoutServices.FanoutDll, ["worker"], _environment, FanoutServices.RepositoryRoot);
        _workers.Add(worker);
        return worker;
    }

    /// <summary>Starts workers and waits until each consumes.</summary>
    public async Task<DotnetProcess[]> StartWorkersAsync(int count)
    {
        var workers = Enumerable.Range(0, count).Select(_ => StartWorker()).ToArray();
        foreach (var worker in workers)
        {
            await worker.WaitForOutputAsync(Consuming(), TimeSpan.FromSeconds(60));
        }

        return workers;
    }

    /// <summary>Runs the coordinator and returns the broadcast id it printed.</summary>
    public async Task<Guid> BroadcastAsync(string payload)
    {
        var output = await RunAsync("broadcast", "--payload", payload);
        return Guid.Parse(BroadcastId().Match(output).Groups[1].Value);
    }

    /// <summary>Stores subscriptions as <c>fanout import</c> would (binary COPY, for speed) and returns their ids by push-service id.</summary>
    public async Task<IReadOnlyDictionary<string, long>> SeedAsync(IEnumerable<PushSubscription> subscriptions)
    {
        await using var connection = await OpenAsync();
        await using (var import = await connection.BeginBinaryImportAsync("COPY subscriptions (endpoint, subscription) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var subscription in subscriptions)
            {
                await import.StartRowAsync();
                await import.WriteAsync(subscription.Endpoint.AbsoluteUri);
                await import.WriteAsync(subscription.ToJson());
            }

            await import.CompleteAsync();
        }

        return await SubscriptionIdsAsync();
    }

    /// <summary>Reads the stored subscriptions: push-service id (the endpoint's last segment) to row id.</summary>
    public async Task<IReadOnlyDictionary<string, long>> SubscriptionIdsAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT endpoint, id FROM subscriptions", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            ids[reader.GetString(0)[(reader.GetString(0).LastIndexOf('/') + 1)..]] = reader.GetInt64(1);
        }

        return ids;
    }

    /// <summary>Runs one SQL statement in this test's database.</summary>
    public async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Reads how far a broadcast got, straight from the tables.</summary>
    public async Task<BroadcastCounts> CountsAsync(Guid broadcastId)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT b.published_subscriptions, b.publishing_completed_at IS NOT NULL, d.outcome, count(d.*)
            FROM broadcasts AS b LEFT JOIN deliveries AS d ON d.broadcast_id = b.id
            WHERE b.id = @id GROUP BY 1, 2, 3
            """, connection);
        command.Parameters.AddWithValue("id", broadcastId);
        await using var reader = await command.ExecuteReaderAsync();
        long published = 0;
        var completed = false;
        var byState = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            published = reader.GetInt64(0);
            completed = reader.GetBoolean(1);
            if (!reader.IsDBNull(2))
            {
                byState[reader.GetString(2)] = reader.GetInt64(3);
            }
        }

        return new BroadcastCounts(published, completed, byState);
    }

    /// <summary>Waits until every queued subscription has a final outcome.</summary>
    public async Task<BroadcastCounts> WaitForCompletionAsync(Guid broadcastId, TimeSpan timeout)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var counts = await CountsAsync(broadcastId);
            if (counts.IsComplete)
            {
                return counts;
            }

            if (TimeProvider.System.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"The broadcast did not complete within {timeout.TotalSeconds} s: {counts}.\n{WorkerOutputs(40)}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>Reads a queue's message count (ready messages) and consumer count by a passive declare.</summary>
    public async Task<(uint Messages, uint Consumers)> PeekQueueAsync(string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = FanoutServices.RabbitMQ }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var declared = await channel.QueueDeclarePassiveAsync(queue);
        return (declared.MessageCount, declared.ConsumerCount);
    }

    /// <summary>Publishes a raw message straight to the work queue (for poison input).</summary>
    public async Task PublishRawAsync(byte[] body)
    {
        await using var connection = await new ConnectionFactory { Uri = FanoutServices.RabbitMQ }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await channel.BasicPublishAsync(string.Empty, Queue, mandatory: true, new BasicProperties { Persistent = true }, body);
    }

    /// <summary>Takes every message waiting in a queue (acknowledging them) and returns their bodies.</summary>
    public async Task<IReadOnlyList<byte[]>> DrainAsync(string queue)
    {
        await using var connection = await new ConnectionFactory { Uri = FanoutServices.RabbitMQ }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var bodies = new List<byte[]>();
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } message)
        {
            bodies.Add(message.Body.ToArray());
        }

        return bodies;
    }

    /// <summary>Gets the last lines of every worker's output, for failure messages.</summary>
    public string WorkerOutputs(int lines) => string.Join('\n', _workers.Select((w, i) =>
        $"--- worker {i} ({(w.HasExited ? "exited" : "running")}), last {lines} lines:\n" + string.Join('\n', w.Output.Split('\n').TakeLast(lines))));

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            worker.Dispose();
        }

        _log.WriteLine(WorkerOutputs(200));
        foreach (var service in PushServices)
        {
            await service.DisposeAsync();
        }

        try
        {
            await using (var connection = await new ConnectionFactory { Uri = FanoutServices.RabbitMQ }.CreateConnectionAsync())
            await using (var channel = await connection.CreateChannelAsync())
            {
                foreach (var queue in new[] { Queue, Queue + ".retry", Queue + ".poison" })
                {
                    await channel.QueueDeleteAsync(queue);
                }
            }

            await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(FanoutServices.Postgres) { Pooling = false }.ConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_databaseName} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or RabbitMQ.Client.Exceptions.RabbitMQClientException or IOException)
        {
            _log.WriteLine($"cleanup failed: {ex.Message}");
        }
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    [GeneratedRegex(@"consuming \S+ \(prefetch \d+\)")]
    private static partial Regex Consuming();

    [GeneratedRegex(@"broadcast ([0-9a-f-]{36}): queued")]
    private static partial Regex BroadcastId();
}
