using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pushwright.Cli.SendMany;

/// <summary>The end of a <c>send-many</c> run: a table on standard error, and with <c>--json</c> one object on standard output.</summary>
/// <param name="Counts">The final counts.</param>
/// <param name="Elapsed">The wall time of the run.</param>
/// <param name="Cancelled">Whether Ctrl+C stopped it.</param>
/// <param name="ExitCode">The exit code of the run.</param>
internal sealed record RunSummary(TallySnapshot Counts, TimeSpan Elapsed, bool Cancelled, int ExitCode)
{
    /// <summary>The most hosts listed in the table; the JSON lists them all.</summary>
    private const int MaxHostRows = 20;

    private static readonly JsonWriterOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private double Rate => Elapsed.TotalSeconds > 0 ? Counts.Sent / Elapsed.TotalSeconds : 0;

    /// <summary>Writes the table: the counts of each outcome, of each push service by category, the wall time and rate, and what the exit code means.</summary>
    public void WriteTable(TextWriter error)
    {
        error.WriteLine();
        error.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"webpush send-many: {Counts.Done} subscriptions, {Counts.Sent} sent in {ProgressReporter.Duration(Elapsed)} ({Rate:0} msg/s){(Cancelled ? ", stopped by Ctrl+C" : string.Empty)}."));
        error.WriteLine();
        error.WriteLine($"  {"outcome",-18} {"count",10}  exit code");
        for (var i = 0; i < Tally.Names.Count; i++)
        {
            if (Counts.Counts[i] > 0 || Tally.Names[i] == nameof(PushOutcome.Delivered))
            {
                var exitCode = Tally.Names[i] == Tally.Cancelled ? ExitCodes.Cancelled : Tally.ExitCodesOf[i];
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Tally.Names[i],-18} {Counts.Counts[i],10}  {exitCode}"));
            }
        }

        if (Counts.Hosts.Count > 0)
        {
            error.WriteLine();
            var width = Math.Max(12, Counts.Hosts.Take(MaxHostRows).Max(h => h.Key.Length));
            error.WriteLine($"  {"push service".PadRight(width)} {"sent",10} {"delivered",10} {"gone",10} {"retry later",12} {"failed",10}");
            foreach (var (host, counts) in Counts.Hosts.Take(MaxHostRows))
            {
                var byCategory = Categories(counts);
                error.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  {host.PadRight(width)} {counts.Sum(),10} {byCategory[ExitCodes.Success],10} {byCategory[ExitCodes.SubscriptionGone],10} {byCategory[ExitCodes.RetryLater],12} {byCategory[ExitCodes.Failure],10}"));
            }

            if (Counts.Hosts.Count > MaxHostRows)
            {
                error.WriteLine($"  ... and {Counts.Hosts.Count - MaxHostRows} more hosts (all of them in --json)");
            }
        }

        error.WriteLine();
        error.WriteLine(Meaning());
    }

    /// <summary>Writes the summary as one JSON object on one line.</summary>
    public void WriteJson(TextWriter output)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, s_json))
        {
            writer.WriteStartObject();
            writer.WriteNumber("subscriptions", Counts.Done);
            writer.WriteNumber("sent", Counts.Sent);
            writer.WriteNumber("elapsedSeconds", Math.Round(Elapsed.TotalSeconds, 3));
            writer.WriteNumber("messagesPerSecond", Math.Round(Rate, 1));
            writer.WriteBoolean("cancelled", Cancelled);
            writer.WriteNumber("exitCode", ExitCode);
            writer.WriteStartObject("outcomes");
            for (var i = 0; i < Tally.Names.Count; i++)
            {
                writer.WriteNumber(Tally.Names[i], Counts.Counts[i]);
            }

            writer.WriteEndObject();
            writer.WriteStartObject("hosts");
            foreach (var (host, counts) in Counts.Hosts)
            {
                writer.WriteStartObject(host);
                writer.WriteNumber("sent", counts.Sum());
                for (var i = 0; i < Tally.Names.Count; i++)
                {
                    if (counts[i] > 0)
                    {
                        writer.WriteNumber(Tally.Names[i], counts[i]);
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private static Dictionary<int, long> Categories(long[] counts)
    {
        var byCategory = new Dictionary<int, long> { [ExitCodes.Success] = 0, [ExitCodes.SubscriptionGone] = 0, [ExitCodes.RetryLater] = 0, [ExitCodes.Failure] = 0 };
        for (var i = 0; i < counts.Length; i++)
        {
            byCategory[Tally.ExitCodesOf[i]] += counts[i];
        }

        return byCategory;
    }

    private string Meaning()
    {
        var byCategory = Categories(Counts.Counts);
        var invalid = Counts.Count(Tally.Invalid);
        var cancelled = Counts.Count(Tally.Cancelled);
        var headline = ExitCode switch
        {
            ExitCodes.Cancelled => "stopped by Ctrl+C",
            ExitCodes.Failure => "a permanent failure is present",
            ExitCodes.RetryLater => "some messages may succeed later",
            ExitCodes.SubscriptionGone => "some subscriptions are gone",
            _ => Counts.Done == 0 ? "the input held no subscriptions" : "every message was delivered",
        };
        var lines = new List<string> { $"Exit code {ExitCode}: {headline}." };
        if (cancelled > 0)
        {
            lines.Add($"  no result yet:      {cancelled} (\"Cancelled\" in the report: the push service may have them); the input after them was not read");
        }

        if (byCategory[ExitCodes.Failure] > 0)
        {
            var refused = byCategory[ExitCodes.Failure] - invalid;
            lines.Add($"  fail if resent:     {byCategory[ExitCodes.Failure]} ({refused} refused: 400, 401/403, 413 or by this process; {invalid} invalid in the input)");
        }

        if (byCategory[ExitCodes.RetryLater] - cancelled > 0)
        {
            lines.Add($"  may succeed later:  {byCategory[ExitCodes.RetryLater] - cancelled} (429, 5xx, no reply): resend the entries with \"retryable\": true in the report");
        }

        if (byCategory[ExitCodes.SubscriptionGone] > 0)
        {
            lines.Add($"  gone:               {byCategory[ExitCodes.SubscriptionGone]} (404/410 or expired): delete them from your store");
        }

        return string.Join(Environment.NewLine, lines);
    }
}
