using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.IO;
using System.Linq;

namespace Pushwright.Cli;

/// <summary>
/// Turns System.CommandLine's parse errors into the one line <c>webpush</c> prints on a usage
/// error: what was wrong, in the option's own words, with System.CommandLine's typo suggestion
/// when it has one, and the help to run.
/// </summary>
internal static class UsageErrors
{
    /// <summary>Returns the message for the first error of <paramref name="parseResult"/>, without the "webpush: " prefix.</summary>
    public static string Describe(ParseResult parseResult, IReadOnlyList<string> args)
    {
        var command = parseResult.CommandResult.Command;
        var isRoot = command is RootCommand;
        var help = isRoot ? "Run 'webpush --help'" : $"Run 'webpush {command.Name} --help'";

        // --json=yes: System.CommandLine splits it into the switch and a stray "yes".
        if (SwitchGivenAValue(command, args) is { } switchWithValue)
        {
            return $"option '{switchWithValue.Option}' takes no value; got '{switchWithValue.Argument}'.";
        }

        if (parseResult.UnmatchedTokens.Count > 0)
        {
            var token = parseResult.UnmatchedTokens[0];
            var names = Suggestions(parseResult, token);
            var suggestion = names.Count > 0 ? $" Did you mean {string.Join(" or ", names.Select(n => $"'{n}'"))}?" : string.Empty;
            if (isRoot)
            {
                return $"unknown command '{token}'.{suggestion} {help} to see the commands.";
            }

            return token.StartsWith('-')
                ? $"unknown option '{token}' for {command.Name}.{suggestion} {help} to see its options."
                : $"unexpected argument '{token}' for {command.Name}; options start with '--'. {help}.";
        }

        var error = parseResult.Errors[0];
        if (error.SymbolResult is OptionResult { Option: var option } optionResult && option.Arity.MaximumNumberOfValues == 1)
        {
            if (optionResult.IdentifierTokenCount > 1)
            {
                return $"option '{option.Name}' was given more than once.";
            }

            if (optionResult.Tokens.Count == 0)
            {
                return $"option '{option.Name}' needs a value (write '{option.Name} <value>' or '{option.Name}=<value>'). {help}.";
            }
        }

        // The option parsers' own messages already name the option and quote the value.
        return UsageException.OneLine(error.Message);
    }

    private static (string Option, string Argument)? SwitchGivenAValue(Command command, IReadOnlyList<string> args)
    {
        foreach (var arg in args)
        {
            var separator = arg.IndexOfAny(['=', ':']);
            if (arg.StartsWith("--", StringComparison.Ordinal) && separator > 2)
            {
                var name = arg[..separator];
                if (command.Options.Any(o => o.Arity.MaximumNumberOfValues == 0 && (o.Name == name || o.Aliases.Contains(name))))
                {
                    return (name, arg);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// System.CommandLine's own typo suggestions for <paramref name="token"/>: its parse-error action
    /// writes them (a localized header naming the token, then one candidate per line), and only them,
    /// when asked for no help and with the errors sent nowhere.
    /// </summary>
    private static List<string> Suggestions(ParseResult parseResult, string token)
    {
        var names = new List<string>();
        if (parseResult.Action is not ParseErrorAction action)
        {
            return names;
        }

        using var output = new StringWriter();
        action.ShowHelp = false;
        action.ShowTypoCorrections = true;
        parseResult.Invoke(new InvocationConfiguration { Output = output, Error = TextWriter.Null, EnableDefaultExceptionHandler = false });

        var inToken = false;
        foreach (var line in output.ToString().Split('\n', StringSplitOptions.TrimEntries))
        {
            if (line.Length == 0)
            {
                inToken = false;
            }
            else if (line.Contains('\'', StringComparison.Ordinal))
            {
                inToken = line.Contains($"'{token}'", StringComparison.Ordinal);
            }
            else if (inToken)
            {
                names.Add(line);
            }
        }

        return names;
    }
}
