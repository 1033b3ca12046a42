using MemoryCourse.Notebooks.Grading;

namespace MemoryCourse.Cli.Commands;

/// <summary>
/// The files a gradebook is written as, by <c>grade</c> and by <c>gradebook merge</c> alike: the CSV, its JSON
/// when asked for, and the feedback folder (one file per student), all together or none.
/// </summary>
internal static class GradebookOutputs
{
    /// <summary>Where feedback goes when <c>--feedback</c> is not given: a <c>feedback</c> folder beside the gradebook.</summary>
    public static string FeedbackBeside(string gradebook) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(gradebook))!, "feedback");

    /// <summary>Writes the gradebook's files through one batch; false (and one line on stderr) when they cannot be written.</summary>
    public static bool TryWrite(TextWriter stderr, string command, IReadOnlyList<SubmissionGrade> grades, string csv, string? json,
        string feedbackDir, string title) =>
        OutputPath.TryWrite(stderr, command, outputs =>
        {
            outputs.Add(csv, Gradebook.ToCsv(grades));
            if (json is not null) outputs.Add(json, Gradebook.ToJson(grades));
            outputs.Fill(feedbackDir, Gradebook.FeedbackFiles(grades, title).Select(f => (f.Name, (string?)f.Text, (string?)null)));
        });
}
