using System;

namespace Pushwright.Cli;

/// <summary>A mistake on the command line. The message is printed as one line on stderr and the exit code is 2.</summary>
internal sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UsageException()
    {
    }

    /// <summary>Wraps a library's validation error, naming the option (or environment variable) the bad value came from.</summary>
    public static UsageException For(string source, ArgumentException exception) =>
        new($"{source}: {OneLine(exception)}", exception);

    /// <summary>
    /// The exception's message on one line, without the " (Parameter 'x')" suffix .NET appends:
    /// the parameter name means nothing to someone typing options.
    /// </summary>
    public static string OneLine(Exception exception)
    {
        var message = exception.Message;
        if (exception is ArgumentException { ParamName: { } name })
        {
            var suffix = $" (Parameter '{name}')";
            if (message.EndsWith(suffix, StringComparison.Ordinal))
            {
                message = message[..^suffix.Length];
            }
        }

        return OneLine(message);
    }

    /// <summary>The text on one line: line breaks become spaces.</summary>
    public static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
