using MemoryCourse.Notebooks.Reports;
using System.CommandLine;
using static MemoryCourse.Cli.Tests.Memcourse;

namespace MemoryCourse.Cli.Tests;

/// <summary>
/// Help a newcomer can use: every command's --help ends with a one-line example that runs as written, usage
/// lines say what the command takes (balanced brackets, no parser boilerplate, no second default), and the
/// README lists every command.
/// </summary>
public class HelpTests
{
    private static Command Root() => CliApp.BuildRoot(TextWriter.Null, TextWriter.Null, []);

    // Every command below the root, as the words that name it: ["alloc", "replay"].
    public static TheoryData<string> CommandPaths()
    {
        var data = new TheoryData<string>();
        void Walk(Command c, string path)
        {
            foreach (var sub in c.Subcommands)
            {
                string p = path.Length == 0 ? sub.Name : path + " " + sub.Name;
                data.Add(p);
                Walk(sub, p);
            }
        }
        Walk(Root(), "");
        return data;
    }

    private static string Help(string path)
    {
        var (code, output, err) = Run([.. path.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);
        Assert.Equal((0, ""), (code, err));
        return output;
    }

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public void Every_command_ends_its_help_with_a_one_line_example_that_parses(string path)
    {
        string help = Help(path);
        var lines = help.TrimEnd('\n').Split('\n');
        Assert.Equal("Example:", lines[^2]);
        string example = lines[^1].Trim();
        Assert.StartsWith("memcourse " + path.Split(' ')[0], example);
        var parsed = Root().Parse(example["memcourse ".Length..].Split(' '));
        Assert.True(parsed.Errors.Count == 0, $"{example}: {string.Join("; ", parsed.Errors.Select(e => e.Message))}");
    }

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public void Usage_lines_are_balanced_and_say_only_what_the_command_takes(string path)
    {
        string help = Help(path);
        var lines = help.Split('\n');
        string usage = lines[Array.IndexOf(lines, "Usage:") + 1].Trim();
        Assert.StartsWith("memcourse " + path, usage);
        foreach (var (open, close) in new[] { ('[', ']'), ('(', ')'), ('<', '>') })
            Assert.True(usage.Count(c => c == open) == usage.Count(c => c == close), $"unbalanced {open}{close}: {usage}");
        Assert.DoesNotContain("Arguments passed to the application", help);
        Assert.DoesNotContain("Additional Arguments", help);
        foreach (var line in lines.Where(l => l.Contains("(default:", StringComparison.Ordinal)))
            Assert.DoesNotContain("[default:", line);
    }

    [Fact]
    public void Ostep_usage_is_the_script_and_its_flags()
    {
        Assert.Contains("Usage:\n  memcourse ostep <script> [<flags>...]\n", Help("ostep"));
    }

    [Fact]
    public void Inspect_leads_with_its_modes_not_with_the_vmstat_numbers()
    {
        Assert.Contains("Usage:\n  memcourse inspect (--pmap | --vmstat [INTERVAL [COUNT]] | --meminfo | --usage) [--pid N | --capture DIR] [--json]\n",
            Help("inspect"));
        var (_, root, _) = Run("--help");
        var row = root.Split('\n').Single(l => l.TrimStart().StartsWith("inspect", StringComparison.Ordinal));
        Assert.DoesNotContain("<interval-count>", row);
        int column = root.Split('\n').Single(l => l.TrimStart().StartsWith("alloc ", StringComparison.Ordinal)).IndexOf("Heap allocators",
            StringComparison.Ordinal);
        Assert.Equal(column, row.IndexOf("Inspect a process", StringComparison.Ordinal)); // still aligned with the other rows
    }

    [Fact]
    public void Run_parallel_states_its_default_once_in_words()
    {
        var line = Help("run").Split('\n').Single(l => l.TrimStart().StartsWith("--parallel", StringComparison.Ordinal));
        Assert.EndsWith("Notebooks to run at once (default: number of cores).", line);
    }

    [Fact]
    public void The_readme_lists_every_command()
    {
        string readme = File.ReadAllText(InRepo("README.md"));
        int start = readme.IndexOf("## `memcourse`", StringComparison.Ordinal);
        string section = readme[start..readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal)];
        foreach (string path in CommandPaths())
        {
            var command = path.Split(' ').Aggregate(Root(), (c, name) => c.Subcommands.Single(s => s.Name == name));
            if (command.Subcommands.Count > 0) continue; // a group such as "alloc" is listed through its commands
            Assert.True(section.Contains("`" + path, StringComparison.Ordinal), $"README's memcourse section does not list `{path}`");
        }
    }

    [Theory]
    [InlineData(0, "notebook", null, "0 notebooks")]
    [InlineData(1, "notebook", null, "1 notebook")]
    [InlineData(2, "notebook", null, "2 notebooks")]
    [InlineData(1, "submission", null, "1 submission")]
    [InlineData(3, "process", "processes", "3 processes")]
    [InlineData(1, "process", "processes", "1 process")]
    public void Plural_agrees_with_the_count(long count, string singular, string? plural, string expected)
    {
        Assert.Equal(expected, Plural.Of(count, singular, plural));
    }

    [Fact]
    public void The_run_summary_counts_one_notebook_and_one_cell_in_the_singular()
    {
        var output = new StringWriter();
        var run = new MemoryCourse.Notebooks.Isolation.NotebookRun("one.dib", null,
            [new MemoryCourse.Notebooks.Execution.CellResult(0, "csharp", MemoryCourse.Notebooks.Execution.CellStatus.Passed, [], null, TimeSpan.Zero)],
                null, TimeSpan.Zero, null);
        new ConsoleReport(output).Summary([run]);
        Assert.Contains("1 notebook, 1 cell run, 0 failed.", output.ToString());
    }

    [Fact]
    public void Alloc_generate_reports_each_trace_with_counts_in_agreement()
    {
        string dir = Directory.CreateTempSubdirectory("gen-plural-").FullName;
        var (code, output, _) = Run("alloc", "generate", dir);
        Assert.Equal(0, code);
        Assert.DoesNotContain(" 1 ids", output);
        Assert.Matches(@"binary-gen\.rep: Binary, seed 1, \d+ ids, \d+ ops", output);
    }
}
