using System.Collections.Generic;
using System.Linq;

namespace Pushwright.Cli.SendMany;

/// <summary>The counts of a <see cref="Tally"/> at one moment.</summary>
/// <param name="Counts">The count of each outcome, in the order of <see cref="Tally.Names"/>.</param>
/// <param name="Hosts">The counts of each push-service host, most messages first.</param>
internal sealed record TallySnapshot(long[] Counts, IReadOnlyList<KeyValuePair<string, long[]>> Hosts)
{
    /// <summary>Gets how many input entries are done: every outcome counted.</summary>
    public long Done => Counts.Sum();

    /// <summary>Gets how many messages were sent or refused: every outcome but <see cref="Tally.Invalid"/>.</summary>
    public long Sent => Done - Count(Tally.Invalid);

    /// <summary>Returns the count of one outcome by name.</summary>
    public long Count(string outcome) => Counts[IndexOf(outcome)];

    /// <summary>Returns the most severe exit code among the outcomes present (<see cref="ExitCodes.Success"/> when none).</summary>
    public int ExitCode()
    {
        var exitCode = ExitCodes.Success;
        for (var i = 0; i < Counts.Length; i++)
        {
            if (Counts[i] > 0 && Tally.Names[i] != Tally.Cancelled)
            {
                exitCode = ExitCodes.MostSevere(exitCode, Tally.ExitCodesOf[i]);
            }
        }

        return exitCode;
    }

    private static int IndexOf(string outcome)
    {
        for (var i = 0; i < Tally.Names.Count; i++)
        {
            if (Tally.Names[i] == outcome)
            {
                return i;
            }
        }

        return -1;
    }
}
