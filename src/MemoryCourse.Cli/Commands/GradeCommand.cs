using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using MemoryCourse.Foundation.Input;
using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Grading;
using MemoryCourse.Notebooks.Kernel;
using MemoryCourse.Notebooks.Reports;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Cli.Commands;

/// <summary>
/// <c>memcourse grade --source NOTEBOOK SUBMISSIONS... --out gradebook.csv</c>: grades a class's
/// submissions of one chapter (see <see cref="Grader"/>), writes the gradebook, its JSON and a feedback file
/// per student; with <c>--shard K/N</c> grades one slice and writes a partial gradebook for
/// <c>memcourse gradebook merge</c>.
/// </summary>
internal static partial class GradeCommand
{
    private const string Name = "grade";

    /// <summary>What <c>grade</c> was asked to do, as the parser read and checked it.</summary>
    public sealed record Options(string Source, IReadOnlyList<string> Submissions, string Out, string? Json, string? Feedback, string? Hidden,
        (int K, int N)? Shard, double TimeoutSeconds, int MemoryMiB, int Parallel);

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var source = new Option<string>("--source") { Description = "The chapter's instructor notebook (with solutions and checks).", Required = true };
        var submissions = new Argument<string[]>("submissions")
        {
            Arity = ArgumentArity.OneOrMore,
            Description = "Submission notebooks, or folders of them (one file per student, or one folder per student).",
        };
        var outPath = new Option<string>("--out") { Description = "The gradebook CSV to write (with --shard: the partial gradebook, .json).", Required = true };
        var json = new Option<string?>("--json") { Description = "Also write the grades as JSON." };
        var feedback = new Option<string?>("--feedback")
        {
            Description = "Folder for one feedback file per student (default: a 'feedback' folder beside the gradebook).",
        };
        var hidden = new Option<string?>("--hidden") { Description = "A private file of extra checks per check cell, merged at grading time." };
        var shard = new Option<(int K, int N)?>("--shard")
        {
            Description = "Grade only slice K of N of the submissions (K/N), writing a partial gradebook.", CustomParser = Slice,
        };
        var timeout = new Option<double>("--timeout") { Description = "Per-cell time limit in seconds.", DefaultValueFactory = _ => 30 };
        var memory = new Option<int>("--memory") { Description = "Memory cap of each submission's kernel, in MiB.", DefaultValueFactory = _ => 1536 };
        var parallel = new Option<int>("--parallel") { Description = "Submissions graded at once.", DefaultValueFactory = _ => Environment.ProcessorCount };
        shard.Rule(Name, (slice, command) => slice is not null && command.GetValue(outPath) is { } output
            && !output.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
                ? $"with --shard, --out is a partial gradebook and must end in .json (got {InputText.Quote(output)})."
                : null);
        timeout.Rule(Name, RunLimits.Timeout);
        memory.Rule(Name, RunLimits.Memory);
        parallel.Rule(Name, RunLimits.Parallel);
        var command = new Command(Name, "Grade submissions of a chapter and write a gradebook and feedback files.")
        {
            source, submissions, outPath, json, feedback, hidden, shard, timeout, memory, parallel,
        };
        command.SetAction((parse, _) => ExecuteAsync(new Options(parse.GetValue(source)!, parse.GetValue(submissions)!, parse.GetValue(outPath)!,
            parse.GetValue(json), parse.GetValue(feedback), parse.GetValue(hidden), parse.GetValue(shard), parse.GetValue(timeout),
            parse.GetValue(memory), parse.GetValue(parallel)), stdout, stderr));
        return command;
    }

    private static async Task<int> ExecuteAsync(Options o, TextWriter stdout, TextWriter stderr)
    {
        InteractiveDocument notebook;
        try { notebook = NotebookFile.Load(o.Source); }
        catch (NotebookFormatException e)
        {
            stderr.WriteLine($"memcourse grade: the source cannot be read: {OutputPath.Shown(e.Message)}");
            return CliApp.Usage;
        }

        IReadOnlyDictionary<string, string> hiddenChecks = new Dictionary<string, string>();
        if (o.Hidden is not null)
        {
            try
            {
                var names = ExerciseMarkers.Checks(notebook).Select(c => c.Name).ToList();
                // Keeps each line's place in the file, for problems found in it.
                hiddenChecks = HiddenChecks.Parse(InputFile.ReadAllText(o.Hidden, 16 << 20), o.Hidden, names);
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"memcourse grade: --hidden: {OutputPath.Shown(e.Message)}");
                return CliApp.Usage;
            }
        }

        var (files, skipped, problem) = Submissions(o.Submissions, o.Source);
        if (problem is not null)
        {
            stderr.WriteLine($"memcourse grade: {OutputPath.Shown(problem)}");
            return CliApp.Usage;
        }
        if (files.Count == 0)
        {
            stderr.WriteLine("memcourse grade: no submissions (.dib or .ipynb files) found.");
            return CliApp.Usage;
        }

        // Every output checked before any submission runs, the feedback files by the names they will have.
        string? jsonPath = o.Shard is null ? o.Json : null;
        string? feedbackDir = o.Shard is null ? o.Feedback ?? GradebookOutputs.FeedbackBeside(o.Out) : null;
        var students = Grader.StudentNames(o.Source, files);
        var plan = new OutputPlan([o.Source, .. o.Hidden is null ? Array.Empty<string>() : [o.Hidden], .. files])
            .File(o.Out, "--out")
            .File(jsonPath, "--json")
            .Folder(feedbackDir, "--feedback", Gradebook.FeedbackFileNames(students).Values.ToList());
        if (plan.Problem() is { } outputProblem)
        {
            stderr.WriteLine($"memcourse grade: {outputProblem}");
            return CliApp.Usage;
        }
        foreach (var skip in skipped)
        {
            string why = skip.EndsWith(", not a file)", StringComparison.Ordinal) ? "" : " (not a notebook)";
            stderr.WriteLine($"memcourse grade: skipped {OutputPath.Shown(skip)}{why}");
        }

        var options = new GradeOptions(RunOptions.Default with
        {
            CellTimeout = TimeSpan.FromSeconds(o.TimeoutSeconds),
            MemoryLimitMiB = o.MemoryMiB,
            Parallelism = o.Parallel,
        })
        { Hidden = hiddenChecks, Shard = o.Shard };
        if (options.Sandbox.Warning is { } warning) stderr.WriteLine($"memcourse grade: {warning}");
        // The fast kernel, prepared now if this machine never ran a notebook (with progress), so every submission starts quickly.
        await FastKernel.ChooseAsync(line => stderr.WriteLine($"memcourse grade: {line}"));

        Grader.Prepared prepared;
        try { prepared = await Grader.PrepareAsync(o.Source, notebook, options); }
        catch (GradingException e)
        {
            stderr.WriteLine($"memcourse grade: the source {OutputPath.Shown(o.Source)} cannot be graded with:");
            foreach (var line in e.Message.Split('\n')) stderr.WriteLine($"  {OutputPath.Shown(line)}");
            return CliApp.Usage;
        }

        int done = 0;
        int total = o.Shard is var (k, n) ? ClassSlice.Of(files, k, n).Count() : files.Count;
        var grades = await Grader.GradeAsync(prepared, files, options, g =>
        {
            int count = Interlocked.Increment(ref done);
            lock (stdout) stdout.WriteLine($"[{count}/{total}] {OutputPath.Shown(g.Student),-24} {g.Earned,6:0.##} / {g.Possible:0.##}");
        });

        if (o.Shard is var (shardK, shardN))
        {
            string partial = Gradebook.ToPartial(o.Source, shardK, shardN, grades, students, prepared.Title);
            if (!OutputPath.TryWrite(stderr, "memcourse grade", outputs => outputs.Add(o.Out, partial))) return CliApp.Usage;
            stdout.WriteLine($"Graded slice {shardK}/{shardN}: {Plural.Of(grades.Count, "submission")} -> {OutputPath.Shown(o.Out)}");
            return CliApp.Ok;
        }
        if (!GradebookOutputs.TryWrite(stderr, "memcourse grade", grades, o.Out, jsonPath, feedbackDir!, prepared.Title))
            return CliApp.Usage;
        stdout.WriteLine($"Graded {Plural.Of(grades.Count, "submission")} -> {OutputPath.Shown(o.Out)}; feedback in {OutputPath.Shown(feedbackDir!)}");
        return CliApp.Ok;
    }

    /// <summary>
    /// The notebooks among the given files and folders (folders searched recursively, hidden files and the
    /// source itself left out); other files are reported as skipped, never invented into students.
    /// </summary>
    internal static (List<string> Files, List<string> Skipped, string? Problem) Submissions(IEnumerable<string> paths, string sourcePath)
    {
        var files = new List<string>();
        var skipped = new List<string>();
        string source = Path.GetFullPath(sourcePath);
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var f in Directory.GetFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    if (Path.GetFileName(f).StartsWith('.') || Path.GetFullPath(f) == source) continue;
                    // A named pipe or a device never ends (or never opens): reported and left out, never read.
                    if (Foundation.Input.SpecialFile.Describe(f) is { } special) skipped.Add($"{f} ({special}, not a file)");
                    else if (NotebookFile.IsNotebookPath(f)) files.Add(f);
                    else skipped.Add(f);
                }
            }
            else if (Foundation.Input.SpecialFile.Describe(path) is { } special) return ([], [], $"{path} is {special}, not a notebook file");
            else if (File.Exists(path))
            {
                if (NotebookFile.IsNotebookPath(path)) files.Add(path);
                else return ([], [], $"{path} is not a notebook (.dib or .ipynb)");
            }
            else return ([], [], $"no such file or folder: {path}");
        }
        return (files, skipped, null);
    }

    // --shard K/N with 1 <= K <= N.
    private static (int K, int N)? Slice(ArgumentResult result)
    {
        string given = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(' ', result.Tokens.Select(t => t.Value));
        var m = ShardPattern().Match(given);
        if (m.Success && int.Parse(m.Groups[1].Value) is var k and >= 1 && int.Parse(m.Groups[2].Value) is var n && k <= n) return (k, n);
        result.AddError(CommandRules.Line(Name, $"--shard expects K/N with 1 <= K <= N, got {InputText.Quote(given)}."));
        return null;
    }

    [GeneratedRegex(@"^\s*(\d{1,6})\s*/\s*(\d{1,6})\s*$")]
    private static partial Regex ShardPattern();
}
