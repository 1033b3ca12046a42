using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Kernel;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>One row of the gradebook: a student's result on one check (or their total), with the check's hint when it failed.</summary>
public sealed record GradeRow(string Student, string Check, double Earned, double Possible, string Message, string? Hint = null);

/// <summary>A graded submission: its rows (one per check of the source, then the total).</summary>
public sealed record SubmissionGrade(string Student, string Path, IReadOnlyList<GradeRow> Rows)
{
    public double Earned => Rows.Where(r => r.Check != Grader.TotalRow).Sum(r => r.Earned);
    public double Possible => Rows.Where(r => r.Check != Grader.TotalRow).Sum(r => r.Possible);
}

/// <summary>How to grade: the run's limits, an instructor's hidden checks, and which slice of the class to take.</summary>
public sealed record GradeOptions(RunOptions Run)
{
    /// <summary>Extra check code per check, from <c>--hidden FILE</c> (see <see cref="HiddenChecks"/>).</summary>
    public IReadOnlyDictionary<string, string> Hidden { get; init; } = new Dictionary<string, string>();

    /// <summary>Grade only the K-th of N deterministic slices of the submissions (1-based), or all when null.</summary>
    public (int K, int N)? Shard { get; init; }

    /// <summary>
    /// Runs exercise cells without the exercise screen. Only for tests that prove the verdict and the quotas hold
    /// even against code that got past the screen; never set by <c>memcourse grade</c>.
    /// </summary>
    internal bool Unscreened { get; init; }

    /// <summary>What the machine offers for sandboxing (probed once by the caller).</summary>
    public SandboxSupport Sandbox { get; init; } = SandboxSupport.Probe();
}

/// <summary>
/// Grades submissions of one chapter against its source notebook. A student owns only the exercise
/// cells: every other cell, and every check with its hidden checks, comes from the source. Each exercise
/// cell is screened first (<see cref="ExerciseScreen"/>); what is refused never runs, and its row says why;
/// one left as its starting code is not solved yet, and one missing runs as its starting code.
/// The chapter then runs in a fresh kernel inside a sandbox, with the student's exercise cells, and only
/// after all of it the checks, recording values rather than judging; the chapter with its worked solutions
/// (its Solutions section) in the exercise cells runs the same way once, in its own process, for the
/// expected values; the verdict is reached here
/// (<see cref="Verdicts"/>). A submission whose code stops its kernel (an endless loop, a memory bomb, a
/// stack overflow, an exit) loses that exercise, and is run again without it, so its other exercises
/// still count; nothing a submission does reaches another student's grade.
/// </summary>
public static class Grader
{
    public const string TotalRow = "TOTAL";
    private const string NotSolved = "not solved yet";
    private const int MaxRetries = 4;

    /// <summary>The source, checked and ready to grade with: its checks, exercises and the reference run's records.</summary>
    public sealed record Prepared(string SourcePath, InteractiveDocument Source, IReadOnlyList<ExerciseMarkers.CheckCell> Checks,
        IReadOnlyList<ExerciseMarkers.ExerciseCell> Exercises, IReadOnlyList<CheckRecord> Reference, ExerciseScreen Screen, string Title)
    {
        /// <summary>The student version: its exercise cells hold the starting code, which runs when an exercise is missing, refused or stopped, and which an unsolved exercise still is.</summary>
        public InteractiveDocument Student { get; } = StudentVersion.Make(Source).Student;

        private Task<GradedRun>? _unsolved;
        private readonly object _gate = new();

        /// <summary>The graded run of the untouched student version, made once and shared (it holds no learner code).</summary>
        internal Task<GradedRun> UnsolvedRunAsync(GradeOptions options)
        {
            lock (_gate)
                return _unsolved ??= RunGradedAsync(SourcePath, Source, Exercises.ToDictionary(e => e.CellIndex, e => Student.Elements[e.CellIndex].Contents), options, new HashSet<string>(), learner: true);
        }
    }

