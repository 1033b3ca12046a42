using System.CommandLine;
using System.Text.Json;
using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Grading;
using Microsoft.DotNet.Interactive.Documents;

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
    private const string Name = "assign";

    /// <summary>What <c>assign</c> was asked to do, as the parser read and checked it.</summary>
    public sealed record Options(IReadOnlyList<string> Notebooks, string Out, string? Removed);

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var notebooks = new Argument<string[]>("notebooks") { Arity = ArgumentArity.OneOrMore, Description = "Source chapters (.dib)." };
        var outDir = new Option<string>("--out") { Description = "Folder for the student versions.", Required = true };
        var removedDir = new Option<string?>("--removed")
        {
            Description = "Folder for the record of what was removed (it holds the answers; never inside --out). "
                          + "Default: .removed beside each source chapter.",
        };
        // One student version per chapter, named by the chapter: two sources of one name would overwrite each other.
        notebooks.Rule(Name, (paths, _) =>
            paths.GroupBy(p => Path.GetFileNameWithoutExtension(p), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } same
                ? $"{string.Join(" and ", same.Select(OutputPath.Shown))} would both become {OutputPath.Shown(same.Key)}.dib in --out; "
                  + "assign them into separate folders"
                : null);
        var command = new Command(Name, "Make student versions of chapters: solutions out, hidden checks out.") { notebooks, outDir, removedDir };
        command.SetAction(parse => Execute(new Options(parse.GetValue(notebooks)!, parse.GetValue(outDir)!, parse.GetValue(removedDir)), stdout, stderr));
        return command;
    }

    private static int Execute(Options o, TextWriter stdout, TextWriter stderr)
    {
        var (paths, dir, removedGiven) = (o.Notebooks, o.Out, o.Removed);
        var names = paths.Select(p => Path.GetFileNameWithoutExtension(p) + ".dib").ToList();
        var plan = new OutputPlan(paths).Folder(dir, "--out", names);
        foreach (var path in paths) plan = plan.File(RecordPath(path, removedGiven), "--removed");
        if (plan.Problem() is { } problem)
        {
            stderr.WriteLine($"memcourse assign: {problem}");
            return CliApp.Usage;
        }
        // The answers never go out with the handout.
        if (paths.Select(path => RecordFolder(path, removedGiven)).FirstOrDefault(record => IsInside(record, dir)) is { } inside)
        {
            stderr.WriteLine($"memcourse assign: the record of what was removed ({inside}) would be inside the handout folder {dir}, "
                             + "and the answers would go out with the handout: give --removed a folder outside it.");
            return CliApp.Usage;
        }
        // Every chapter is read and checked before anything is written: the handout is whole or not written.
        var made = new List<(string Path, InteractiveDocument Source, StudentVersion.Result Result)>();
        int status = CliApp.Ok;
        foreach (var path in paths)
        {
            InteractiveDocument source;
            try { source = NotebookFile.Load(path); }
            catch (NotebookFormatException e)
            {
                stderr.WriteLine($"memcourse assign: {OutputPath.Shown(e.Message)}");
                status = CliApp.Usage;
                continue;
            }
            var problems = ExerciseMarkers.Validate(source).ToList();
            if (ExerciseMarkers.Exercises(source).Count > 0 && ExerciseMarkers.SolutionsStart(source) < 0)
                problems.Add($"it has no '{ExerciseMarkers.SolutionsHeading}' section, so it is already a student version: "
                             + "assign from the instructor's notebook");
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
        var records = new List<(string Path, string Text)>();
        foreach (var (path, source, result) in made)
        {
            string name = Path.GetFileNameWithoutExtension(path);
            string target = Path.Combine(dir, name + ".dib");
            files.Add((name + ".dib", NotebookFile.ToDib(result.Student), null));
            string record = RecordPath(path, removedGiven);
            records.Add((record, JsonSerializer.Serialize(new
            {
                // Relative to the record's folder: the record says nothing about the instructor's machine.
                source = Path.GetRelativePath(Path.GetDirectoryName(Path.GetFullPath(record))!, Path.GetFullPath(path)).Replace('\\', '/'),
                removed = result.Removed.Select(r => new { cell = r.Cell, kind = r.Kind, name = r.Name, original = r.OriginalSource }),
            }, new JsonSerializerOptions { WriteIndented = true }) + "\n"));
            int solutions = ExerciseMarkers.Solutions(source).Count;
            int hidden = result.Removed.Count(r => r.Kind == "hidden-checks");
            int checks = ExerciseMarkers.Checks(source).Count;
            report.Add($"{OutputPath.Shown(target)}: Solutions section removed ({solutions} solutions), hidden checks removed from {hidden} cells "
                       + $"({checks} checks); recorded in {OutputPath.Shown(record)} (keep it out of the handout)");
        }
        if (!OutputPath.TryWrite(stderr, "memcourse assign", outputs =>
        {
            outputs.Fill(dir, files);
            foreach (var (record, text) in records) outputs.Add(record, text);
        })) return CliApp.Usage;
        foreach (var line in report) stdout.WriteLine(line);
        return CliApp.Ok;
    }

    /// <summary>Where the record for <paramref name="source"/> goes: the given folder, or .removed beside the source.</summary>
    private static string RecordFolder(string source, string? given) =>
        Path.GetFullPath(given ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(source))!, ".removed"));

    private static string RecordPath(string source, string? given) =>
        Path.Combine(RecordFolder(source, given), Path.GetFileNameWithoutExtension(source) + ".json");

    private static bool IsInside(string path, string folder)
    {
        string relative = Path.GetRelativePath(Path.GetFullPath(folder), Path.GetFullPath(path));
        return relative == "." || (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative));
    }
}
