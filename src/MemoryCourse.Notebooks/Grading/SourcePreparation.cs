using MemoryCourse.Notebooks.Documents;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>
/// Readies a source notebook for grading: it must have check cells and its Solutions section, its checks and
/// hidden checks must be within what checks may do and compile against the chapter, and the chapter with its
/// worked solutions in the exercise cells (the reference run) must run clean and pass its own checks. The
/// reference run's records are the expected values every submission is judged against; a class graded again on
/// the same machine (another shard, a second pass) takes them from <see cref="ReferenceCache"/> instead of
/// running the chapter again.
/// </summary>
internal static class SourcePreparation
{
    /// <summary>Problems that make <paramref name="source"/> unusable for grading (empty when it is fine).</summary>
    public static IReadOnlyList<string> Problems(InteractiveDocument source, IReadOnlyDictionary<string, string> hidden)
    {
        var problems = ExerciseMarkers.Validate(source).ToList();
        var checks = ExerciseMarkers.Checks(source);
        if (checks.Count == 0) problems.Add("it has no check cells ('// check: NAME (N points)'), so there is nothing to grade with");
        if (ExerciseMarkers.SolutionsStart(source) < 0)
            problems.Add($"it is a student version (it has no '{ExerciseMarkers.SolutionsHeading}' section with the worked solutions): " +
                "grade with the instructor's notebook, which has them");
        foreach (var check in checks)
        {
            foreach (var p in CheckCode.Problems(source.Elements[check.CellIndex].Contents, hidden.GetValueOrDefault(check.Name, "")))
                problems.Add($"check '{check.Name}' (cell {check.CellIndex + 1}): {p}");
        }
        return problems;
    }

    /// <summary>Checks the source and runs it once (the reference run). Throws <see cref="GradingException"/> when it cannot be graded with.</summary>
    public static async Task<Grader.Prepared> PrepareAsync(string sourcePath, InteractiveDocument source, GradeOptions options)
    {
        var problems = Problems(source, options.Hidden);
        if (problems.Count > 0) throw new GradingException(string.Join("\n", problems));
        var exercises = ExerciseMarkers.Exercises(source);
        var checks = ExerciseMarkers.Checks(source);
        var screen = new ExerciseScreen(source, Path.GetDirectoryName(Path.GetFullPath(sourcePath))!,
            ExercisePolicy.ForChapter(Path.GetFileNameWithoutExtension(sourcePath)));
        // The hidden checks must compile against the chapter (checked here, before anything runs) ...
        var hiddenProblems = new List<string>();
        foreach (var check in checks)
            if (options.Hidden.TryGetValue(check.Name, out var hiddenCode))
                foreach (var (line, message) in screen.HiddenCheckErrors(CheckCode.SplitHidden(source.Elements[check.CellIndex].Contents).Visible, hiddenCode))
                    hiddenProblems.Add($"{HiddenWhere(options.Hidden, check.Name, line)}: it does not compile against the chapter: {message}");
        if (hiddenProblems.Count > 0) throw new GradingException(string.Join("\n", hiddenProblems));
        var reference = await ReferenceCache.GetOrRunAsync(options.ReferenceCacheFolder, source, sourcePath, options,
            () => ReferenceRunAsync(sourcePath, source, options));
        string title = NotebookTitle.Of(source, sourcePath);
        return new Grader.Prepared(sourcePath, source, checks, exercises, reference, screen, title);
    }

    // The reference run: the worked solutions in the exercise cells. It must run clean: a check cell that throws
    // there is the source's problem, not a learner's; and every check must pass on the worked solutions.
    private static async Task<IReadOnlyList<CheckRecord>> ReferenceRunAsync(string sourcePath, InteractiveDocument source, GradeOptions options)
    {
        GradedRun run;
        await using (var kernels = new SandboxedKernels(source, sourcePath, options, moreToCome: () => false))
            run = await SandboxedRun.RunAsync(source, ExerciseMarkers.SolutionCode(source), options.Hidden, kernels, new HashSet<string>(), learner: false);
        if (run.CheckFailureLines.Count > 0)
            throw new GradingException(string.Join("\n", run.CheckFailureLines.Select(f =>
                CheckFailureWhere(source, options.Hidden, f.Key, run.HiddenLineReached.GetValueOrDefault(f.Key))
                + $": it throws on the worked solutions: {run.CheckFailures[f.Key]}")));
        if (run.Records is null)
            throw new GradingException($"the instructor's notebook does not run to its end under grading: {run.Failure}");
        var self = Verdicts.SelfCheck(run.Records);
        if (self.Count > 0) throw new GradingException(string.Join("\n", self));
        return run.Records;
    }

    // Where a line of a check's hidden code stands: the hidden checks file and its line when known.
    private static string HiddenWhere(IReadOnlyDictionary<string, string> hidden, string check, int line) =>
        hidden is HiddenCheckSet set && set.FileLine(check, line) is > 0 and var fileLine
            ? $"hidden checks {set.Path}:{fileLine} (section '{check}')"
            : $"hidden checks, section '{check}', line {line}";

    // Where a check cell that failed in the reference run failed: the hidden checks file's line when the last
    // hidden statement that began (hiddenLine, 1-based in the cell's hidden code, 0 when none did) is the file's.
    private static string CheckFailureWhere(InteractiveDocument source, IReadOnlyDictionary<string, string> hidden, string check, int hiddenLine)
    {
        var cell = ExerciseMarkers.Checks(source).First(c => c.Name == check);
        var (_, inCell) = CheckCode.SplitHidden(source.Elements[cell.CellIndex].Contents);
        // The hidden code is the cell's own hidden lines, a line break, then the file's section.
        int fileSectionLine = hiddenLine - inCell.Split('\n').Length;
        if (hiddenLine > 0 && fileSectionLine >= 1 && hidden.ContainsKey(check)) return HiddenWhere(hidden, check, fileSectionLine);
        return $"check '{check}' (cell {cell.CellIndex + 1} of the source)";
    }
}
