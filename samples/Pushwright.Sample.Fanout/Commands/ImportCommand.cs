using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Pushwright.Sample.Fanout.Data;

namespace Pushwright.Sample.Fanout.Commands;

/// <summary>
/// <c>fanout import [FILE]</c>: stores subscriptions, one browser <c>PushSubscription</c> JSON per
/// line (from FILE, or standard input). Lines that are not subscriptions are reported and skipped.
/// </summary>
internal static class ImportCommand
{
    public static async Task<int> RunAsync(string[] args, FanoutSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        using var input = args switch
        {
            [] => Console.In,
            [var path] => new StreamReader(path),
            _ => throw new UsageException("import takes at most one file."),
        };
        await using var database = new FanoutDatabase(settings.Postgres);
        await database.EnsureSchemaAsync(cancellationToken);
        var stored = 0;
        var skipped = 0;
        var lineNumber = 0;
        while (await input.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (!PushSubscription.TryParse(line, out var subscription, out var error))
            {
                output.WriteLine($"line {lineNumber}: skipped, not a subscription: {error}");
                skipped++;
                continue;
            }

            await database.UpsertSubscriptionAsync(subscription, cancellationToken);
            stored++;
        }

        output.WriteLine($"imported {stored} subscriptions ({skipped} lines skipped)");
        return skipped == 0 ? 0 : 1;
    }
}
