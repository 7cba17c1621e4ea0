using System;
using System.Collections.Generic;
using System.Linq;

namespace Pushwright.Cli.SendMany;

/// <summary>
/// The counts of a <c>send-many</c> run, per outcome and per push-service host, safe to update from
/// the sending and the reading threads. Besides the <see cref="PushOutcome"/> values there are two
/// of the tool's own: <see cref="Invalid"/> (an input entry that is not a subscription) and
/// <see cref="Cancelled"/> (sent, but Ctrl+C came before its reply).
/// </summary>
internal sealed class Tally
{
    /// <summary>The name of the outcome of an input entry that is not a subscription.</summary>
    public const string Invalid = "Invalid";

    /// <summary>The name of the outcome of a send that Ctrl+C interrupted before its reply.</summary>
    public const string Cancelled = "Cancelled";

    /// <summary>The most hosts counted one by one; the rest are counted together, so hostile input cannot grow this without bound.</summary>
    public const int MaxHosts = 1000;

    /// <summary>The name under which the hosts past <see cref="MaxHosts"/> are counted.</summary>
    public const string OtherHosts = "(other hosts)";

    private static readonly PushOutcome[] s_pushOutcomes = Enum.GetValues<PushOutcome>();

    private readonly object _lock = new();
    private readonly long[] _counts = new long[Names.Count];
    private readonly Dictionary<string, long[]> _hosts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets the names of every outcome, in a fixed order: the library's, then <see cref="Invalid"/> and <see cref="Cancelled"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. s_pushOutcomes.Select(o => o.ToString()), Invalid, Cancelled];

    /// <summary>Gets the exit code that stands for each outcome of <see cref="Names"/>.</summary>
    public static IReadOnlyList<int> ExitCodesOf { get; } = [.. s_pushOutcomes.Select(ExitCodes.For), ExitCodes.Failure, ExitCodes.RetryLater];

    /// <summary>Counts one result.</summary>
    public void Add(PushResult result) => Add(Array.IndexOf(s_pushOutcomes, result.Outcome), result.Subscription.Endpoint.Host);

    /// <summary>Counts one input entry that is not a subscription.</summary>
    public void AddInvalid() => Add(Names.Count - 2, host: null);

    /// <summary>Counts one send interrupted by Ctrl+C.</summary>
    public void AddCancelled(string host) => Add(Names.Count - 1, host);

    /// <summary>Returns a consistent copy of the counts.</summary>
    public TallySnapshot Snapshot()
    {
        lock (_lock)
        {
            var hosts = _hosts
                .Select(h => new KeyValuePair<string, long[]>(h.Key, (long[])h.Value.Clone()))
                .OrderByDescending(h => h.Value.Sum())
                .ThenBy(h => h.Key, StringComparer.Ordinal)
                .ToArray();
            return new TallySnapshot((long[])_counts.Clone(), hosts);
        }
    }

    private void Add(int slot, string? host)
    {
        lock (_lock)
        {
            _counts[slot]++;
            if (host is null)
            {
                return;
            }

            if (!_hosts.TryGetValue(host, out var counts))
            {
                if (_hosts.Count < MaxHosts)
                {
                    counts = _hosts[host] = new long[Names.Count];
                }
                else if (!_hosts.TryGetValue(OtherHosts, out counts))
                {
                    counts = _hosts[OtherHosts] = new long[Names.Count];
                }
            }

            counts[slot]++;
        }
    }
}
