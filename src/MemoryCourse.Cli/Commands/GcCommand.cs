using System.CommandLine;

namespace MemoryCourse.Cli.Commands;

/// <summary><c>memcourse gc</c>: the garbage-collection models; its one subcommand is <see cref="GcV8Command"/>.</summary>
internal static class GcCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr) => new("gc", "Garbage-collection models.") { GcV8Command.Create(stdout, stderr) };
}
