using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Pushwright.Sample.Fanout.Messaging;

/// <summary>RabbitMQ: the connection, the three queues, and publishing a batch so that it survives a broker restart.</summary>
internal static class FanoutBroker
{
    /// <summary>
    /// Connects, retrying while the broker cannot be reached. After this first connection,
    /// RabbitMQ.Client's automatic recovery reconnects by itself: it reopens the channels,
    /// declares the queues again, and restarts the consumers.
    /// </summary>
    public static async Task<IConnection> ConnectAsync(Uri uri, string clientName, int maxAttempts, TextWriter log, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory
        {
            Uri = uri,
            ClientProvidedName = clientName,
            AutomaticRecoveryEnabled = true,
            TopologyRecoveryEnabled = true,
            NetworkRecoveryInterval = TimeSpan.FromSeconds(2),
        };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await factory.CreateConnectionAsync(cancellationToken);
            }
            catch (BrokerUnreachableException ex) when (attempt < maxAttempts)
            {
                log.WriteLine($"{clientName}: RabbitMQ at {uri.Host}:{uri.Port} is unreachable ({ex.InnerException?.Message ?? ex.Message}); trying again in 2 s");
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }
    }

    /// <summary>Opens a channel whose publishes return only once the broker has confirmed them.</summary>
    public static Task<IChannel> CreateConfirmingChannelAsync(IConnection connection, CancellationToken cancellationToken) =>
        connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);

    /// <summary>Declares the three durable queues (idempotent: every process does it at start).</summary>
    public static async Task DeclareAsync(IChannel channel, FanoutQueues queues, CancellationToken cancellationToken)
    {
        // Parked messages wait here for an operator: bodies that are not batches, unknown broadcasts.
        await channel.QueueDeclareAsync(queues.Poison, durable: true, exclusive: false, autoDelete: false, arguments: null, cancellationToken: cancellationToken);

        // The work queue. A batch a worker rejects is dead-lettered to the poison queue.
        await channel.QueueDeclareAsync(queues.Work, durable: true, exclusive: false, autoDelete: false, arguments: DeadLetterTo(queues.Poison), cancellationToken: cancellationToken);

        // The retry queue has no consumer: each message carries its own expiration, and when it
        // expires RabbitMQ dead-letters it back to the work queue (the expiration is dropped then).
        await channel.QueueDeclareAsync(queues.Retry, durable: true, exclusive: false, autoDelete: false, arguments: DeadLetterTo(queues.Work), cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Publishes one batch as a persistent message, directly to <paramref name="queue"/>, and waits for the broker's confirm.
    /// </summary>
    /// <param name="channel">A channel from <see cref="CreateConfirmingChannelAsync"/>.</param>
    /// <param name="queue">The queue.</param>
    /// <param name="message">The batch.</param>
    /// <param name="expiration">For the retry queue: how long the message waits there.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="PublishException">The broker refused the message or could not route it.</exception>
    public static async Task PublishAsync(IChannel channel, string queue, BatchMessage message, TimeSpan? expiration, CancellationToken cancellationToken)
    {
        var properties = new BasicProperties
        {
            Persistent = true,
            ContentType = "application/json",
            MessageId = $"{message.BroadcastId:N}.{message.SubscriptionIds[0]}.{message.Attempt}",
            Expiration = expiration is { } wait ? ((long)Math.Ceiling(wait.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture) : null,
        };

        // mandatory: a message no queue takes (the queue was deleted) comes back as a PublishException
        // instead of vanishing. With confirmation tracking on, this returns once the broker has the
        // message: for a persistent message in a durable queue, once it is on disk.
        await channel.BasicPublishAsync(string.Empty, queue, mandatory: true, properties, message.ToUtf8Json(), cancellationToken);
    }

    /// <summary>Whether an exception means the broker connection or channel is gone (for now): the broker will redeliver.</summary>
    public static bool IsConnectionFailure(Exception exception) =>
        exception is RabbitMQClientException or IOException or TimeoutException or OperationCanceledException or ObjectDisposedException;

    private static Dictionary<string, object?> DeadLetterTo(string queue) => new()
    {
        ["x-dead-letter-exchange"] = string.Empty,
        ["x-dead-letter-routing-key"] = queue,
    };
}
