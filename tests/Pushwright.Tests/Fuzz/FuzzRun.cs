using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Pushwright.Tests.Fuzz;

/// <summary>
/// One fuzz target's run: its seeded <see cref="Random"/>, the input it is on (for the failure
/// message), and its counts.
/// </summary>
/// <remarks>
/// One seed per test process, fresh each run from <see cref="RandomNumberGenerator"/>, or pinned
/// with <c>PUSHWRIGHT_FUZZ_SEED</c>. Every target draws from its own generator, made from the seed
/// and the target's name, so a pinned seed repeats each target's inputs whatever runs beside it.
/// <c>PUSHWRIGHT_FUZZ_ITERATIONS</c> sets the inputs per target (10,000 by default).
/// The seed is in every failure message and in the test output; when <c>PUSHWRIGHT_FUZZ_REPORT</c>
/// names a file (CI sets it and prints the file), the seed is written there before the first input
/// and each target's counts after its last, so even a crashed test host leaves its seed behind.
/// </remarks>
internal sealed class FuzzRun
{
    public const string SeedVariable = "PUSHWRIGHT_FUZZ_SEED";
    public const string InputsVariable = "PUSHWRIGHT_FUZZ_ITERATIONS";
    public const string ReportVariable = "PUSHWRIGHT_FUZZ_REPORT";

    private static readonly Lazy<int> s_seed = new(ReadSeed, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lock s_reportLock = new();

    private readonly string _target;
    private readonly SortedDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private int _index = -1;
    private string _how = "before the first input";
    private string _input = string.Empty;

    private FuzzRun(string target)
    {
        _target = target;
        Random = new Random(unchecked((Seed * 31) + StableHash(target)));
    }

    /// <summary>Gets this process's seed.</summary>
    public static int Seed => s_seed.Value;

    /// <summary>Gets the number of inputs each target tries.</summary>
    public static int Inputs { get; } = ReadInputs();

    /// <summary>Gets this target's generator; every choice of every input comes from it.</summary>
    public Random Random { get; }

    /// <summary>Gets where the run is, for assertion messages: the seed, the target, the input and how it was made.</summary>
    public string Where => string.Format(
        CultureInfo.InvariantCulture,
        "fuzz seed {0} ({1}={0} repeats it), {2}, input #{3} ({4}): {5}",
        Seed,
        SeedVariable,
        _target,
        _index,
        _how,
        _input);

    /// <summary>Runs <paramref name="fuzz"/> for <paramref name="target"/>, failing with the current input if it hangs.</summary>
    public static async Task RunAsync(ITestOutputHelper output, string target, Action<FuzzRun> fuzz)
    {
        var run = new FuzzRun(target);
        output.WriteLine($"fuzz seed {Seed} ({SeedVariable}={Seed} repeats it), {target}, {Inputs} inputs");
        var work = Task.Run(() =>
        {
            try
            {
                fuzz(run);
            }
            catch (Exception ex) when (ex is not XunitException)
            {
                // Anything the checks did not expect still names the seed and the input.
                throw new XunitException($"Unexpected {ex.GetType().Name}: {ex.Message}; {run.Where}", ex);
            }
        });
        try
        {
            await work.WaitAsync(HangLimit);
        }
        catch (TimeoutException)
        {
            throw new XunitException($"Hung: still running after {HangLimit.TotalMinutes} minutes; {run.Where}");
        }

        var summary = $"fuzz {AssemblyName} {target}: seed {Seed}, {Inputs} inputs; "
            + string.Join(", ", run._counts.Select(c => c.Key + " " + c.Value.ToString(CultureInfo.InvariantCulture)));
        output.WriteLine(summary);
        Report(summary);
    }

    /// <summary>Starts input <paramref name="index"/>, made as <paramref name="how"/> says.</summary>
    public void Begin(int index, string how, string input)
    {
        _index = index;
        _how = how;
        _input = input;
    }

    /// <inheritdoc cref="Begin(int, string, string)"/>
    public void Begin(int index, string how, ReadOnlySpan<byte> input) => Begin(index, how, Show(input));

    /// <summary>Counts one input of kind <paramref name="what"/> for the summary.</summary>
    public void Count(string what) => _counts[what] = Counted(what) + 1;

    /// <summary>
    /// Fails unless more than <paramref name="share"/> of the inputs were of kind <paramref name="what"/>:
    /// a generator that drifted into making only harmless inputs would pass every other check.
    /// Skipped below 1,000 inputs, where chance decides.
    /// </summary>
    public void ExpectMostly(string what, double share)
    {
        if (Inputs >= 1_000)
        {
            Counted(what).Should().BeGreaterThan((int)(Inputs * share), "the generator must keep making \"{0}\" inputs; {1}", what, Where);
        }
    }

    /// <summary>Gets how many inputs of kind <paramref name="what"/> were counted.</summary>
    public int Counted(string what) => _counts.TryGetValue(what, out var n) ? n : 0;

    /// <summary>Text made printable and short enough for a message: controls, surrogates and non-ASCII as \uXXXX.</summary>
    public static string Show(string text)
    {
        const int Head = 240;
        const int Tail = 60;
        var shown = text.Length <= Head + Tail ? text : text.Substring(0, Head) + "\u2026" + text.Substring(text.Length - Tail);
        var builder = new StringBuilder(shown.Length + 16).Append('"');
        foreach (var c in shown)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\').Append(c);
            }
            else if (c is (>= ' ' and <= '~') or '\u2026')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }

