namespace Pushwright.Sample.Fanout.Worker;

/// <summary>What the worker does with a batch's RabbitMQ message once the batch is processed.</summary>
internal enum BatchDisposition
{
    /// <summary>Every outcome is committed: acknowledge.</summary>
    Recorded,

    /// <summary>Outcomes could not be committed, or a retry could not be queued: requeue, and the batch is done again (what was recorded is skipped).</summary>
    Requeue,

    /// <summary>The database is down: requeue, and stop consuming until it is back.</summary>
    DatabaseUnavailable,

    /// <summary>The message can never be processed (its broadcast does not exist): reject it into the poison queue.</summary>
    Unprocessable,
}
