using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Grading.Pipeline;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>
/// Grades submissions of one chapter against its source notebook. A student owns only the exercise
/// cells: every other cell, and every check with its hidden checks, comes from the source. First the source
/// is prepared (<see cref="PrepareAsync"/>: checked, and run once with its worked solutions for the expected
/// values, see <see cref="SourcePreparation"/>); then each submission goes through the grading pipeline
/// (<see cref="GradingPipeline"/>: read, match, gate, run, judge, rows), each in its own fresh kernel inside
/// its own sandbox, several at once; what protects the grade is listed in <see cref="GradingDefences"/>.
/// Nothing a submission does reaches another student's grade.
/// </summary>
public static class Grader
{
    public const string TotalRow = "TOTAL";

    /// <summary>The source, checked and ready to grade with: its checks, exercises and the reference run's records.</summary>
    public sealed record Prepared(string SourcePath, InteractiveDocument Source, IReadOnlyList<ExerciseMarkers.CheckCell> Checks,
        IReadOnlyList<ExerciseMarkers.ExerciseCell> Exercises, IReadOnlyList<CheckRecord> Reference, ExerciseScreen Screen, string Title)
    {
        /// <summary>The notebook the students were given: the source without its worked solutions and hidden checks.</summary>
        public InteractiveDocument StudentVersion { get; } = Grading.StudentVersion.Make(Source).Student;

        /// <summary>
        /// The starting code of each exercise (by source cell): what the student version's exercise cell holds.
        /// An exercise missing, refused or stopped runs as its starting code; one still equal to it is not solved yet.
        /// </summary>
        public IReadOnlyDictionary<int, string> StartingCode =>
            _startingCode ??= Exercises.ToDictionary(e => e.CellIndex, e => StudentVersion.Elements[e.CellIndex].Contents);

        private IReadOnlyDictionary<int, string>? _startingCode;
        private Task<GradedRun>? _startingCodeRun;
        private readonly object _gate = new();

        /// <summary>The checks of an exercise: those between it and the next exercise.</summary>
        public IEnumerable<ExerciseMarkers.CheckCell> ChecksOf(ExerciseMarkers.ExerciseCell exercise)
        {
            int next = Exercises.Where(e => e.CellIndex > exercise.CellIndex).Select(e => e.CellIndex).DefaultIfEmpty(int.MaxValue).Min();
            return Checks.Where(c => c.CellIndex > exercise.CellIndex && c.CellIndex < next);
        }

        /// <summary>The graded run of the starting code in every exercise, made once and shared (it holds no learner code).</summary>
        internal Task<GradedRun> StartingCodeRunAsync(GradingContext context)
        {
            lock (_gate)
                return _startingCodeRun ??=
                    SandboxedRun.RunAsync(Source, StartingCode, context.Options.Hidden, context.Kernels, new HashSet<string>(), learner: true);
        }
    }

    /// <summary>Problems that make <paramref name="source"/> unusable for grading (empty when it is fine).</summary>
    public static IReadOnlyList<string> SourceProblems(InteractiveDocument source, IReadOnlyDictionary<string, string> hidden) =>
        SourcePreparation.Problems(source, hidden);

    /// <summary>Checks the source and runs it once (the reference run). Throws <see cref="GradingException"/> when it cannot be graded with.</summary>
    public static Task<Prepared> PrepareAsync(string sourcePath, InteractiveDocument source, GradeOptions options) =>
        SourcePreparation.PrepareAsync(sourcePath, source, options);

    /// <summary>Grades every submission (or the options' shard of them), several at once; grades come back sorted by student.</summary>
    public static async Task<IReadOnlyList<SubmissionGrade>> GradeAsync(Prepared prepared, IReadOnlyList<string> submissions, GradeOptions options,
        Action<SubmissionGrade>? onGraded = null)
    {
        var students = StudentNames(prepared.SourcePath, submissions);
        var order = Enumerable.Range(0, submissions.Count).OrderBy(i => students[i], StringComparer.Ordinal).ToList();
        if (options.Shard is var (k, n)) order = ClassSlice.Of(order, k, n).ToList();
        var grades = new SubmissionGrade[order.Count];
        int begun = 0;
        // A kernel starts ahead only while a submission is still waiting for its turn.
        await using var kernels = new SandboxedKernels(prepared.Source, prepared.SourcePath, options, () => Volatile.Read(ref begun) < order.Count);
        var context = new GradingContext(prepared, options, kernels);
        await Parallel.ForEachAsync(Enumerable.Range(0, order.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Run.Parallelism) },
            async (j, _) =>
            {
                Interlocked.Increment(ref begun);
                int i = order[j];
                var submission = new Submission(students[i], submissions[i]);
                try { grades[j] = await GradingPipeline.GradeAsync(submission, context); }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // Whatever went wrong grading one submission (a full disk, a sandbox that would not start) is
                    // that submission's row; the class is still graded and the gradebook still written.
                    grades[j] = RowsStage.NotGraded(prepared, submission, GradingMessages.CouldNotGrade(e));
                }
                onGraded?.Invoke(grades[j]);
            });
        return grades;
    }

    /// <summary>A failed cell, told to a learner (see <see cref="FailureWording.Brief"/>).</summary>
    internal static string Explain(CellFailure failure) => FailureWording.Brief(failure);

    /// <summary>Each submission's student (see <see cref="Grading.StudentNames"/>).</summary>
    public static IReadOnlyList<string> StudentNames(string sourcePath, IReadOnlyList<string> submissions) =>
        Grading.StudentNames.Of(sourcePath, submissions);
}
