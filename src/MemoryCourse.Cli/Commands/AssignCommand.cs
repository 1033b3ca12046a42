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
            int status = CliApp.Ok;
            foreach (var path in parse.GetValue(notebooks)!)
            {
                Microsoft.DotNet.Interactive.Documents.InteractiveDocument source;
                try { source = NotebookFile.Load(path); }
                catch (NotebookFormatException e)
                {
                    stderr.WriteLine($"memcourse assign: {e.Message}");
                    status = CliApp.Usage;
                    continue;
                }
                var problems = ExerciseMarkers.Validate(source).ToList();
                if (ExerciseMarkers.Exercises(source).Count > 0 && ExerciseMarkers.SolutionsStart(source) < 0)
                    problems.Add($"it has no '{ExerciseMarkers.SolutionsHeading}' section, so it is already a student version: assign from the instructor's notebook");
                if (problems.Count > 0)
                {
                    foreach (var p in problems) stderr.WriteLine($"memcourse assign: {path}: {p}");
                    status = CliApp.Usage;
                    continue;
                }
                var result = StudentVersion.Make(source);
                string name = Path.GetFileNameWithoutExtension(path);
                string target = Path.Combine(dir, name + ".dib");
                NotebookFile.SaveDib(result.Student, target);
                string record = Path.Combine(dir, ".removed", name + ".json");
                AtomicFile.WriteAllText(record, JsonSerializer.Serialize(new
                {
                    source = Path.GetFullPath(path),
                    removed = result.Removed.Select(r => new { cell = r.Cell, kind = r.Kind, name = r.Name, original = r.OriginalSource }),
                }, new JsonSerializerOptions { WriteIndented = true }) + "\n");
                int solutions = ExerciseMarkers.Solutions(source).Count;
                int hidden = result.Removed.Count(r => r.Kind == "hidden-checks");
                stdout.WriteLine($"{target}: Solutions section removed ({solutions} solutions), hidden checks removed from {hidden} cells ({ExerciseMarkers.Checks(source).Count} checks)");
            }
            return status;
        });
        return command;
    }
}
