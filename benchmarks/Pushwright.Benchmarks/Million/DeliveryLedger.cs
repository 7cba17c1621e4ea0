using System;
using System.Globalization;

namespace Pushwright.Benchmarks.Million;

/// <summary>
/// The sender's proof of exactly one result per subscription, without a set of ids: one bit per
/// id 1..n (125 KB for a million), the count of results, and the sum of the ids, which must be
/// n(n+1)/2. The id is read back from the result's endpoint (<c>origin/wp/&lt;id&gt;/…</c>).
/// Not thread-safe: the one loop that reads the results records them.
/// </summary>
internal sealed class DeliveryLedger
{
    private readonly long _count;
    private readonly int _idOffset;
    private readonly ulong[] _bits;

    public DeliveryLedger(long count, string origin)
    {
        _count = count;
        _idOffset = origin.Length + "/wp/".Length;
        _bits = new ulong[(count / 64) + 1];
    }

    public long Results { get; private set; }

    public long Distinct { get; private set; }

    public long Duplicates { get; private set; }

    public long OutOfRange { get; private set; }

    public long IdSum { get; private set; }

    public long Delivered { get; private set; }

    /// <summary>Gets the first result that was not a delivery, for the report.</summary>
    public string? FirstFailure { get; private set; }

    public long ExpectedIdSum => _count * (_count + 1) / 2;

    public void Record(PushResult result)
    {
        Results++;
        if (result.IsDelivered)
        {
            Delivered++;
        }
        else
        {
            FirstFailure ??= result.ToString();
        }

        var endpoint = result.Subscription.Endpoint.OriginalString.AsSpan(_idOffset);
        var end = endpoint.IndexOf('/');
        if (end < 0 || !long.TryParse(endpoint[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1 || id > _count)
        {
            OutOfRange++;
            return;
        }

        IdSum += id;
        ref var word = ref _bits[id >> 6];
        var mask = 1UL << (int)(id & 63);
        if ((word & mask) != 0)
        {
            Duplicates++;
        }
        else
        {
            word |= mask;
            Distinct++;
        }
    }

    /// <summary>True when every subscription has exactly one result and every result is a delivery.</summary>
    public bool IsExactlyOnce =>
        Results == _count && Distinct == _count && Duplicates == 0 && OutOfRange == 0 && IdSum == ExpectedIdSum && Delivered == _count;

    /// <summary>True when the sink, too, saw each id exactly once.</summary>
    public bool Agrees(SinkStats sink) =>
        sink.Requests == _count && sink.Distinct == _count && sink.Duplicates == 0 && sink.OutOfRange == 0 && sink.IdSum == ExpectedIdSum;
}
