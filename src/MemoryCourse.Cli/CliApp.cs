using System.CommandLine;
using MemoryCourse.Cli.Commands;

namespace MemoryCourse.Cli;

/// <summary>
/// The <c>memcourse</c> command: one subcommand per course tool. Exit codes follow one rule everywhere:
/// 0 success, 1 the thing checked failed (a notebook cell, a trace), 2 the command was misused or its
/// input could not be read.
/// </summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    /// <summary>Builds the command tree. Each subcommand lives in its own file under Commands/.</summary>
    public static RootCommand BuildRoot(TextWriter stdout, TextWriter stderr, IReadOnlyList<string> args)
    {
        var root = new RootCommand("MemoryCourse: an interactive course on process memory.");
        root.Subcommands.Add(RunCommand.Create(stdout, stderr));
        root.Subcommands.Add(AssignCommand.Create(stdout, stderr));
        root.Subcommands.Add(GradeCommand.Create(stdout, stderr));
        root.Subcommands.Add(GradeCommand.CreateGradebook(stdout, stderr));
        root.Subcommands.Add(OstepCommand.Create(stdout, stderr, args));
        root.Subcommands.Add(InspectCommand.Create(stdout, stderr));
        root.Subcommands.Add(GcCommand.Create(stdout, stderr));
        root.Subcommands.Add(AllocCommand.Create(stdout, stderr));
        return root;
    }

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (OstepCommand.TryRunDirectly(args, stdout, stderr) is { } ostepExit) return ostepExit;
        var root = BuildRoot(stdout, stderr, args);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) stderr.WriteLine($"memcourse: {error.Message}");
            stderr.WriteLine("Run 'memcourse --help' for usage.");
            return Usage;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
