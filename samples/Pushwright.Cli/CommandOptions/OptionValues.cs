using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.IO;

namespace Pushwright.Cli.CommandOptions;

/// <summary>Small helpers shared by the option groups: switches, environment fallbacks, custom parsers and file reads.</summary>
internal static class OptionValues
{
    /// <summary>An option that takes no value (<c>--json</c>); <c>--json=yes</c> is a usage error.</summary>
    public static Option<bool> Switch(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>An option with one string value, shown in help as <c>--name &lt;helpName&gt;</c>.</summary>
    public static Option<string> Text(string name, string helpName, string description) =>
        new(name) { Description = description, HelpName = helpName };

    /// <summary>Returns whether the option was given on the command line.</summary>
    public static bool Has(this ParseResult parseResult, Option option) => parseResult.GetResult(option) is { Implicit: false };

    /// <summary>Returns the option's value, or the environment variable's when the option was not given; and says which one it came from.</summary>
    public static (string? Value, string Source) GetOrEnvironment(this ParseResult parseResult, Option<string> option, string variable)
    {
        if (parseResult.Has(option))
        {
            return (parseResult.GetValue(option), option.Name);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrEmpty(fromEnvironment) ? (null, option.Name) : (fromEnvironment, variable);
    }

    /// <summary>
    /// A custom parser for a whole number from <paramref name="minimum"/> to <paramref name="maximum"/>;
    /// a bad value is a parse error that names the option and quotes the value.
    /// </summary>
    public static Func<ArgumentResult, int?> WholeNumber(string option, int minimum, int maximum, string unit) => result =>
    {
        if (result.Tokens.Count != 1)
        {
            return null;   // The arity check reports a missing or repeated value.
        }

        var text = result.Tokens[0].Value;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum)
        {
            return value;
        }

        result.AddError($"{option}: must be a whole number of {unit} from {minimum} to {maximum}; got '{text}'.");
        return null;
    };

    /// <summary>A custom parser for one of a few names (case-insensitive), with the names offered as completions.</summary>
    public static Option<T?> OneOf<T>(string name, string description, params (string Name, T Value)[] choices)
        where T : struct
    {
        var names = Array.ConvertAll(choices, c => c.Name);
        var list = names.Length == 2 ? $"{names[0]} or {names[1]}" : string.Join(", ", names[..^1]) + " or " + names[^1];
        var option = new Option<T?>(name)
        {
            Description = description,
            HelpName = string.Join('|', names),
            CustomParser = result =>
            {
                if (result.Tokens.Count != 1)
                {
                    return null;
                }

                var text = result.Tokens[0].Value;
                foreach (var (choice, value) in choices)
                {
                    if (choice.Equals(text, StringComparison.OrdinalIgnoreCase))
                    {
                        return value;
                    }
                }

                result.AddError($"{name}: must be {list}; got '{text}'.");
                return null;
            },
        };
        option.CompletionSources.Clear();   // not the enum's own member names: only the names accepted here
        option.CompletionSources.Add(names);
        return option;
    }

    /// <summary>Reads a file named by an option; a missing or unreadable file is a usage error that names the option.</summary>
    public static T ReadFile<T>(string option, string path, Func<string, T> read)
    {
        try
        {
            return read(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UsageException($"{option}: file '{path}' does not exist.", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new UsageException($"{option}: cannot read '{path}': {UsageException.OneLine(ex)}", ex);
        }
    }
}
