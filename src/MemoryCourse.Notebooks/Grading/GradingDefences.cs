using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Isolation;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>One defence of the grade: what it is, what it stops, the type that holds it, and the pipeline stage that applies it.</summary>
public sealed record GradingDefence(string Name, string Stops, Type LivesIn, string Stage);

/// <summary>
/// Everything that keeps a submission from earning what its code did not, or from reaching anything beyond its
/// own run, in one list. A new defence goes into the type that does the work (a rule of the screen, an argument
/// of the sandbox, a limit of the run) and gets a line here; ARCHITECTURE.md's "where to add" says the same.
/// </summary>
public static class GradingDefences
{
    /// <summary>The defences, in the order a submission meets them.</summary>
    public static readonly IReadOnlyList<GradingDefence> All =
    [
        new("only the exercise cells are the student's",
            "edited or deleted check cells, edited chapter cells, a forged check or recorder: every other cell comes from the source",
            typeof(GradedNotebook), "match"),
        new("an exercise is matched to the source by its name", "a submission of another chapter earning this chapter's points",
            typeof(Pipeline.MatchStage), "match"),
        new("the exercise screen: an allow-list decided on the kernel's own parse",
            "files, network, processes, reflection, threads, other kernels, the checks themselves, "
            + "line breaks the kernel splits at and C# does not: refused before anything runs, with its line", typeof(ExerciseScreen), "gate"),
        new("what a chapter's exercises may use", "constructs one chapter needs and the others must not have", typeof(ExercisePolicy), "gate"),
        new("the chapter's values change only as the worked solution changes them",
            "an exercise clearing, adding to or overwriting a list, table or array the checks read after it", typeof(ChapterValueUses), "gate"),
        new("every check a comparison with a value only the reference run computes",
            "a forged pass where the expected value is known (Check.True, a condition, a constant): refused when the source is prepared",
            typeof(CheckCode), "prepare"),
        new("a fresh kernel per run", "one submission's state reaching another's grade", typeof(SandboxedKernels), "run"),
        new("the OS sandbox (bubblewrap)", "network, the host's files (the source, the solutions, the hidden checks, other submissions, the gradebook), "
            + "other processes, root: an unprivileged user in its own namespaces with a read-only system", typeof(GradingSandbox), "run"),
        new("a size-limited scratch folder and /tmp", "filling the host's disk", typeof(GradingSandbox), "run"),
        new("a pids cgroup", "fork and thread bombs", typeof(GradingSandbox), "run"),
        new("a CPU quota per submission and a CPU-time limit (prlimit)", "busy threads taking the neighbours' CPU, a loop that outlives its cell",
            typeof(GradingSandbox), "run"),
        new("the cell timeout, the memory cap and the output limit", "endless loops, memory bombs, output floods: the cell is stopped and named",
            typeof(NotebookExecutor), "run"),
        new("the managed heap limit", "a memory bomb growing faster than the memory cap is sampled", typeof(NotebookRunner), "run"),
        new("running again without what stopped the kernel", "one stopped exercise costing the others their points", typeof(Pipeline.RunStage), "run"),
        new("a recorder and a mark named by per-run nonces, and a count of records", "printing a pass line or a forged record, dropping records",
            typeof(SandboxedRun), "run"),
        new("no expected value in a learner's run", "reading the answer from the check", typeof(CheckCode), "run"),
        new("the verdict outside the kernel", "a submission deciding its own pass: the grader compares records in its own process", typeof(Verdicts), "judge"),
        new("sealed reference runs", "a forged reference record in the cache", typeof(ReferenceCache), "prepare"),
        new("sealed partial gradebooks", "an edited slice of the class's grades at merge", typeof(Gradebook), "rows"),
        new("one-line, escaped messages", "a name or a message forging a CSV row, a spreadsheet formula, terminal escapes", typeof(Gradebook), "rows"),
    ];
}
