using System.CommandLine;
using System.CommandLine.Help;
using MemoryCourse.Cli.Commands;

namespace MemoryCourse.Cli;

/// <summary>
/// The <c>memcourse</c> command: one subcommand per course tool. Exit codes follow one rule everywhere:
/// 0 success, 1 the thing checked failed (a notebook cell, a trace), 2 the command was misused or its
/// input could not be read (one line on stderr naming the file and line, or the option and value).
/// Should a command still fail in a way nobody foresaw, it exits <see cref="InternalError"/> with one line
/// on stderr instead of a stack trace (set MEMCOURSE_DEBUG=1 to see the trace).
/// </summary>
public static class CliApp
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    /// <summary>memcourse itself failed: a bug, reported in one line (EX_SOFTWARE of sysexits.h).</summary>
    public const int InternalError = 70;

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
        try
        {
            if (OstepCommand.TryRunDirectly(args, stdout, stderr) is { } ostepExit) return ostepExit;
            var root = BuildRoot(stdout, stderr, args);
            var parsed = root.Parse(args);
            if (parsed.Errors.Count > 0)
            {
                stderr.WriteLine(CliHelp.ParseErrors(parsed, root));
                return Usage;
            }
            if (parsed.Action is HelpAction)
            {
                var help = new StringWriter();
                parsed.Invoke(new InvocationConfiguration { Output = help, Error = stderr });
                stdout.Write(CliHelp.Polish(help.ToString(), parsed.CommandResult.Command, root));
                return Ok;
            }
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            stderr.WriteLine($"memcourse: internal error (a bug in memcourse; please report it with the command line): {e.GetType().Name}: {FirstLine(e.Message)}");
            if (Environment.GetEnvironmentVariable("MEMCOURSE_DEBUG") == "1") stderr.WriteLine(e);
            return InternalError;
        }
    }

    private static string FirstLine(string message)
    {
        int newline = message.IndexOf('\n');
        return newline < 0 ? message : message[..newline].TrimEnd('\r');
    }
}
