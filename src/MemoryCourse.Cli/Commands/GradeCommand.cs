using MemoryCourse.Foundation.Input;
using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Reports;
using System.CommandLine;
using System.Text.RegularExpressions;
using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Grading;
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
                stderr.WriteLine($"memcourse grade: the source cannot be read: {OutputPath.Shown(e.Message)}");
                return CliApp.Usage;
            }
            (int, int)? slice = null;
            if (parse.GetValue(shard) is { } s)
            {
                var m = ShardPattern().Match(s);
                if (!m.Success || int.Parse(m.Groups[2].Value) < 1 || int.Parse(m.Groups[1].Value) < 1 || int.Parse(m.Groups[1].Value) > int.Parse(m.Groups[2].Value))
                {
                    stderr.WriteLine($"memcourse grade: --shard expects K/N with 1 <= K <= N, got {InputText.Quote(s)}.");
                    return CliApp.Usage;
                }
                slice = (int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value));
            }
            string output = parse.GetValue(outPath)!;
            if (slice is not null && !output.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                stderr.WriteLine($"memcourse grade: with --shard, --out is a partial gradebook and must end in .json (got {InputText.Quote(output)}).");
                return CliApp.Usage;
            }
            if (RunLimits.Problem(parse.GetValue(timeout), parse.GetValue(memory), parse.GetValue(parallel)) is { } limit)
            {
                stderr.WriteLine($"memcourse grade: {limit}");
                return CliApp.Usage;
            }

            IReadOnlyDictionary<string, string> hiddenChecks = new Dictionary<string, string>();
            string? hiddenPath = parse.GetValue(hidden);
            if (hiddenPath is not null)
            {
                try
                {
                    var names = ExerciseMarkers.Checks(notebook).Select(c => c.Name).ToList();
                    // Keeps each line's place in the file, for problems found in it.
                    hiddenChecks = HiddenChecks.Parse(InputFile.ReadAllText(hiddenPath, 16 << 20), hiddenPath, names);
                }
                catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
                {
                    stderr.WriteLine($"memcourse grade: --hidden: {OutputPath.Shown(e.Message)}");
                    return CliApp.Usage;
                }
            }

            var (files, skipped, problem) = Submissions(parse.GetValue(submissions)!, sourcePath);
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
            string? jsonPath = slice is null ? parse.GetValue(json) : null;
            string? feedbackDir = slice is null ? parse.GetValue(feedback) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!, "feedback") : null;
            var students = Grader.StudentNames(sourcePath, files);
            var plan = new OutputPlan([sourcePath, .. hiddenPath is null ? Array.Empty<string>() : [hiddenPath], .. files])
                .File(output, "--out")
                .File(jsonPath, "--json")
                .Folder(feedbackDir, "--feedback", Gradebook.FeedbackFileNames(students).Values.ToList());
            if (plan.Problem() is { } outputProblem)
            {
                stderr.WriteLine($"memcourse grade: {outputProblem}");
                return CliApp.Usage;
            }
            foreach (var skip in skipped) stderr.WriteLine($"memcourse grade: skipped {OutputPath.Shown(skip)}{(skip.EndsWith(", not a file)", StringComparison.Ordinal) ? "" : " (not a notebook)")}");

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
                stderr.WriteLine($"memcourse grade: the source {OutputPath.Shown(sourcePath)} cannot be graded with:");
                foreach (var line in e.Message.Split('\n')) stderr.WriteLine($"  {OutputPath.Shown(line)}");
                return CliApp.Usage;
            }

            int done = 0;
            int total = slice is var (k, n) ? Enumerable.Range(0, files.Count).Count(i => i % n == k - 1) : files.Count;
            var grades = await Grader.GradeAsync(prepared, files, options, g =>
            {
                int count = Interlocked.Increment(ref done);
                lock (stdout) stdout.WriteLine($"[{count}/{total}] {OutputPath.Shown(g.Student),-24} {g.Earned,6:0.##} / {g.Possible:0.##}");
            });

            if (slice is var (shardK, shardN))
            {
                if (!OutputPath.TryWrite(stderr, "memcourse grade", outputs => outputs.Add(output, Gradebook.ToPartial(sourcePath, shardK, shardN, grades, students, prepared.Title)))) return CliApp.Usage;
                stdout.WriteLine($"Graded slice {shardK}/{shardN}: {Plural.Of(grades.Count, "submission")} -> {OutputPath.Shown(output)}");
                return CliApp.Ok;
            }
            if (!WriteGradebook(stderr, "memcourse grade", grades, output, jsonPath, feedbackDir!, prepared.Title)) return CliApp.Usage;
            stdout.WriteLine($"Graded {Plural.Of(grades.Count, "submission")} -> {OutputPath.Shown(output)}; feedback in {OutputPath.Shown(feedbackDir!)}");
            return CliApp.Ok;
        });
        return command;
    }

    // The gradebook, its JSON and the feedback folder: all together or none.
    private static bool WriteGradebook(TextWriter stderr, string command, IReadOnlyList<SubmissionGrade> grades, string csv, string? json, string feedbackDir, string title) =>
        OutputPath.TryWrite(stderr, command, outputs =>
        {
            outputs.Add(csv, Gradebook.ToCsv(grades));
            if (json is not null) outputs.Add(json, Gradebook.ToJson(grades));
            outputs.Fill(feedbackDir, Gradebook.FeedbackFiles(grades, title).Select(f => (f.Name, (string?)f.Text, (string?)null)));
        });

    /// <summary><c>memcourse gradebook merge PARTS... --out gradebook.csv</c>: the class's gradebook from the slices' partial gradebooks.</summary>
    public static Command CreateGradebook(TextWriter stdout, TextWriter stderr)
    {
        var parts = new Argument<string[]>("partials") { Arity = ArgumentArity.OneOrMore, Description = "The partial gradebooks (.json) that 'grade --shard K/N' wrote, one per slice." };
        var outCsv = new Option<string>("--out") { Description = "The gradebook CSV to write.", Required = true };
        var json = new Option<string?>("--json") { Description = "Also write the grades as JSON." };
        var feedback = new Option<string?>("--feedback") { Description = "Folder for one feedback file per student (default: a 'feedback' folder beside the gradebook)." };
        var title = new Option<string?>("--title") { Description = "The chapter's title for the feedback files (default: the title the slices recorded, as a single run titles them)." };
        var mergeSource = new Option<string?>("--source") { Description = "The chapter's instructor notebook the slices were graded with: checks each partial's seal and its checks against it." };
        var merge = new Command("merge", "Merge partial gradebooks into the gradebook one machine would have written.") { parts, outCsv, json, feedback, title, mergeSource };
        merge.SetAction(parse =>
        {
            var partials = parse.GetValue(parts)!;
            string output = parse.GetValue(outCsv)!;
            string? jsonPath = parse.GetValue(json);
            string? sourcePath = parse.GetValue(mergeSource);
            string feedbackDir = parse.GetValue(feedback) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(output))!, "feedback");
            var plan = new OutputPlan([.. partials, .. sourcePath is null ? Array.Empty<string>() : [sourcePath]])
                .File(output, "--out").File(jsonPath, "--json").Folder(feedbackDir, "--feedback");
            if (plan.Problem() is { } problem)
            {
                stderr.WriteLine($"memcourse gradebook merge: {problem}");
                return CliApp.Usage;
            }
            Gradebook.Merged merged;
            try { merged = Gradebook.MergeParts(partials, sourcePath); }
            catch (FormatException e)
            {
                stderr.WriteLine($"memcourse gradebook merge: {OutputPath.Shown(e.Message)}");
                return CliApp.Usage;
            }
            var grades = merged.Grades;
            string chapter = parse.GetValue(title) ?? merged.Title ?? "Feedback";
            var names = Gradebook.FeedbackFileNames(grades.Select(g => g.Student).ToList()).Values;
            if (OutputPath.CheckFolderFiles(feedbackDir, "--feedback", names) is { } taken)
            {
                stderr.WriteLine($"memcourse gradebook merge: {taken}");
                return CliApp.Usage;
            }
            if (!WriteGradebook(stderr, "memcourse gradebook merge", grades, output, jsonPath, feedbackDir, chapter)) return CliApp.Usage;
            stdout.WriteLine($"Merged {Plural.Of(grades.Count, "submission")} -> {OutputPath.Shown(output)}");
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
                    // A named pipe or a device never ends (or never opens): reported and left out, never read.
                    if (MemoryCourse.Foundation.Input.SpecialFile.Describe(f) is { } special) skipped.Add($"{f} ({special}, not a file)");
                    else if (NotebookFile.IsNotebookPath(f)) files.Add(f);
                    else skipped.Add(f);
                }
            }
            else if (MemoryCourse.Foundation.Input.SpecialFile.Describe(path) is { } special) return ([], [], $"{path} is {special}, not a notebook file");
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
