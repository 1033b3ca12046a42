using System.CommandLine;
using MemoryCourse.Notebooks.Grading;
using MemoryCourse.Notebooks.Reports;

namespace MemoryCourse.Cli.Commands;

/// <summary>
/// <c>memcourse gradebook merge PARTS... --out gradebook.csv</c>: the class's gradebook from the slices' partial
/// gradebooks (<c>grade --shard K/N</c>), written as one machine grading the whole class would have written it.
/// Every partial is untrusted input, checked field by field (see <see cref="Gradebook.MergeParts"/>).
/// </summary>
internal static class GradebookMergeCommand
{
    /// <summary>What <c>gradebook merge</c> was asked to do, as the parser read it.</summary>
    public sealed record Options(IReadOnlyList<string> Partials, string Out, string? Json, string? Feedback, string? Title, string? Source);

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var parts = new Argument<string[]>("partials")
        {
            Arity = ArgumentArity.OneOrMore, Description = "The partial gradebooks (.json) that 'grade --shard K/N' wrote, one per slice.",
        };
        var outCsv = new Option<string>("--out") { Description = "The gradebook CSV to write.", Required = true };
        var json = new Option<string?>("--json") { Description = "Also write the grades as JSON." };
        var feedback = new Option<string?>("--feedback")
        {
            Description = "Folder for one feedback file per student (default: a 'feedback' folder beside the gradebook).",
        };
        var title = new Option<string?>("--title")
        {
            Description = "The chapter's title for the feedback files (default: the title the slices recorded, as a single run titles them).",
        };
        var source = new Option<string?>("--source")
        {
            Description = "The chapter's instructor notebook the slices were graded with: checks each partial's seal and its checks against it.",
        };
        var command = new Command("merge", "Merge partial gradebooks into the gradebook one machine would have written.")
        {
            parts, outCsv, json, feedback, title, source,
        };
        command.SetAction(parse => Execute(new Options(parse.GetValue(parts)!, parse.GetValue(outCsv)!, parse.GetValue(json), parse.GetValue(feedback),
            parse.GetValue(title), parse.GetValue(source)), stdout, stderr));
        return command;
    }

    private static int Execute(Options o, TextWriter stdout, TextWriter stderr)
    {
        string feedbackDir = o.Feedback ?? GradebookOutputs.FeedbackBeside(o.Out);
        var plan = new OutputPlan([.. o.Partials, .. o.Source is null ? Array.Empty<string>() : [o.Source]])
            .File(o.Out, "--out").File(o.Json, "--json").Folder(feedbackDir, "--feedback");
        if (plan.Problem() is { } problem)
        {
            stderr.WriteLine($"memcourse gradebook merge: {problem}");
            return CliApp.Usage;
        }
        Gradebook.Merged merged;
        try { merged = Gradebook.MergeParts(o.Partials, o.Source); }
        catch (FormatException e)
        {
            stderr.WriteLine($"memcourse gradebook merge: {OutputPath.Shown(e.Message)}");
            return CliApp.Usage;
        }
        var grades = merged.Grades;
        // The feedback files' names are known only now, from the partials: checked before anything is written.
        var names = Gradebook.FeedbackFileNames(grades.Select(g => g.Student).ToList()).Values;
        if (OutputPath.CheckFolderFiles(feedbackDir, "--feedback", names) is { } taken)
        {
            stderr.WriteLine($"memcourse gradebook merge: {taken}");
            return CliApp.Usage;
        }
        string chapter = o.Title ?? merged.Title ?? "Feedback";
        if (!GradebookOutputs.TryWrite(stderr, "memcourse gradebook merge", grades, o.Out, o.Json, feedbackDir, chapter)) return CliApp.Usage;
        stdout.WriteLine($"Merged {Plural.Of(grades.Count, "submission")} -> {OutputPath.Shown(o.Out)}");
        return CliApp.Ok;
    }
}
