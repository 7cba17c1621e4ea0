using System;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Linq;

namespace Pushwright.Benchmarks.Million;

/// <summary>
/// An in-process allocation profile: the runtime's AllocationTick event fires about once per
/// 100 KB allocated and names the type of the object that crossed the mark, so the bytes of
/// those events, summed by type, show where a phase's allocations go. Used by
/// <c>million --allocations</c> only, because listening costs CPU time of its own.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, long> _bytesByType = new(StringComparer.Ordinal);

    /// <summary>The heaviest types, each with its share of the sampled bytes.</summary>
    public IReadOnlyList<(string Type, long Bytes, double Share)> Top(int count)
    {
        lock (_bytesByType)
        {
            var total = (double)_bytesByType.Values.Sum();
            return _bytesByType.OrderByDescending(pair => pair.Value).Take(count)
                .Select(pair => (pair.Key, pair.Value, pair.Value / total)).ToList();
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        // The base constructor reports existing sources before this class's fields are set.
        if (_bytesByType is null || eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.PayloadNames is null)
        {
            return;
        }

        var type = eventData.Payload![eventData.PayloadNames.IndexOf("TypeName")] as string ?? "?";
        var amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount64");
        var bytes = Convert.ToInt64(eventData.Payload[amountIndex >= 0 ? amountIndex : eventData.PayloadNames.IndexOf("AllocationAmount")], System.Globalization.CultureInfo.InvariantCulture);
        lock (_bytesByType)
        {
            _bytesByType[type] = _bytesByType.GetValueOrDefault(type) + bytes;
        }
    }
}
