using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;

namespace Pushwright.Benchmarks.Million;

/// <summary>The arguments of <c>million</c>.</summary>
internal sealed record MillionOptions(long Count, int Concurrency, int PayloadBytes, int ReferenceCount, string DatabasePath, bool Allocations)
{
    public const string Usage = """
        usage: million [--count N] [--concurrency N] [--payload BYTES] [--reference-count N] [--db PATH] [--allocations]
          --count            subscriptions in the broadcast (default 1000000)
          --concurrency      WebPushClientOptions.MaxConcurrency, and the transport reference's (default 64)
          --payload          plaintext bytes per message (default 100)
          --reference-count  messages per reference measurement, at most --count (default 20000)
          --db               the SQLite file, built once and reused (default: <temp>/pushwright-million/subscriptions.db)
          --allocations      also sample the broadcast's allocations by type (costs CPU: not for the CPU figures)
        """;

    public static bool TryParse(string[] args, [NotNullWhen(true)] out MillionOptions? options, [NotNullWhen(false)] out string? problem)
    {
        long count = 1_000_000;
        var concurrency = 64;
        var payload = 100;
        var referenceCount = 20_000;
        var database = Path.Combine(Path.GetTempPath(), "pushwright-million", "subscriptions.db");
        var allocations = false;
        options = null;
        problem = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--allocations")
            {
                allocations = true;
                continue;
            }

            var value = i + 1 < args.Length ? args[i + 1] : null;
            var ok = args[i] switch
            {
                "--count" => long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count > 0,
                "--concurrency" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out concurrency) && concurrency is >= 1 and <= 1024,
                "--payload" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out payload) && payload is >= 0 and <= 3993,
                "--reference-count" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out referenceCount) && referenceCount > 0,
                "--db" => value is not null && (database = value).Length > 0,
                _ => false,
            };
            if (!ok)
            {
                problem = $"million: '{args[i]}' {(value is null ? "needs a value" : $"does not take '{value}'")} or is not an option";
                return false;
            }

            i++;
        }

        options = new MillionOptions(count, concurrency, payload, (int)Math.Min(referenceCount, count), database, allocations);
        return true;
    }
}
