using MemoryCourse.Notebooks.Reports;
using System.CommandLine;
using System.Text.RegularExpressions;
using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Grading;
using MemoryCourse.Notebooks.Isolation;
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
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var source = new Option<string>("--source") { Description = "The chapter's instructor notebook (with solutions and checks).", Required = true };
        var submissions = new Argument<string[]>("submissions") { Arity = ArgumentArity.OneOrMore, Description = "Submission notebooks, or folders of them (one file per student, or one folder per student)." };
        var outPath = new Option<string>("--out") { Description = "The gradebook CSV to write (with --shard: the partial gradebook, .json).", Required = true };
        var json = new Option<string?>("--json") { Description = "Also write the grades as JSON." };
        var feedback = new Option<string?>("--feedback") { Description = "Folder for one feedback file per student (default: a 'feedback' folder beside the gradebook)." };
        var hidden = new Option<string?>("--hidden") { Description = "A private file of extra checks per check cell, merged at grading time." };
        var shard = new Option<string?>("--shard") { Description = "Grade only slice K of N of the submissions (K/N), writing a partial gradebook." };
        var timeout = new Option<double>("--timeout") { Description = "Per-cell time limit in seconds.", DefaultValueFactory = _ => 30 };
        var memory = new Option<int>("--memory") { Description = "Memory cap of each submission's kernel, in MiB.", DefaultValueFactory = _ => 1536 };
        var parallel = new Option<int>("--parallel") { Description = "Submissions graded at once.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("grade", "Grade submissions of a chapter and write a gradebook and feedback files.")
        {
            source, submissions, outPath, json, feedback, hidden, shard, timeout, memory, parallel,
        };
        command.SetAction(async (parse, cancel) =>
        {
            string sourcePath = parse.GetValue(source)!;
            InteractiveDocument notebook;
            try { notebook = NotebookFile.Load(sourcePath); }
            catch (NotebookFormatException e)
            {
                stderr.WriteLine($"memcourse grade: the source cannot be read: {e.Message}");
                return CliApp.Usage;
            }
            (int, int)? slice = null;
            if (parse.GetValue(shard) is { } s)
            {
                var m = ShardPattern().Match(s);
                if (!m.Success || int.Parse(m.Groups[2].Value) < 1 || int.Parse(m.Groups[1].Value) < 1 || int.Parse(m.Groups[1].Value) > int.Parse(m.Groups[2].Value))
                {
                    stderr.WriteLine($"memcourse grade: --shard expects K/N with 1 <= K <= N, got '{s}'.");
                    return CliApp.Usage;
                }
                slice = (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value));
            }
            string output = parse.GetValue(outPath)!;
            if (slice is not null && !output.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                stderr.WriteLine($"memcourse grade: with --shard, --out is a partial gradebook and must end in .json (got '{output}').");
                return CliApp.Usage;
            }
            if (Directory.Exists(output))
            {
                stderr.WriteLine($"memcourse grade: --out {output} is a folder; give the file to write.");
                return CliApp.Usage;
            }

            var hiddenChecks = new Dictionary<string, string>();
            if (parse.GetValue(hidden) is { } hiddenPath)
            {
                try
                {
                    var names = ExerciseMarkers.Checks(notebook).Select(c => c.Name).ToList();
                    hiddenChecks = new Dictionary<string, string>(HiddenChecks.Parse(File.ReadAllText(hiddenPath), hiddenPath, names));
                }
                catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
                {
                    stderr.WriteLine($"memcourse grade: --hidden: {e.Message}");
                    return CliApp.Usage;
                }
            }

            var (files, skipped, problem) = Submissions(parse.GetValue(submissions)!, sourcePath);
            if (problem is not null)
            {
                stderr.WriteLine($"memcourse grade: {problem}");
                return CliApp.Usage;
            }
            foreach (var skip in skipped) stderr.WriteLine($"memcourse grade: skipped {skip} (not a notebook)");
            if (files.Count == 0)
            {
                stderr.WriteLine("memcourse grade: no submissions (.dib or .ipynb files) found.");
                return CliApp.Usage;
            }

            var options = new GradeOptions(RunOptions.Default with
            {
                CellTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                MemoryLimitMiB = parse.GetValue(memory),
                Parallelism = Math.Max(1, parse.GetValue(parallel)),
            })
            { Hidden = hiddenChecks, Shard = slice };
            if (options.Sandbox.Warning is { } warning) stderr.WriteLine($"memcourse grade: {warning}");
            // The fast kernel, prepared now if this machine never ran a notebook (with progress), so every submission starts quickly.
            await MemoryCourse.Notebooks.Kernel.FastKernel.ChooseAsync(line => stderr.WriteLine($"memcourse grade: {line}"));

            Grader.Prepared prepared;
            try { prepared = await Grader.PrepareAsync(sourcePath, notebook, options); }
            catch (GradingException e)
            {
                stderr.WriteLine($"memcourse grade: the source {sourcePath} cannot be graded with:");
                foreach (var line in e.Message.Split('\n')) stderr.WriteLine($"  {line}");
                return CliApp.Usage;
            }

            int done = 0;
            int total = slice is var (k, n) ? Enumerable.Range(0, files.Count).Count(i => i % n == k - 1) : files.Count;
            var grades = await Grader.GradeAsync(prepared, files, options, g =>
            {
                int count = Interlocked.Increment(ref done);
                lock (stdout) stdout.WriteLine($"[{count}/{total}] {g.Student,-24} {g.Earned,6:0.##} / {g.Possible:0.##}");
            });

            if (slice is var (shardK, shardN))
            {
                AtomicFile.WriteAllText(output, Gradebook.ToPartial(sourcePath, shardK, shardN, grades));
                stdout.WriteLine($"Graded slice {shardK}/{shardN}: {Plural.Of(grades.Count, "submission")} -> {output}");
                return CliApp.Ok;
            }
            Gradebook.Write(grades, output, parse.GetValue(json));
            string feedbackDir = parse.GetValue(feedback) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!, "feedback");
            Gradebook.WriteFeedback(grades, prepared.Title, feedbackDir);
            stdout.WriteLine($"Graded {Plural.Of(grades.Count, "submission")} -> {output}; feedback in {feedbackDir}");
            return CliApp.Ok;
        });
        return command;
    }

    /// <summary><c>memcourse gradebook merge PARTS... --out gradebook.csv</c>: the class's gradebook from the slices' partial gradebooks.</summary>
    public static Command CreateGradebook(TextWriter stdout, TextWriter stderr)
    {
        var parts = new Argument<string[]>("partials") { Arity = ArgumentArity.OneOrMore, Description = "The partial gradebooks (.json) that 'grade --shard K/N' wrote, one per slice." };
        var outCsv = new Option<string>("--out") { Description = "The gradebook CSV to write.", Required = true };
        var json = new Option<string?>("--json") { Description = "Also write the grades as JSON." };
        var feedback = new Option<string?>("--feedback") { Description = "Folder for one feedback file per student (default: a 'feedback' folder beside the gradebook)." };
        var title = new Option<string?>("--title") { Description = "The chapter's title for the feedback files (default: the source's file name)." };
        var merge = new Command("merge", "Merge partial gradebooks into the gradebook one machine would have written.") { parts, outCsv, json, feedback, title };
        merge.SetAction(parse =>
        {
            IReadOnlyList<SubmissionGrade> grades;
            try { grades = Gradebook.Merge(parse.GetValue(parts)!); }
            catch (FormatException e)
            {
                stderr.WriteLine($"memcourse gradebook merge: {e.Message}");
                return CliApp.Usage;
            }
            string output = parse.GetValue(outCsv)!;
            Gradebook.Write(grades, output, parse.GetValue(json));
            string feedbackDir = parse.GetValue(feedback) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!, "feedback");
            Gradebook.WriteFeedback(grades, parse.GetValue(title) ?? "Feedback", feedbackDir);
            stdout.WriteLine($"Merged {Plural.Of(grades.Count, "submission")} -> {output}");
            return CliApp.Ok;
        });
        return new Command("gradebook", "Work with gradebooks.") { merge };
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
                    if (NotebookFile.IsNotebookPath(f)) files.Add(f);
                    else skipped.Add(f);
                }
            }
            else if (File.Exists(path))
            {
                if (NotebookFile.IsNotebookPath(path)) files.Add(path);
                else return ([], [], $"{path} is not a notebook (.dib or .ipynb)");
            }
            else return ([], [], $"no such file or folder: {path}");
        }
        return (files, skipped, null);
    }


    [GeneratedRegex(@"^\s*(\d{1,6})\s*/\s*(\d{1,6})\s*$")]
    private static partial Regex ShardPattern();
}
