using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
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
        root.Subcommands.Add(GradebookCommand.Create(stdout, stderr));
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
            // Every other command's text reaches the terminal with its control characters escaped (the OSTEP
            // simulators above print exactly what their Python originals print).
            stdout = new TerminalText(stdout);
            stderr = new TerminalText(stderr);
            var root = BuildRoot(stdout, stderr, args);
            var parsed = root.Parse(args);
            if (MistypedOption(parsed, root) is { } mistyped)
            {
                stderr.WriteLine(mistyped);
                return Usage;
            }
            // The parser's own errors first: a command's rules judge only values the parser could read.
            var parserErrors = parsed.Errors.Where(e => !CommandRules.IsRuleProblem(e)).ToList();
            if (parserErrors.Count > 0)
            {
                stderr.WriteLine(CliHelp.ParseErrors(parsed, parserErrors, root));
                return Usage;
            }
            if (parsed.Action is HelpAction)
            {
                var help = new StringWriter();
                parsed.Invoke(new InvocationConfiguration { Output = help, Error = stderr });
                stdout.Write(CliHelp.Polish(help.ToString(), parsed.CommandResult.Command, root));
                return Ok;
            }
            // A rule's problems, each a whole line: those of the first option or argument found wrong.
            if (parsed.Errors.Count > 0)
            {
                foreach (var problem in parsed.Errors.GroupBy(e => e.SymbolResult).First()) stderr.WriteLine(problem.Message);
                return Usage;
            }
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e)
        {
            stderr.WriteLine("memcourse: internal error (a bug in memcourse; please report it with the command line): "
                             + $"{e.GetType().Name}: {FirstLine(e.Message)}");
            if (Environment.GetEnvironmentVariable("MEMCOURSE_DEBUG") == "1") stderr.WriteLine(e);
            return InternalError;
        }
    }

    /// <summary>
    /// An argument that looks like a long option (<c>--ouput</c>) and names no file is a mistyped option: answered
    /// as one, with the nearest real option, rather than read as a path (a notebook, a folder to create). After
    /// <c>--</c> everything is an argument; <c>ostep</c> hands its flags to the script.
    /// </summary>
    private static string? MistypedOption(ParseResult parsed, RootCommand root)
    {
        var command = parsed.CommandResult.Command;
        if (CliHelp.PathOf(command, root).StartsWith("ostep", StringComparison.Ordinal)) return null;
        foreach (var token in parsed.Tokens)
        {
            if (token.Type == TokenType.DoubleDash) return null;
            if (token.Type != TokenType.Argument || !LooksLikeLongOption(token.Value)) continue;
            if (File.Exists(token.Value) || Directory.Exists(token.Value)) continue;
            string name = token.Value.Split('=')[0];
            var options = command.Options.Where(o => !o.Hidden).SelectMany(o => o.Aliases.Prepend(o.Name))
                .Where(n => n.StartsWith("--", StringComparison.Ordinal)).Distinct().ToList();
            string? nearest = options.OrderBy(o => Distance(o, name)).FirstOrDefault(o => Distance(o, name) <= Math.Max(2, name.Length / 3));
            string path = CliHelp.PathOf(command, root);
            string guess = nearest is null ? "" : $" (did you mean {nearest}?)";
            return $"memcourse {path}: unknown option {Foundation.Input.InputText.Quote(name)}{guess} (see 'memcourse {path} --help')";
        }
        return null;
    }

    private static bool LooksLikeLongOption(string word) => word.Length >= 3 && word.StartsWith("--", StringComparison.Ordinal) && char.IsLetter(word[2]);

    // Levenshtein distance: how many letters to change, add or remove.
    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (int i = 1; i <= a.Length; i++)
        {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }

    private static string FirstLine(string message)
    {
        int newline = message.IndexOf('\n');
        return newline < 0 ? message : message[..newline].TrimEnd('\r');
    }
}
