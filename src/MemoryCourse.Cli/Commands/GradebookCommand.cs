using System.CommandLine;

namespace MemoryCourse.Cli.Commands;

/// <summary><c>memcourse gradebook</c>: work with gradebooks; its one subcommand is <see cref="GradebookMergeCommand"/>.</summary>
internal static class GradebookCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr) =>
        new("gradebook", "Work with gradebooks.") { GradebookMergeCommand.Create(stdout, stderr) };
}
