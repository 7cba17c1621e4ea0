namespace Pushwright.Sample.Fanout;

/// <summary>The three queues of one fanout: work, retry (delayed, dead-letters back to work) and poison (parked messages).</summary>
internal sealed record FanoutQueues(string Work)
{
    /// <summary>Gets the queue where batches of retryable failures wait; expired messages go back to <see cref="Work"/>.</summary>
    public string Retry => Work + ".retry";

    /// <summary>Gets the queue where messages nobody can process are parked for an operator.</summary>
    public string Poison => Work + ".poison";
}
