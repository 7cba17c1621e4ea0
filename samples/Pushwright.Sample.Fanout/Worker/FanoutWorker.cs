using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Pushwright.Sample.Fanout.Data;
using Pushwright.Sample.Fanout.Messaging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Pushwright.Sample.Fanout.Worker;

/// <summary>
/// <c>fanout worker</c>: consumes batches with a bounded prefetch and processes them one at a time.
/// A batch is acknowledged only after its outcomes are committed. When PostgreSQL is down the worker
/// stops consuming (closing its channel hands the batch in hand and the prefetched ones back to the
/// queue) until the database answers again; when RabbitMQ restarts, the client's automatic recovery
/// reconnects and the broker redelivers what was not acknowledged.
/// </summary>
internal sealed class FanoutWorker(FanoutSettings settings, FanoutDatabase database, WebPushClient client, TextWriter log)
{
    private readonly string _name = $"worker {Environment.ProcessId}";
    private readonly SemaphoreSlim _busy = new(1, 1);
    private TaskCompletionSource _pauseRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private BatchProcessor? _processor;
    private long _received;
    private volatile bool _paused;

    // Counts connection losses. An acknowledgement belongs to the connection that delivered the
    // message: after a loss the broker has already requeued it, so there is nothing to acknowledge.
    private int _connectionGeneration;

    public async Task RunAsync(CancellationToken stopping)
    {
        var queues = settings.Queues;

        // 1. The database first: nothing is consumed while it is down.
        await WaitForDatabaseAsync(stopping);
        await database.EnsureSchemaAsync(stopping);

        // 2. RabbitMQ: a channel with publisher confirms for the retry queue, for the whole run.
        await using var connection = await FanoutBroker.ConnectAsync(settings.RabbitMQ, _name, int.MaxValue, log, stopping);
        connection.ConnectionShutdownAsync += (_, e) =>
        {
            Interlocked.Increment(ref _connectionGeneration);
            if (e.Initiator != ShutdownInitiator.Application)
            {
                log.WriteLine($"{_name}: RabbitMQ connection lost ({e.ReplyText}); reconnecting");
            }

            return Task.CompletedTask;
        };
        connection.RecoverySucceededAsync += (_, _) =>
        {
            log.WriteLine($"{_name}: RabbitMQ connection recovered; consuming again");
            return Task.CompletedTask;
        };
        await using var publishChannel = await FanoutBroker.CreateConfirmingChannelAsync(connection, stopping);
        _processor = new BatchProcessor(database, client, publishChannel, queues, settings.MaxAttempts, settings.RetryDelay, log);

        // 3. Consume until stopped. Each round opens a channel to consume on; pausing closes it,
        //    which hands every unacknowledged batch back to the queue at once.
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await WaitForDatabaseAsync(stopping);
                _pauseRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _paused = false;
                var channel = await StartConsumingAsync(connection, queues, stopping);
                try
                {
                    await _pauseRequested.Task.WaitAsync(stopping);
                    log.WriteLine($"{_name}: paused: the database is unavailable");
                }
                finally
                {
                    await StopConsumingAsync(channel);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping (Ctrl+C, SIGTERM): the batch in hand was finished, the rest handed back.
        }

        log.WriteLine($"{_name}: stopped");
    }

    /// <summary>Opens a channel, declares the queues, sets the prefetch and starts the consumer; retries while the broker is away.</summary>
    private async Task<IChannel> StartConsumingAsync(IConnection connection, FanoutQueues queues, CancellationToken stopping)
    {
        while (true)
        {
            IChannel? channel = null;
            try
            {
                channel = await connection.CreateChannelAsync(cancellationToken: stopping);
                await FanoutBroker.DeclareAsync(channel, queues, stopping);

                // Prefetch: how many unacknowledged batches the broker hands this worker at once.
                // It bounds what a crash can leave half-done, and so the duplicates after one.
                await channel.BasicQosAsync(0, settings.Prefetch, global: false, stopping);
                var consumer = new AsyncEventingBasicConsumer(channel);
                consumer.ReceivedAsync += (_, delivery) => HandleAsync(channel, delivery);
                await channel.BasicConsumeAsync(queues.Work, autoAck: false, consumer, stopping);
                log.WriteLine($"{_name}: consuming {queues.Work} (prefetch {settings.Prefetch})");
                return channel;
            }
            catch (Exception ex) when (FanoutBroker.IsConnectionFailure(ex) && !stopping.IsCancellationRequested)
            {
                log.WriteLine($"{_name}: cannot consume yet ({ex.GetType().Name}); trying again in 2 s");
                if (channel is not null)
                {
                    await channel.DisposeAsync();
                }

                await Task.Delay(TimeSpan.FromSeconds(2), stopping);
            }
        }
    }

