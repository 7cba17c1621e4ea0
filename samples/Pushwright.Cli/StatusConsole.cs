using System;
using System.IO;

namespace Pushwright.Cli;

/// <summary>
/// Standard error, shared by everything that reports while a command runs (warnings, <c>--verbose</c>
/// lines, logs, progress). On a terminal it keeps one live line at the bottom that the other lines
/// never tear; standard output is left to the command's result alone.
/// </summary>
internal sealed class StatusConsole
{
    private const string ClearToEndOfLine = "\u001b[K";

    private readonly TextWriter _error;
    private readonly object _lock = new();
    private string? _live;

    public StatusConsole(TextWriter error, bool isTerminal)
    {
        _error = error;
        IsTerminal = isTerminal;
    }

    /// <summary>Gets a value indicating whether standard error is a terminal, where a live line can be redrawn in place.</summary>
    public bool IsTerminal { get; }

    /// <summary>Gets the underlying writer, for code that writes whole blocks once nothing else is reporting.</summary>
    public TextWriter Writer => _error;

    /// <summary>Creates the console of this process: <see cref="Console.Error"/>, a terminal unless redirected.</summary>
    public static StatusConsole ForProcess(TextWriter error) => new(error, !Console.IsErrorRedirected && ReferenceEquals(error, Console.Error));

    /// <summary>Writes one line above the live line.</summary>
    public void WriteLine(string line)
    {
        lock (_lock)
        {
            if (_live is not null)
            {
                _error.Write("\r" + ClearToEndOfLine);
            }

            _error.WriteLine(line);
            if (_live is not null)
            {
                _error.Write(_live);
            }
        }
    }

    /// <summary>Shows <paramref name="text"/> as the live line, cut to the terminal's width; on anything else, writes it as a line.</summary>
    public void ShowLive(string text)
    {
        if (!IsTerminal)
        {
            WriteLine(text);
            return;
        }

        var width = WindowWidth();
        if (text.Length >= width)
        {
            text = text[..Math.Max(0, width - 1)];
        }

        lock (_lock)
        {
            _live = text;
            _error.Write("\r" + text + ClearToEndOfLine);
        }
    }

    /// <summary>Removes the live line, so what follows starts on a clean line.</summary>
    public void ClearLive()
    {
        lock (_lock)
        {
            if (_live is not null)
            {
                _error.Write("\r" + ClearToEndOfLine);
                _live = null;
            }
        }
    }

    private static int WindowWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 120;
        }
        catch (IOException)
        {
            return 120;
        }
    }
}
