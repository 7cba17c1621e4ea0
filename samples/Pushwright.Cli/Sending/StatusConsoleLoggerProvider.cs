using System;
using Microsoft.Extensions.Logging;

namespace Pushwright.Cli.Sending;

/// <summary>
/// The host's logs as one line each on the <see cref="StatusConsole"/>: level, category and message,
/// and of an exception only its type (its message or stack could quote an endpoint). Small and
/// reflection-free, so the tool stays trimmable.
/// </summary>
internal sealed class StatusConsoleLoggerProvider : ILoggerProvider
{
    private readonly StatusConsole _console;

    public StatusConsoleLoggerProvider(StatusConsole console) => _console = console;

    public ILogger CreateLogger(string categoryName) => new Logger(_console, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(StatusConsole console, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var level = logLevel switch
            {
                LogLevel.Trace => "trace",
                LogLevel.Debug => "debug",
                LogLevel.Information => "info",
                LogLevel.Warning => "warning",
                _ => "error",
            };
            var cause = exception is null ? string.Empty : $" ({exception.GetType().Name})";
            console.WriteLine($"webpush: {level}: {category}: {UsageException.OneLine(formatter(state, exception))}{cause}");
        }
    }
}
