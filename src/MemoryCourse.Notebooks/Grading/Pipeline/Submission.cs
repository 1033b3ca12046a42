using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Grading.Pipeline;

/// <summary>
/// One submission on its way through the grading pipeline: each stage reads what the stages before it
/// found and adds its own. Once <see cref="Grade"/> is set the submission is graded, and the stages after
/// that one do not run (a submission that cannot be read is not matched).
/// </summary>
internal sealed record Submission(string Student, string Path)
{
    /// <summary>The notebook handed in (set by <see cref="ReadStage"/>).</summary>
    public InteractiveDocument? Notebook { get; set; }

    /// <summary>Each cell's first line in the file, for messages (null for an .ipynb).</summary>
    public IReadOnlyList<int>? FirstLines { get; set; }

    /// <summary>Which cell of the submission answers each exercise of the source: source cell → submission cell.</summary>
    public IReadOnlyDictionary<int, int> Matched { get; set; } = new Dictionary<int, int>();

    /// <summary>What the submission changed of the check cells it was given, per check (a note for that row only).</summary>
    public IReadOnlyDictionary<string, string> EditNotes { get; set; } = new Dictionary<string, string>();

    /// <summary>The code each exercise cell runs (source cell → code): the learner's, or the starting code.</summary>
    public Dictionary<int, string> Code { get; } = [];

    /// <summary>The file line where the learner's cell of each exercise begins (source cell → line), for messages.</summary>
    public Dictionary<int, int> FileLines { get; } = [];

    /// <summary>The checks already decided, by name; the rest are judged from <see cref="Run"/>'s records.</summary>
    public Dictionary<string, CheckOutcome> Outcomes { get; } = [];

    /// <summary>The learner's graded run, as it ended (after any runs again without a stopped exercise).</summary>
    public GradedRun? Run { get; set; }

    /// <summary>The grade; set by the last stage, or by an earlier one that ends grading.</summary>
    public SubmissionGrade? Grade { get; set; }
}
