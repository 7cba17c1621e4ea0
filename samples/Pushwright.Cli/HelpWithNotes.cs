using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Pushwright.Cli;

/// <summary>
/// System.CommandLine's help, followed by a command's notes (exit codes, examples): the documented
/// way to add a section is to wrap the <see cref="HelpAction"/>.
/// </summary>
internal sealed class HelpWithNotes : SynchronousCommandLineAction
{
    private readonly HelpAction _help;
    private readonly Dictionary<Command, string> _notes = [];

    public HelpWithNotes(HelpAction help) => _help = help;

    public override bool ClearsParseErrors => true;

    /// <summary>Adds the text printed after <paramref name="command"/>'s help.</summary>
    public void Add(Command command, string notes) => _notes[command] = notes;

    public override int Invoke(ParseResult parseResult)
    {
        var result = _help.Invoke(parseResult);
        if (_notes.TryGetValue(parseResult.CommandResult.Command, out var notes))
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine(notes.TrimEnd());
            output.WriteLine();
        }

        return result;
    }
}
