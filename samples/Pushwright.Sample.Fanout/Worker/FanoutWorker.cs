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
/// requeues the batch in hand and stops consuming until the database answers again; when RabbitMQ
/// restarts, the client's automatic recovery reconnects and the broker redelivers what was not
/// acknowledged.
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

        // 2. RabbitMQ: one channel to consume, one with publisher confirms for the retry queue.
        await using var connection = await FanoutBroker.ConnectAsync(settings.RabbitMQ, _name, int.MaxValue, log, stopping);
        connection.ConnectionShutdownAsync += (_, e) =>
        {
            Interlocked.Increment(ref _connectionGeneration);
            log.WriteLine($"{_name}: RabbitMQ connection lost ({e.ReplyText}); reconnecting");
            return Task.CompletedTask;
        };
        connection.RecoverySucceededAsync += (_, _) =>
        {
            log.WriteLine($"{_name}: RabbitMQ connection recovered; consuming again");
            return Task.CompletedTask;
        };
        await using var channel = await connection.CreateChannelAsync(cancellationToken: stopping);
        await using var publishChannel = await FanoutBroker.CreateConfirmingChannelAsync(connection, stopping);
        await FanoutBroker.DeclareAsync(channel, queues, stopping);

        // 3. Prefetch: how many unacknowledged batches the broker hands this worker at once. It
        //    bounds what a crash can leave half-done, and so the duplicates after one.
        await channel.BasicQosAsync(0, settings.Prefetch, global: false, stopping);
        _processor = new BatchProcessor(database, client, publishChannel, queues, settings.MaxAttempts, settings.RetryDelay, log);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => HandleAsync(channel, delivery);

        // 4. Consume until stopped; pause while the database is down.
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await WaitForDatabaseAsync(stopping);
                _pauseRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _paused = false;
                var consumerTag = await ConsumeAsync(channel, consumer, queues.Work, stopping);
                log.WriteLine($"{_name}: consuming {queues.Work} (prefetch {settings.Prefetch})");
                try
                {
                    await _pauseRequested.Task.WaitAsync(stopping);
                    log.WriteLine($"{_name}: paused: the database is unavailable");
                }
                finally
                {
                    await CancelConsumerAsync(channel, consumerTag);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping (Ctrl+C, SIGTERM).
        }

        // 5. Let the batch in hand finish; closing the channel returns the prefetched ones to the queue.
        await _busy.WaitAsync(CancellationToken.None);
        log.WriteLine($"{_name}: stopped");
    }

    private async Task HandleAsync(IChannel channel, BasicDeliverEventArgs delivery)
    {
        var label = $"{_name}: batch {Interlocked.Increment(ref _received)}";
        var generation = Volatile.Read(ref _connectionGeneration);
        await _busy.WaitAsync(CancellationToken.None);
        try
        {
            BatchDisposition disposition;
            if (_paused)
            {
                // Prefetched before the pause: give it back untouched.
                disposition = BatchDisposition.Requeue;
            }
            else if (!BatchMessage.TryRead(delivery.Body.Span, out var batch, out var error))
            {
                log.WriteLine($"{label}: unreadable message ({error}); parked in {settings.Queues.Poison}");
                disposition = BatchDisposition.Unprocessable;
            }
            else
            {
                disposition = await _processor!.ProcessAsync(batch, label);
            }

            if (disposition == BatchDisposition.DatabaseUnavailable)
            {
                _paused = true;
                _pauseRequested.TrySetResult();
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

    private async Task<string> ConsumeAsync(IChannel channel, AsyncEventingBasicConsumer consumer, string queue, CancellationToken stopping)
    {
        while (true)
        {
            try
            {
                return await channel.BasicConsumeAsync(queue, autoAck: false, consumer, stopping);
            }
            catch (Exception ex) when (FanoutBroker.IsConnectionFailure(ex) && !stopping.IsCancellationRequested)
            {
                log.WriteLine($"{_name}: cannot consume yet ({ex.GetType().Name}); trying again in 2 s");
                await Task.Delay(TimeSpan.FromSeconds(2), stopping);
            }
        }
    }

    private async Task CancelConsumerAsync(IChannel channel, string consumerTag)
    {
        try
        {
            await channel.BasicCancelAsync(consumerTag, noWait: false, CancellationToken.None);
        }
        catch (Exception ex) when (FanoutBroker.IsConnectionFailure(ex))
        {
            // The connection is gone, and the consumer with it.
        }
    }
}
