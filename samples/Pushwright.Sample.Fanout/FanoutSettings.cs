using System;
using Microsoft.Extensions.Configuration;
using Pushwright.Sample.Fanout.Commands;
using Pushwright.Sample.Fanout.Messaging;

namespace Pushwright.Sample.Fanout;

/// <summary>
/// What every process reads at start: <c>appsettings.json</c> next to the program, then the
/// environment variables that start with <c>FANOUT_</c> (<c>FANOUT_POSTGRES</c> is the key
/// <c>Postgres</c>; <c>FANOUT_WEBPUSH__PUBLICKEY</c> is <c>WebPush:PublicKey</c>).
/// </summary>
internal sealed class FanoutSettings
{
    public const string EnvironmentPrefix = "FANOUT_";

    private readonly IConfiguration _configuration;

    private FanoutSettings(IConfiguration configuration) => _configuration = configuration;

    /// <summary>Gets the whole configuration, for the <c>WebPush</c> section (see <see cref="FanoutWebPush"/>).</summary>
    public IConfiguration Configuration => _configuration;

    /// <summary>Gets the Npgsql connection string (<c>FANOUT_POSTGRES</c>).</summary>
    public string Postgres => Required("Postgres");

    /// <summary>Gets the AMQP URI of the broker (<c>FANOUT_RABBITMQ</c>), e.g. <c>amqp://user:password@127.0.0.1:5672/vhost</c>.</summary>
    public Uri RabbitMQ => Uri.TryCreate(Required("RabbitMQ"), UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps"
        ? uri
        : throw new UsageException($"{EnvironmentPrefix}RABBITMQ must be an amqp:// or amqps:// URI.");

    /// <summary>Gets the queues: the work queue (<c>FANOUT_QUEUE</c>) and its <c>.retry</c> and <c>.poison</c> companions.</summary>
    public FanoutQueues Queues => new(_configuration["Queue"] is { Length: > 0 } name ? name : "fanout.batches");

    /// <summary>Gets how many subscription ids go into one message (<c>FANOUT_BATCHSIZE</c>).</summary>
    public int BatchSize => InRange("BatchSize", 500, 1, BatchMessage.MaxSubscriptionIds);

    /// <summary>Gets how many unacknowledged batches the broker hands one worker at a time (<c>FANOUT_PREFETCH</c>).</summary>
    public ushort Prefetch => (ushort)InRange("Prefetch", 2, 1, 100);

    /// <summary>Gets how many times a subscription is tried before it is recorded as failed (<c>FANOUT_MAXATTEMPTS</c>).</summary>
    public int MaxAttempts => InRange("MaxAttempts", 5, 1, 100);

    /// <summary>Gets how long a batch of retryable failures waits in the retry queue (<c>FANOUT_RETRYDELAY</c>, a TimeSpan).</summary>
    public TimeSpan RetryDelay => _configuration.GetValue("RetryDelay", TimeSpan.FromSeconds(30)) is var delay && delay > TimeSpan.Zero && delay <= TimeSpan.FromDays(1)
        ? delay
        : throw new UsageException($"{EnvironmentPrefix}RETRYDELAY must be a TimeSpan between 00:00:00.001 and 1.00:00:00.");

    /// <summary>Reads appsettings.json (optional) and the <c>FANOUT_</c> environment variables.</summary>
    public static FanoutSettings Load() => new(new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables(EnvironmentPrefix)
        .Build());

    private string Required(string key) => _configuration[key] is { Length: > 0 } value
        ? value
        : throw new UsageException($"{EnvironmentPrefix}{key.ToUpperInvariant()} is not set (or '{key}' in appsettings.json). Run 'fanout --help' for the settings.");

    private int InRange(string key, int defaultValue, int min, int max)
    {
        var value = _configuration.GetValue(key, defaultValue);
        return value >= min && value <= max
            ? value
            : throw new UsageException($"{EnvironmentPrefix}{key.ToUpperInvariant()} must be between {min} and {max}; got {value}.");
    }
}
