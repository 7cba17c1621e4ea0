using System.Collections.Generic;
using System.Linq;

namespace Pushwright.Sample.Fanout.Tests.Support;

/// <summary>A broadcast's progress as the tables hold it.</summary>
internal sealed record BroadcastCounts(long Published, bool PublishingCompleted, IReadOnlyDictionary<string, long> ByState)
{
    public long Recorded => ByState.Values.Sum();

    /// <summary>Gets a value indicating whether every queued subscription has a final outcome.</summary>
    public bool IsComplete => PublishingCompleted && Recorded == Published && this["retrying"] == 0;

    public long this[string state] => ByState.GetValueOrDefault(state);

    public override string ToString() =>
        $"queued {Published}{(PublishingCompleted ? string.Empty : " (still queueing)")}, " + string.Join(", ", ByState.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"));
}
