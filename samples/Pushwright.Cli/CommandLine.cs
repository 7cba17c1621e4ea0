using System;
using System.Collections.Generic;
using System.Linq;

namespace Pushwright.Cli;

/// <summary>
/// The options of one command, parsed by hand: <c>--name value</c>, <c>--name=value</c>, and
/// switches (<c>--json</c>). Anything unknown, repeated or missing its value is a
/// <see cref="UsageException"/> that says what to type instead.
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    private CommandLine(string command) => Command = command;

    /// <summary>Gets the command name, for messages.</summary>
    public string Command { get; }

    /// <summary>Gets a value indicating whether <c>--help</c> or <c>-h</c> was given; nothing else is checked then.</summary>
    public bool HelpRequested { get; private set; }

    /// <summary>Parses <paramref name="args"/>.</summary>
    /// <param name="command">The command, for messages.</param>
    /// <param name="args">The arguments after the command name.</param>
    /// <param name="valueOptions">Options that take a value, with their leading dashes.</param>
    /// <param name="switches">Options that take no value.</param>
    /// <exception cref="UsageException">An argument is unknown, repeated, or lacks its value.</exception>
    public static CommandLine Parse(string command, IReadOnlyList<string> args, IReadOnlyCollection<string> valueOptions, IReadOnlyCollection<string> switches)
    {
        var result = new CommandLine(command);
        if (args.Contains("--help") || args.Contains("-h"))
        {
            result.HelpRequested = true;
            return result;
        }

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new UsageException($"unexpected argument '{arg}' for {command}; options start with '--'. Run 'webpush {command} --help'.");
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg : arg[..equals];
            string? value;
            if (valueOptions.Contains(name))
            {
                if (equals >= 0)
                {
                    value = arg[(equals + 1)..];
                }
                else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    value = args[++i];
                }
                else
                {
                    throw new UsageException($"option '{name}' needs a value (write '{name} <value>' or '{name}=<value>'). Run 'webpush {command} --help'.");
                }
            }
            else if (switches.Contains(name))
            {
                if (equals >= 0)
                {
                    throw new UsageException($"option '{name}' takes no value; got '{arg}'.");
                }

                value = null;
            }
            else
            {
                throw new UsageException($"unknown option '{name}' for {command}. Run 'webpush {command} --help' to see its options.");
            }

            if (!result._options.TryAdd(name, value))
            {
                throw new UsageException($"option '{name}' was given more than once.");
            }
        }

        return result;
    }

    /// <summary>Returns whether the option or switch was given.</summary>
    public bool Has(string name) => _options.ContainsKey(name);

    /// <summary>Returns the option's value, or <see langword="null"/> when it was not given.</summary>
    public string? Get(string name) => _options.TryGetValue(name, out var value) ? value : null;

    /// <summary>Returns the option's value, or the environment variable's when the option was not given; and says which one it came from.</summary>
    public (string? Value, string Source) GetOrEnvironment(string name, string variable)
    {
        if (_options.TryGetValue(name, out var value))
        {
            return (value, name);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrEmpty(fromEnvironment) ? (null, name) : (fromEnvironment, variable);
    }
}
