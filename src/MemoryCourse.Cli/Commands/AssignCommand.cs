using System.CommandLine;
using System.Text.Json;
using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Grading;

namespace MemoryCourse.Cli.Commands;

/// <summary>
/// <c>memcourse assign NOTEBOOK... --out DIR</c>: writes the student version of each chapter (the Solutions
/// section and hidden checks removed, everything else identical: the exercise cells keep their starting code)
/// and a record of what was taken out of each one. The record holds the answers, so it never goes into the
/// handout folder (zipped or committed, the answers would go with it): it goes to <c>--removed DIR</c>, or by
/// default to a <c>.removed</c> folder beside the source chapter, and names the source by a relative path.
/// </summary>
internal static class AssignCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var notebooks = new Argument<string[]>("notebooks") { Arity = ArgumentArity.OneOrMore, Description = "Source chapters (.dib)." };
        var outDir = new Option<string>("--out") { Description = "Folder for the student versions.", Required = true };
        var removedDir = new Option<string?>("--removed") { Description = "Folder for the record of what was removed (it holds the answers; never inside --out). Default: .removed beside each source chapter." };
        var command = new Command("assign", "Make student versions of chapters: solutions out, hidden checks out.") { notebooks, outDir, removedDir };
        command.SetAction(parse =>
        {
            string dir = parse.GetValue(outDir)!;
            string? removedGiven = parse.GetValue(removedDir);
            foreach (var path in parse.GetValue(notebooks)!)
            {
                string recordDir = RecordFolder(path, removedGiven);
                if (IsInside(recordDir, dir))
                {
                    stderr.WriteLine($"memcourse assign: the record of what was removed ({recordDir}) would be inside the handout folder {dir}, and the answers would go out with the handout: give --removed a folder outside it.");
                    return CliApp.Usage;
                }
            }
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
                string record = Path.Combine(RecordFolder(path, removedGiven), name + ".json");
                AtomicFile.WriteAllText(record, JsonSerializer.Serialize(new
                {
                    // Relative to the record's folder: the record says nothing about the instructor's machine.
                    source = Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(record))!, Path.GetFullPath(path)).Replace('\\', '/'),
                    removed = result.Removed.Select(r => new { cell = r.Cell, kind = r.Kind, name = r.Name, original = r.OriginalSource }),
                }, new JsonSerializerOptions { WriteIndented = true }) + "\n");
                int solutions = ExerciseMarkers.Solutions(source).Count;
                int hidden = result.Removed.Count(r => r.Kind == "hidden-checks");
                stdout.WriteLine($"{target}: Solutions section removed ({solutions} solutions), hidden checks removed from {hidden} cells ({ExerciseMarkers.Checks(source).Count} checks); recorded in {record} (keep it out of the handout)");
            }
            return status;
        });
        return command;
    }

    /// <summary>Where the record for <paramref name="source"/> goes: the given folder, or .removed beside the source.</summary>
    private static string RecordFolder(string source, string? given) =>
        Path.GetFullPath(given ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(source))!, ".removed"));

    private static bool IsInside(string path, string folder)
    {
        string relative = Path.GetRelativePath(Path.GetFullPath(folder), Path.GetFullPath(path));
        return relative == "." || (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative));
    }
}
