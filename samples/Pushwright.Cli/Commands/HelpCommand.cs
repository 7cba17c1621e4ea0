using System.CommandLine;
using System.Linq;

namespace Pushwright.Cli.Commands;

/// <summary><c>webpush help [command]</c>: the same help as <c>webpush [command] --help</c>.</summary>
internal static class HelpCommand
{
    private static readonly Argument<string?> s_command = new("command") { Description = "The command to describe.", HelpName = "command", Arity = ArgumentArity.ZeroOrOne };

    public static Command Create(RootCommand root)
    {
        var command = new Command("help", "Show this help, or a command's options.") { s_command };
        s_command.CompletionSources.Add(_ => root.Subcommands.Select(c => c.Name));
        command.SetAction(parseResult =>
        {
            var name = parseResult.GetValue(s_command);
            if (name is not null && !root.Subcommands.Any(c => c.Name == name))
            {
                throw new UsageException($"unknown command '{name}'. Run 'webpush --help' to see the commands.");
            }

            string[] args = name is null ? ["--help"] : [name, "--help"];
            return root.Parse(args).Invoke(parseResult.InvocationConfiguration);
        });
        return command;
    }
}
