using System.CommandLine;
using System.Text.Json;
using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Grading;

namespace MemoryCourse.Cli.Commands;

/// <summary>
/// <c>memcourse assign NOTEBOOK... --out DIR</c>: writes the student version of each chapter (the Solutions
/// section and hidden checks removed, everything else identical: the exercise cells keep their starting code)
/// and, in DIR/.removed/, a record of what was taken out of each one.
/// </summary>
internal static class AssignCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var notebooks = new Argument<string[]>("notebooks") { Arity = ArgumentArity.OneOrMore, Description = "Source chapters (.dib)." };
        var outDir = new Option<string>("--out") { Description = "Folder for the student versions.", Required = true };
        var command = new Command("assign", "Make student versions of chapters: solutions out, hidden checks out.") { notebooks, outDir };
        command.SetAction(parse =>
        {
            string dir = parse.GetValue(outDir)!;
            var paths = parse.GetValue(notebooks)!;
            // One student version per chapter, named by the chapter: two sources of one name would overwrite each other.
            if (paths.GroupBy(p => Path.GetFileNameWithoutExtension(p), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } same)
            {
                stderr.WriteLine($"memcourse assign: {string.Join(" and ", same.Select(OutputPath.Shown))} would both become {OutputPath.Shown(same.Key)}.dib in --out; assign them into separate folders");
                return CliApp.Usage;
            }
            var names = paths.SelectMany(p => new[] { Path.GetFileNameWithoutExtension(p) + ".dib", ".removed/" + Path.GetFileNameWithoutExtension(p) + ".json" }).ToList();
            if (new OutputPlan(paths).Folder(dir, "--out", names).Problem() is { } problem)
            {
                stderr.WriteLine($"memcourse assign: {problem}");
                return CliApp.Usage;
            }
            // Every chapter is read and checked before anything is written: the handout is whole or not written.
            var made = new List<(string Path, Microsoft.DotNet.Interactive.Documents.InteractiveDocument Source, StudentVersion.Result Result)>();
            int status = CliApp.Ok;
            foreach (var path in paths)
            {
                Microsoft.DotNet.Interactive.Documents.InteractiveDocument source;
                try { source = NotebookFile.Load(path); }
                catch (NotebookFormatException e)
                {
                    stderr.WriteLine($"memcourse assign: {OutputPath.Shown(e.Message)}");
                    status = CliApp.Usage;
                    continue;
                }
                var problems = ExerciseMarkers.Validate(source).ToList();
                if (ExerciseMarkers.Exercises(source).Count > 0 && ExerciseMarkers.SolutionsStart(source) < 0)
                    problems.Add($"it has no '{ExerciseMarkers.SolutionsHeading}' section, so it is already a student version: assign from the instructor's notebook");
                if (problems.Count > 0)
                {
                    foreach (var p in problems) stderr.WriteLine($"memcourse assign: {OutputPath.Shown(path)}: {OutputPath.Shown(p)}");
                    status = CliApp.Usage;
                    continue;
                }
                made.Add((path, source, StudentVersion.Make(source)));
            }
            if (status != CliApp.Ok) return status;

            var report = new List<string>();
            var files = new List<(string Name, string? Text, string? CopyOf)>();
            foreach (var (path, source, result) in made)
            {
                string name = Path.GetFileNameWithoutExtension(path);
                string target = Path.Combine(dir, name + ".dib");
                files.Add((name + ".dib", NotebookFile.ToDib(result.Student), null));
                files.Add((".removed/" + name + ".json", JsonSerializer.Serialize(new
                {
                    source = Path.GetFullPath(path),
                    removed = result.Removed.Select(r => new { cell = r.Cell, kind = r.Kind, name = r.Name, original = r.OriginalSource }),
                }, new JsonSerializerOptions { WriteIndented = true }) + "\n", null));
                int solutions = ExerciseMarkers.Solutions(source).Count;
                int hidden = result.Removed.Count(r => r.Kind == "hidden-checks");
                report.Add($"{OutputPath.Shown(target)}: Solutions section removed ({solutions} solutions), hidden checks removed from {hidden} cells ({ExerciseMarkers.Checks(source).Count} checks)");
            }
            if (!OutputPath.TryWrite(stderr, "memcourse assign", outputs => outputs.Fill(dir, files))) return CliApp.Usage;
            foreach (var line in report) stdout.WriteLine(line);
            return CliApp.Ok;
        });
        return command;
    }
}