    /// <summary>Problems that make <paramref name="source"/> unusable for grading (empty when it is fine).</summary>
    public static IReadOnlyList<string> SourceProblems(InteractiveDocument source, IReadOnlyDictionary<string, string> hidden)
    {
        var problems = ExerciseMarkers.Validate(source).ToList();
        var checks = ExerciseMarkers.Checks(source);
        if (checks.Count == 0) problems.Add("it has no check cells ('// check: NAME (N points)'), so there is nothing to grade with");
        if (ExerciseMarkers.SolutionsStart(source) < 0)
            problems.Add($"it is a student version (it has no '{ExerciseMarkers.SolutionsHeading}' section with the worked solutions): grade with the instructor's notebook, which has them");
        foreach (var check in checks)
            foreach (var p in CheckCode.Problems(source.Elements[check.CellIndex].Contents, hidden.GetValueOrDefault(check.Name, "")))
                problems.Add($"check '{check.Name}' (cell {check.CellIndex + 1}): {p}");
        return problems;
    }

    /// <summary>Checks the source and runs it once (the reference run). Throws <see cref="GradingException"/> when it cannot be graded with.</summary>
    public static async Task<Prepared> PrepareAsync(string sourcePath, InteractiveDocument source, GradeOptions options)
    {
        var problems = SourceProblems(source, options.Hidden);
        if (problems.Count > 0) throw new GradingException(string.Join("\n", problems));
        var exercises = ExerciseMarkers.Exercises(source);
        var screen = new ExerciseScreen(source, Path.GetDirectoryName(Path.GetFullPath(sourcePath))!, ExercisePolicy.ForChapter(Path.GetFileNameWithoutExtension(sourcePath)));
        // The hidden checks must compile against the chapter (checked here, before anything runs) ...
        var hiddenProblems = new List<string>();
        foreach (var check in ExerciseMarkers.Checks(source))
            if (options.Hidden.TryGetValue(check.Name, out var hiddenCode))
                foreach (var (line, message) in screen.HiddenCheckErrors(CheckCode.SplitHidden(source.Elements[check.CellIndex].Contents).Visible, hiddenCode))
                    hiddenProblems.Add($"{HiddenWhere(options.Hidden, check.Name, line)}: it does not compile against the chapter: {message}");
        if (hiddenProblems.Count > 0) throw new GradingException(string.Join("\n", hiddenProblems));
        var own = ExerciseMarkers.SolutionCode(source); // the reference run: the worked solutions in the exercise cells
        var run = await RunGradedAsync(sourcePath, source, own, options, new HashSet<string>(), learner: false);
        // ... and run clean on the worked solutions: a check cell that throws there is the source's problem, not a learner's.
        if (run.CheckFailureLines.Count > 0)
            throw new GradingException(string.Join("\n", run.CheckFailureLines.Select(f => CheckFailureWhere(source, options.Hidden, f.Key, run.HiddenLineReached.GetValueOrDefault(f.Key)) + $": it throws on the worked solutions: {run.CheckFailures[f.Key]}")));
        if (run.Records is null)
            throw new GradingException($"the instructor's notebook does not run to its end under grading: {run.Failure}");
        var self = Verdicts.SelfCheck(run.Records);
        if (self.Count > 0) throw new GradingException(string.Join("\n", self));
        return new Prepared(sourcePath, source, ExerciseMarkers.Checks(source), exercises, run.Records, screen, NotebookTitle.Of(source, sourcePath));
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

    /// <summary>Grades every submission (or the options' shard of them), several at once; grades come back sorted by student.</summary>
    public static async Task<IReadOnlyList<SubmissionGrade>> GradeAsync(Prepared prepared, IReadOnlyList<string> submissions, GradeOptions options, Action<SubmissionGrade>? onGraded = null)
    {
        var students = StudentNames(prepared.SourcePath, submissions);
        var order = Enumerable.Range(0, submissions.Count).OrderBy(i => students[i], StringComparer.Ordinal).ToList();
        if (options.Shard is var (k, n)) order = ClassSlice.Of(order, k, n).ToList();
        var grades = new SubmissionGrade[order.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, order.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Run.Parallelism) },
            async (j, _) =>
            {
                int i = order[j];
                try { grades[j] = await GradeOneAsync(prepared, students[i], submissions[i], options); }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // Whatever went wrong grading one submission (a full disk, a sandbox that would not start) is
                    // that submission's row; the class is still graded and the gradebook still written.
                    grades[j] = Zero(prepared, students[i], submissions[i], $"this submission could not be graded: {e.GetType().Name}: {e.Message}");
                }
                onGraded?.Invoke(grades[j]);
            });
        return grades;
    }

    private static async Task<SubmissionGrade> GradeOneAsync(Prepared prepared, string student, string path, GradeOptions options)
    {
        LoadedNotebook loaded;
        try { loaded = NotebookFile.LoadWithFirstLines(path); }
        catch (NotebookFormatException e) { return Zero(prepared, student, path, $"the submission could not be read: {e.Problem}"); }
        var (submission, firstLines) = loaded;

        var matched = Match(prepared, submission);
        if (matched.Count == 0 && ExerciseMarkers.Checks(submission).All(c => prepared.Checks.All(p => p.Name != c.Name)))
        {
            string other = NotebookTitle.Of(submission) is { } t && t != prepared.Title ? $"'{t}'" : "another chapter";
            return Zero(prepared, student, path, $"this is a submission of {other}, not of '{prepared.Title}': none of its exercises or checks belong to this chapter");
        }

        var notes = EditNotes(prepared, submission);
        var rows = new Dictionary<string, (bool Passed, string Message, string? Hint)>();
        var learnerCode = new Dictionary<int, string>();
        var placeholders = prepared.Student;
        var position = new Dictionary<int, (int Cell, int FileLine)>(); // source exercise cell -> the learner's cell and its first file line
        foreach (var exercise in prepared.Exercises)
        {
            if (!matched.TryGetValue(exercise.CellIndex, out int theirs))
            {
                learnerCode[exercise.CellIndex] = placeholders.Elements[exercise.CellIndex].Contents;
                SetExerciseRows(prepared, exercise, rows, $"exercise '{exercise.Name}' is missing from the submission");
                continue;
            }
            // Windows line ends are line ends to everyone; any other \r is refused by the screen (the kernel reads it as a line break, C# does not).
            string code = submission.Elements[theirs].Contents.Replace("\r\n", "\n");
            position[exercise.CellIndex] = (theirs, firstLines is not null && theirs < firstLines.Count ? firstLines[theirs] : 0);
            if (ExerciseMarkers.Normalize(code) == ExerciseMarkers.Normalize(placeholders.Elements[exercise.CellIndex].Contents))
            {
                learnerCode[exercise.CellIndex] = placeholders.Elements[exercise.CellIndex].Contents;
                SetExerciseRows(prepared, exercise, rows, NotSolved, withHint: true);
                continue;
            }
            var refused = options.Unscreened ? [] : prepared.Screen.Screen(exercise.CellIndex, code);
            if (refused.Count > 0)
            {
                learnerCode[exercise.CellIndex] = placeholders.Elements[exercise.CellIndex].Contents;
                var f = refused[0];
                SetExerciseRows(prepared, exercise, rows, $"refused before running: {Where(f.Line, position[exercise.CellIndex].FileLine)}: {f.Construct} ({f.Reason}), which an exercise never needs{(refused.Count > 1 ? $" (and {refused.Count - 1} more)" : "")}");
                continue;
            }
            learnerCode[exercise.CellIndex] = code;
        }

        // Run; when the learner's code stops the kernel, take that exercise (or check) out and run again.
        var skippedChecks = new HashSet<string>();
        GradedRun run = default!;
        for (int attempt = 0; attempt <= MaxRetries; attempt++)
        {
            // No learner code left to run (every exercise missing, refused or unsolved): the student version's run, made once, is this run.
            bool unsolved = skippedChecks.Count == 0 && prepared.Exercises.All(e => learnerCode[e.CellIndex] == placeholders.Elements[e.CellIndex].Contents);
            run = unsolved ? await prepared.UnsolvedRunAsync(options) : await RunGradedAsync(prepared.SourcePath, prepared.Source, learnerCode, options, skippedChecks, learner: true);
            if (run.Records is not null || run.StoppedAt is not { } stopped) break;
            if (stopped.Role == GradedCellRole.Exercise)
            {
                var exercise = prepared.Exercises.First(e => e.CellIndex == stopped.SourceCell);
                SetExerciseRows(prepared, exercise, rows, $"your exercise cell was stopped: {run.Failure}");
                learnerCode[exercise.CellIndex] = placeholders.Elements[exercise.CellIndex].Contents;
            }
            else if (stopped.Role == GradedCellRole.Check)
            {
                rows.TryAdd(stopped.Name, (false, $"checking stopped: {run.Failure}", null));
                skippedChecks.Add(stopped.Name);
            }
            else break;
        }

        var gradeRows = new List<GradeRow>();
        foreach (var check in prepared.Checks)
        {
            string note = notes.TryGetValue(check.Name, out var n) ? $" [{n}]" : "";
            if (!rows.TryGetValue(check.Name, out var row))
            {
                if (run.Records is null) row = (false, $"not checked: the run did not finish: {run.Failure}", null);
                else
                {
                    var exerciseFailure = ExerciseFailureBefore(prepared, check, run, position);
                    var verdict = Verdicts.Judge(prepared.Reference.Where(r => r.Check == check.Name).ToList(),
                        run.Records.Where(r => r.Check == check.Name).ToList(), run.CheckFailures.GetValueOrDefault(check.Name));
                    row = verdict.Passed ? (true, "passed", null)
                        : (false, exerciseFailure is null ? verdict.Message : $"{exerciseFailure}; then {verdict.Message}", verdict.Hint);
                }
            }
            gradeRows.Add(new GradeRow(student, check.Name, row.Passed ? check.Points : 0, check.Points, OneLine(row.Message + note), row.Hint));
        }
        gradeRows.Add(new GradeRow(student, TotalRow, gradeRows.Sum(r => r.Earned), gradeRows.Sum(r => r.Possible), OneLine(string.Join("; ", notes.Values.Distinct()))));
        return new SubmissionGrade(student, path, gradeRows);
    }

    /// <summary>The outcome of one graded run: the recorder's records (null when the run did not reach them), failures of check cells, and where it stopped.</summary>
    internal sealed record GradedRun(IReadOnlyList<CheckRecord>? Records, IReadOnlyDictionary<string, string> CheckFailures,
        IReadOnlyDictionary<int, CellFailure> ExerciseFailures, GradedCell? StoppedAt, string? Failure)
    {
        /// <summary>The failures of check cells, with their line in the graded cell.</summary>
        public IReadOnlyDictionary<string, CellFailure> CheckFailureLines { get; init; } = new Dictionary<string, CellFailure>();

        /// <summary>Per check, the last line of its hidden checks that began to run (the reference run marks them).</summary>
        public IReadOnlyDictionary<string, int> HiddenLineReached { get; init; } = new Dictionary<string, int>();
    }

    private static async Task<GradedRun> RunGradedAsync(string sourcePath, InteractiveDocument source, IReadOnlyDictionary<int, string> exercises, GradeOptions options, IReadOnlySet<string> skippedChecks, bool learner)
    {
        string recorder = GradedNotebook.NewRecorderName();
        string mark = GradedNotebook.NewMark();
        var graded = GradedNotebook.Compose(source, exercises, options.Hidden, recorder, mark, learner, skippedChecks);
        string tool = options.Run.KernelDll ?? KernelTool.Find() ?? throw new GradingException(KernelTool.NotInstalledMessage);
        var run = options.Run with { ContinueOnError = true, ManagedHeapLimit = true, Parameters = GradingParameters(source) };
        using var sandbox = new GradingSandbox(source, sourcePath, options.Sandbox, run);
        var injected = NotebookParameters.InjectedCode(graded.Notebook, run.Parameters);
        var afterCell = injected is null ? null : new Dictionary<int, string> { [NotebookParameters.FindParametersCell(graded.Notebook)] = injected };
        var outcome = await new NotebookExecutor(run).RunAsync(graded.Notebook, null, sandbox.Launch(tool, run), afterCell);

        var checkFailures = new Dictionary<string, string>();
        var checkFailureLines = new Dictionary<string, CellFailure>();
        var exerciseFailures = new Dictionary<int, CellFailure>();
        GradedCell? stoppedAt = null;
        string? failure = null;
        for (int i = 0; i < outcome.Cells.Count; i++)
        {
            var cell = graded.Cells[i];
            var result = outcome.Cells[i];
            if (result.Failure is not { } f) continue;
            if (IsFatal(f) && stoppedAt is null) { stoppedAt = cell; failure = Explain(f); }
            if (cell.Role == GradedCellRole.Check) { checkFailures[cell.Name] = Explain(f); checkFailureLines[cell.Name] = f; }
            if (cell.Role == GradedCellRole.Exercise) exerciseFailures[cell.SourceCell] = f;
            if (cell.Role is GradedCellRole.Chapter or GradedCellRole.RecorderSetup or GradedCellRole.Report && failure is null) failure = $"cell {(cell.SourceCell >= 0 ? cell.SourceCell + 1 : i + 1)} of the chapter failed: {Explain(f)}";
        }
        // The records are the marked lines each check cell wrote as it ran; the last cell only says how many
        // there were, so a run that did not get there (or whose lines went missing) has no records at all.
        var written = new List<CheckRecord>();
        var hiddenLines = new Dictionary<string, int>();
        string? unreadable = null;
        for (int i = 0; i < outcome.Cells.Count; i++)
        {
            if (graded.Cells[i].Role != GradedCellRole.Check) continue;
            foreach (var output in outcome.Cells[i].Outputs.OfType<TextElement>().Where(t => t.Name == "stdout"))
                foreach (var line in output.Text.Split('\n'))
                    if (line.StartsWith(mark + ":at:", StringComparison.Ordinal))
                    {
                        if (int.TryParse(line[(mark.Length + 4)..], out int at)) hiddenLines[graded.Cells[i].Name] = at;
                    }
                    else if (line.StartsWith(mark + ":", StringComparison.Ordinal))
                    {
                        try { written.Add(CheckRecord.ReadLine(line[(mark.Length + 1)..])); }
                        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException) { unreadable ??= "a check's record could not be read"; }
                    }
        }
        IReadOnlyList<CheckRecord>? records = null;
        var report = outcome.Cells[^1];
        if (report.Status == CellStatus.Passed && report.Outputs.Select(o => OutputData.Get(o, "text/plain")).LastOrDefault(t => t is not null) is { } text)
        {
            if (text.Trim().Trim('"') == $"{mark}:done:{written.Count}" && unreadable is null) records = written;
            else failure ??= unreadable ?? "the checks' records are incomplete (a check's output was cut or lost)";
        }
        return new GradedRun(records, checkFailures, exerciseFailures, stoppedAt, failure) { CheckFailureLines = checkFailureLines, HiddenLineReached = hiddenLines };
    }

    /// <summary>The parameter a chapter declares to read captured samples rather than the live machine.</summary>
    public const string CapturedSamplesParameter = "useCapturedSamples";

    // The reference run and a learner's run are two processes at two moments: a value read from the live
    // machine (/proc, this process's status) differs between them, so a check on it could never match. A
    // chapter that can read captured samples instead does so in every graded run.
    private static IReadOnlyDictionary<string, string> GradingParameters(InteractiveDocument source)
    {
        int cell = NotebookParameters.FindParametersCell(source);
        bool declares = cell >= 0 && NotebookParameters.Declarations(source.Elements[cell].Contents).Any(d => d.Name == CapturedSamplesParameter && d.Type == "bool");
        return declares ? new Dictionary<string, string> { [CapturedSamplesParameter] = "true" } : new Dictionary<string, string>();
    }

    private static bool IsFatal(CellFailure f) => f.Kind is FailureKind.Timeout or FailureKind.OutOfMemory or FailureKind.StackOverflow
        or FailureKind.ProcessExit or FailureKind.Crash or FailureKind.OutputLimit or FailureKind.KernelUnavailable;

    // An exercise whose cell failed is the likely cause of its checks failing; say so first.
    private static string? ExerciseFailureBefore(Prepared prepared, ExerciseMarkers.CheckCell check, GradedRun run, IReadOnlyDictionary<int, (int Cell, int FileLine)> position)
    {
        var exercise = prepared.Exercises.LastOrDefault(e => e.CellIndex < check.CellIndex);
        if (exercise is null || !run.ExerciseFailures.TryGetValue(exercise.CellIndex, out var f)) return null;
        int fileLine = position.TryGetValue(exercise.CellIndex, out var p) ? p.FileLine : 0;
        return $"your exercise cell '{exercise.Name}' failed at {Where(f.Line, fileLine)}: {Explain(f)}";
    }

    private static string Where(int line, int fileLine) =>
        line <= 0 ? "an unknown line" : fileLine > 0 ? $"line {line} of the cell (line {fileLine + line - 1} of your file)" : $"line {line} of the cell";

    private static void SetExerciseRows(Prepared prepared, ExerciseMarkers.ExerciseCell exercise, Dictionary<string, (bool, string, string?)> rows, string message, bool withHint = false)
    {
        // The checks of an exercise are those between it and the next exercise.
        int next = prepared.Exercises.Where(e => e.CellIndex > exercise.CellIndex).Select(e => e.CellIndex).DefaultIfEmpty(int.MaxValue).Min();
        foreach (var check in prepared.Checks.Where(c => c.CellIndex > exercise.CellIndex && c.CellIndex < next))
            rows.TryAdd(check.Name, (false, message, withHint ? prepared.Reference.FirstOrDefault(r => r.Check == check.Name)?.Hint : null));
    }

    /// <summary>Which submission cell answers each source exercise (source cell index -> submission cell index), by the exercise's name.</summary>
    public static IReadOnlyDictionary<int, int> Match(Prepared prepared, InteractiveDocument submission)
    {
        var submitted = ExerciseMarkers.Exercises(submission);
        var matched = new Dictionary<int, int>();
        foreach (var exercise in prepared.Exercises)
            if (submitted.FirstOrDefault(e => e.Name == exercise.Name) is { } match) matched[exercise.CellIndex] = match.CellIndex;
        return matched;
    }

    /// <summary>What the submission changed of the check cells it was given, per check: a note for that check's row only.</summary>
    public static IReadOnlyDictionary<string, string> EditNotes(Prepared prepared, InteractiveDocument submission)
    {
        var notes = new Dictionary<string, string>();
        var student = prepared.Student;
        var given = ExerciseMarkers.Checks(student);
        var found = ExerciseMarkers.Checks(submission);
        foreach (var check in given)
        {
            var theirs = found.FirstOrDefault(c => c.Name == check.Name);
            if (theirs is null) notes[check.Name] = "its check cell was deleted or renamed; graded with the original";
            else if (ExerciseMarkers.Normalize(submission.Elements[theirs.CellIndex].Contents) is var mine
                     && mine != ExerciseMarkers.Normalize(student.Elements[check.CellIndex].Contents) && mine != ExerciseMarkers.Normalize(prepared.Source.Elements[check.CellIndex].Contents))
                notes[check.Name] = "its check cell was edited; graded with the original";
        }
        return notes;
    }

    private static SubmissionGrade Zero(Prepared prepared, string student, string path, string reason)
    {
        var rows = prepared.Checks.Select(c => new GradeRow(student, c.Name, 0, c.Points, "not graded: see TOTAL")).ToList();
        rows.Add(new GradeRow(student, TotalRow, 0, prepared.Checks.Sum(c => c.Points), OneLine(reason)));
        return new SubmissionGrade(student, path, rows);
    }

    // Gradebook messages stay on one line, so the CSV reads well in any tool.
    internal static string OneLine(string s) => string.Join(" | ", s.Replace("\r\n", "\n").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));


    internal static string Explain(CellFailure failure) => FailureWording.Brief(failure);

    /// <summary>
    /// A student's name: the submission's file name, or its folder's name when the file keeps the chapter's
    /// name (submissions/alice/04-heap-fragmentation.dib is alice). Clashes get the folder added.
    /// </summary>
    public static IReadOnlyList<string> StudentNames(string sourcePath, IReadOnlyList<string> submissions)
    {
        string sourceStem = Path.GetFileNameWithoutExtension(sourcePath);
        var names = submissions.Select(s =>
        {
            string stem = Path.GetFileNameWithoutExtension(s);
            return stem == sourceStem ? Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(s))) ?? stem : stem;
        }).ToList();
        for (int i = 0; i < names.Count; i++)
            if (names.Count(n => n == names[i]) > 1)
                names[i] = $"{Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(submissions[i])))}/{Path.GetFileName(submissions[i])}";
        return names;
    }
}

/// <summary>The source cannot be graded with: the message says why.</summary>
public sealed class GradingException(string message) : Exception(message);