    /// <summary>Lets the batch in hand finish, then closes the channel: the broker requeues every batch it still holds for this worker.</summary>
    private async Task StopConsumingAsync(IChannel channel)
    {
        _paused = true;
        await _busy.WaitAsync(CancellationToken.None);
        _busy.Release();
        try
        {
            await channel.CloseAsync();
        }
        catch (Exception ex) when (FanoutBroker.IsConnectionFailure(ex))
        {
            // The connection is gone, and the channel with it.
        }

        await channel.DisposeAsync();
    }

    private async Task HandleAsync(IChannel channel, BasicDeliverEventArgs delivery)
    {
        var label = $"{_name}: batch {Interlocked.Increment(ref _received)}";
        var generation = Volatile.Read(ref _connectionGeneration);
        await _busy.WaitAsync(CancellationToken.None);
        try
        {
            if (_paused)
            {
                // Delivered while consuming stops: left unacknowledged, so closing the channel hands it back.
                return;
            }

            BatchDisposition disposition;
            if (!BatchMessage.TryRead(delivery.Body.Span, out var batch, out var error))
            {
                log.WriteLine($"{label}: unreadable message ({error}); parked in {settings.Queues.Poison}");
                disposition = BatchDisposition.Unprocessable;
            }
            else
            {
                try
                {
                    disposition = await _processor!.ProcessAsync(batch, label);
                }
#pragma warning disable CA1031 // Whatever went wrong, the batch must not stay unacknowledged in this worker for good.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    log.WriteLine($"{label}: failed ({ex.GetType().Name}: {ex.Message}); parked in {settings.Queues.Poison}");
                    disposition = BatchDisposition.Unprocessable;
                }
            }

            if (disposition == BatchDisposition.DatabaseUnavailable)
            {
                // No nack: a requeued batch would come straight back to this consumer. Closing the
                // channel (StopConsumingAsync) hands it back together with the prefetched ones.
                log.WriteLine($"{label}: not acknowledged; handed back when consuming stops");
                _paused = true;
                _pauseRequested.TrySetResult();
                return;
            }

            await SettleAsync(channel, delivery.DeliveryTag, disposition, generation, label);
        }
        finally
        {
            _busy.Release();
        }
    }

    private async Task SettleAsync(IChannel channel, ulong deliveryTag, BatchDisposition disposition, int generation, string label)
    {
        if (generation != Volatile.Read(ref _connectionGeneration))
        {
            log.WriteLine($"{label}: not acknowledged: the connection that delivered it was lost, and the broker delivers it again");
            return;
        }

        try
        {
            switch (disposition)
            {
                case BatchDisposition.Recorded:
                    await channel.BasicAckAsync(deliveryTag, multiple: false);
                    log.WriteLine($"{label}: acked");
                    break;
                case BatchDisposition.Unprocessable:
                    // Dead-lettered to the poison queue (the work queue's x-dead-letter-routing-key).
                    await channel.BasicRejectAsync(deliveryTag, requeue: false);
                    break;
                default:
                    await channel.BasicNackAsync(deliveryTag, multiple: false, requeue: true);
                    log.WriteLine($"{label}: requeued");
                    break;
            }
        }
        catch (Exception ex) when (FanoutBroker.IsConnectionFailure(ex))
        {
            log.WriteLine($"{label}: not acknowledged ({ex.GetType().Name}): the broker delivers it again");
        }
    }

    private async Task WaitForDatabaseAsync(CancellationToken stopping)
    {
        var announced = false;
        while (!await database.IsAvailableAsync(stopping))
        {
            database.ForgetConnections();
            if (!announced)
            {
                log.WriteLine($"{_name}: database {database.Description} unavailable; waiting for it");
                announced = true;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), stopping);
        }

        if (announced)
        {
            log.WriteLine($"{_name}: database available again");
        }
    }
}
