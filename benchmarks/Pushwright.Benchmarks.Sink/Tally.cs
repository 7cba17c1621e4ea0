using System;
using System.Globalization;
using System.Threading;

namespace Pushwright.Benchmarks.Sink;

/// <summary>
/// What the sink received since the last reset: every request, and one bit per id 1..capacity
/// (125 KB for a million), so a duplicate or a missing id shows without keeping a set of ids.
/// Thread-safe: Kestrel records from several threads at once.
/// </summary>
internal sealed class Tally
{
    private const string Prefix = "/wp/";
    private readonly long _capacity;
    private readonly long[] _bits;
    private long _requests;
    private long _distinct;
    private long _duplicates;
    private long _outOfRange;
    private long _idSum;

    public Tally(long capacity)
    {
        _capacity = capacity;
        _bits = new long[(capacity / 64) + 1];
    }

    /// <summary>Counts one request to <paramref name="path"/> (/wp/&lt;id&gt;/&lt;token&gt;).</summary>
    public void Record(string? path)
    {
        Interlocked.Increment(ref _requests);
        if (!TryParseId(path, out var id) || id < 1 || id > _capacity)
        {
            Interlocked.Increment(ref _outOfRange);
            return;
        }

        Interlocked.Add(ref _idSum, id);
        var mask = 1L << (int)(id & 63);
        var before = Interlocked.Or(ref _bits[id >> 6], mask);
        Interlocked.Increment(ref (before & mask) != 0 ? ref _duplicates : ref _distinct);
    }

    /// <summary>The counts, as key=value pairs on one line.</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"requests={Volatile.Read(ref _requests)} distinct={Volatile.Read(ref _distinct)} duplicates={Volatile.Read(ref _duplicates)} outOfRange={Volatile.Read(ref _outOfRange)} idSum={Volatile.Read(ref _idSum)}");

    private static bool TryParseId(string? path, out long id)
    {
        id = 0;
        if (path is null || !path.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = path.AsSpan(Prefix.Length);
        var end = rest.IndexOf('/');
        return long.TryParse(end < 0 ? rest : rest[..end], NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }
}
