using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace Pushwright.Sample.Fanout.Tests.Support;

/// <summary>Reads what a worker printed about its batches ("batch 7: ... sending 480", "batch 7: recorded ...").</summary>
internal static partial class WorkerLog
{
    /// <summary>
    /// The sends of batches that the worker started and never recorded: what a crash can make it
    /// send twice (a recorded batch is skipped when it comes back).
    /// </summary>
    public static int UnrecordedSends(string output)
    {
        var sending = new Dictionary<int, int>();
        foreach (Match match in Sending().Matches(output))
        {
            sending[Number(match, 1)] = Number(match, 2);
        }

        foreach (Match match in Recorded().Matches(output))
        {
            sending.Remove(Number(match, 1));
        }

        return sending.Values.Sum();
    }

    /// <summary>Whether the worker's last batch line says it is sending <paramref name="sends"/> messages (and nothing after).</summary>
    public static bool IsSending(string output, out int batch, out int sends)
    {
        var last = BatchLine().Matches(output).LastOrDefault();
        var sending = last is null ? null : Sending().Match(last.Value);
        batch = sending is { Success: true } ? Number(sending, 1) : 0;
        sends = sending is { Success: true } ? Number(sending, 2) : 0;
        return batch > 0;
    }

    /// <summary>Counts the lines that contain <paramref name="text"/>.</summary>
    public static int CountLines(string output, string text) =>
        output.Split('\n').Count(line => line.Contains(text, System.StringComparison.Ordinal));

    private static int Number(Match match, int group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"batch (\d+): broadcast \S+ attempt \d+: \d+ ids, \d+ done before, sending (\d+)$", RegexOptions.Multiline)]
    private static partial Regex Sending();

    [GeneratedRegex(@"batch (\d+): recorded ", RegexOptions.Multiline)]
    private static partial Regex Recorded();

    [GeneratedRegex(@"^.*batch \d+: .*$", RegexOptions.Multiline)]
    private static partial Regex BatchLine();
}