        builder.Append('"');
        return text.Length == shown.Length ? builder.ToString() : builder.Append(" (").Append(text.Length).Append(" chars)").ToString();
    }

    /// <summary>Bytes as hex, cut short like <see cref="Show(string)"/>.</summary>
    public static string Show(ReadOnlySpan<byte> bytes)
    {
        const int Shown = 160;
        var hex = Convert.ToHexString(bytes.Length <= Shown ? bytes : bytes.Slice(0, Shown));
        return bytes.Length <= Shown ? hex : hex + "\u2026 (" + bytes.Length + " bytes)";
    }

    /// <summary>Gets how long one target may run before it counts as hung: far above what any run needs, and more for longer runs.</summary>
    private static TimeSpan HangLimit => TimeSpan.FromMinutes(3 * Math.Max(1.0, Inputs / 10_000.0));

    private static string AssemblyName => typeof(FuzzRun).Assembly.GetName().Name!;

    private static int ReadSeed()
    {
        var pinned = Environment.GetEnvironmentVariable(SeedVariable);
        var seed = string.IsNullOrEmpty(pinned)
            ? RandomNumberGenerator.GetInt32(int.MaxValue)
            : int.TryParse(pinned, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new InvalidOperationException($"{SeedVariable} must be an integer; got \"{pinned}\".");
        Report($"fuzz seed {seed} for {AssemblyName} ({(string.IsNullOrEmpty(pinned) ? "fresh" : "pinned")}; {SeedVariable}={seed} repeats it)");
        return seed;
    }

    private static int ReadInputs()
    {
        var text = Environment.GetEnvironmentVariable(InputsVariable);
        return string.IsNullOrEmpty(text) ? 10_000
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value
            : throw new InvalidOperationException($"{InputsVariable} must be a positive integer; got \"{text}\".");
    }

    /// <summary>Appends a line to the report file CI prints, when there is one.</summary>
    private static void Report(string line)
    {
        var path = Environment.GetEnvironmentVariable(ReportVariable);
        if (string.IsNullOrEmpty(path))
        {
            return;
        }

        lock (s_reportLock)
        {
            File.AppendAllText(path, line + "\n");
        }
    }

    /// <summary>FNV-1a of the name: string.GetHashCode differs per process, and the seed must repeat.</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return unchecked((int)hash);
    }
}
