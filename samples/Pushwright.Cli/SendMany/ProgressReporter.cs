using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Pushwright.Cli.SendMany;

/// <summary>
/// Progress on standard error while <c>send-many</c> runs: on a terminal a live line redrawn four
/// times a second; otherwise one plain line every few seconds. Standard output is never touched.
/// </summary>
internal sealed class ProgressReporter : IAsyncDisposable
{
    private static readonly TimeSpan s_terminalInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan s_plainInterval = TimeSpan.FromSeconds(3);

    private readonly Tally _tally;
    private readonly Func<long?> _total;
    private readonly StatusConsole _console;
    private readonly TimeProvider _timeProvider;
    private readonly long _started;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private ProgressReporter(Tally tally, Func<long?> total, StatusConsole console, TimeProvider timeProvider)
    {
        _tally = tally;
        _total = total;
        _console = console;
        _timeProvider = timeProvider;
        _started = timeProvider.GetTimestamp();
        _loop = RunAsync();
    }

    /// <summary>Starts reporting. <paramref name="total"/> gives the number of input entries once it is known.</summary>
    public static ProgressReporter Start(Tally tally, Func<long?> total, StatusConsole console, TimeProvider timeProvider) =>
        new(tally, total, console, timeProvider);

    /// <summary>Formats one progress line: done/total, rate, ETA and the count of each outcome seen.</summary>
    public static string Format(TallySnapshot snapshot, long? total, TimeSpan elapsed)
    {
        var done = snapshot.Done;
        var rate = elapsed.TotalSeconds > 0 ? done / elapsed.TotalSeconds : 0;
        var text = total is { } all
            ? $"{done}/{all} done ({(all == 0 ? 100 : 100 * done / all)}%)"
            : $"{done} done";
        text += $", {rate.ToString("0", CultureInfo.InvariantCulture)} msg/s";
        if (total is { } known && rate > 0 && known > done)
        {
            text += ", ETA " + Duration(TimeSpan.FromSeconds((known - done) / rate));
        }

        var counts = Tally.Names.Select((name, i) => (name, count: snapshot.Counts[i])).Where(c => c.count > 0).Select(c => $"{c.name} {c.count}");
        return text + "; " + string.Join(", ", counts.DefaultIfEmpty("nothing yet"));
    }

    /// <summary>Formats a duration as 1:02:03, 2:03 or 3.4 s.</summary>
    public static string Duration(TimeSpan duration) => duration.TotalSeconds switch
    {
        < 60 => duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s",
        < 3600 => duration.ToString(@"m\:ss", CultureInfo.InvariantCulture),
        _ => ((long)duration.TotalHours).ToString(CultureInfo.InvariantCulture) + duration.ToString(@"\:mm\:ss", CultureInfo.InvariantCulture),
    };

    /// <summary>Stops reporting and removes the live line.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _console.ClearLive();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(_console.IsTerminal ? s_terminalInterval : s_plainInterval, _timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var line = Format(_tally.Snapshot(), _total(), _timeProvider.GetElapsedTime(_started));
                _console.ShowLive(_console.IsTerminal ? line : "webpush: " + line);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }
}
