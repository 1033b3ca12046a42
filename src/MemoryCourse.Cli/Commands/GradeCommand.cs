using System.CommandLine;
using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Grading;
using MemoryCourse.Notebooks.Isolation;

namespace MemoryCourse.Cli.Commands;

/// <summary>
/// <c>memcourse grade --source NOTEBOOK SUBMISSION... --out gradebook.csv [--json FILE]</c>: grades every
/// submission (files, or folders of them) against the source's checks, visible and hidden, each in its own
/// process, and writes the gradebook. Exits 0 when every submission was graded — however badly it did —
/// and 2 when the command itself was misused.
/// </summary>
internal static class GradeCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var source = new Option<string>("--source") { Description = "The chapter with solutions and hidden checks.", Required = true };
        var submissions = new Argument<string[]>("submissions") { Arity = ArgumentArity.OneOrMore, Description = "Submitted notebooks, or folders of them." };
        var outCsv = new Option<string>("--out") { Description = "The gradebook CSV to write.", Required = true };
        var json = new Option<string?>("--json") { Description = "Also write the grades as JSON." };
        var timeout = new Option<double>("--timeout") { Description = "Per-cell time limit in seconds.", DefaultValueFactory = _ => 30 };
        var memory = new Option<int>("--memory") { Description = "Memory cap of each submission's process, in MiB.", DefaultValueFactory = _ => 1024 };
        var parallel = new Option<int>("--parallel") { Description = "Submissions graded at once.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("grade", "Grade submissions of a chapter and write a gradebook.") { source, submissions, outCsv, json, timeout, memory, parallel };
        command.SetAction(async (parse, cancel) =>
        {
            string sourcePath = parse.GetValue(source)!;
            Microsoft.DotNet.Interactive.Documents.InteractiveDocument notebook;
            try { notebook = NotebookFile.Load(sourcePath); }
            catch (NotebookFormatException e)
            {
                stderr.WriteLine($"memcourse grade: the source cannot be read: {e.Message}");
                return CliApp.Usage;
            }
            var problems = ExerciseMarkers.Validate(notebook);
            if (ExerciseMarkers.Checks(notebook).Count == 0) problems = [.. problems, "it has no check cells ('// check: NAME (N points)')"];
            if (problems.Count > 0)
            {
                foreach (var p in problems) stderr.WriteLine($"memcourse grade: source {sourcePath}: {p}");
                return CliApp.Usage;
            }
            var files = new List<string>();
            foreach (var path in parse.GetValue(submissions)!)
            {
                if (Directory.Exists(path)) files.AddRange(Directory.GetFiles(path, "*", SearchOption.AllDirectories).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal));
                else if (File.Exists(path)) files.Add(path);
                else
                {
                    stderr.WriteLine($"memcourse grade: no such file or folder: {path}");
                    return CliApp.Usage;
                }
            }
            if (files.Count == 0)
            {
                stderr.WriteLine("memcourse grade: no submissions found.");
                return CliApp.Usage;
            }
            var options = RunOptions.Default with
            {
                CellTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                MemoryLimitMiB = parse.GetValue(memory),
                Parallelism = Math.Max(1, parse.GetValue(parallel)),
            };
            var grades = await Grader.GradeAsync(sourcePath, notebook, files, options);
            Gradebook.Write(grades, parse.GetValue(outCsv)!, parse.GetValue(json));
            foreach (var g in grades) stdout.WriteLine($"{g.Student,-24} {g.Earned,6:0.##} / {g.Possible:0.##}");
            stdout.WriteLine($"Graded {grades.Count} submissions -> {parse.GetValue(outCsv)}");
            return CliApp.Ok;
        });
        return command;
    }
}
