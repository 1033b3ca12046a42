using MemoryCourse.Notebooks.Documents;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>What a cell of a graded run stands for.</summary>
public enum GradedCellRole { Chapter, Exercise, RecorderSetup, Check, Report }

/// <summary>One cell of a graded run: its role, the exercise or check it belongs to, and the source cell it came from.</summary>
public sealed record GradedCell(GradedCellRole Role, string Name, int SourceCell);

/// <summary>
/// The notebook a graded run executes. First the chapter as the learner runs it, but with the learner's
/// exercise cells in place of the instructor's and without its check cells; then, once every line of the
/// learner's code has run, a recorder, every check cell (hidden checks included) rewritten to record
/// instead of judge (in a learner's run, recording only the learner's values: the expected side of each check
/// is left out of the code), and a last cell that says how many records were written. The same composition with the
/// worked solutions of the chapter's Solutions section in the exercise cells gives the reference run, whose expected values the learner's are
/// compared with.
/// </summary>
public sealed record GradedNotebook(InteractiveDocument Notebook, IReadOnlyList<GradedCell> Cells)
{
    /// <param name="source">The instructor's notebook (its Solutions section is left out).</param>
    /// <param name="exercises">The code to run for each exercise cell (by source cell index): the learner's, or the source's worked solution.</param>
    /// <param name="hidden">Extra check code per check name, from the instructor's hidden-checks file.</param>
    /// <param name="recorder">The recorder's variable name (carries a per-run nonce, so learner code cannot name it).</param>
    /// <param name="mark">Starts every line the recorder writes (another per-run nonce): the grader reads only those lines of the check cells.</param>
    /// <param name="learner">A learner's run: the checks record only the learner's values, and no expected value is computed or sent.
    /// False for the reference run.</param>
    /// <param name="skippedChecks">Checks not to run again (a retry after one of them stopped the kernel).</param>
    public static GradedNotebook Compose(InteractiveDocument source, IReadOnlyDictionary<int, string> exercises,
        IReadOnlyDictionary<string, string> hidden, string recorder, string mark, bool learner, IReadOnlySet<string>? skippedChecks = null)
    {
        var elements = new List<InteractiveDocumentElement>();
        var cells = new List<GradedCell>();
        var exerciseNames = ExerciseMarkers.Exercises(source).ToDictionary(e => e.CellIndex, e => e.Name);
        var checks = ExerciseMarkers.Checks(source);
        var checkCells = checks.Select(c => c.CellIndex).ToHashSet();
        int body = ExerciseMarkers.BodyLength(source); // the Solutions section never runs in a graded run
        for (int i = 0; i < body; i++)
        {
            var cell = source.Elements[i];
            if (cell.KernelName == KernelNames.Markdown || checkCells.Contains(i)) continue;
            if (exerciseNames.TryGetValue(i, out var name))
            {
                elements.Add(new InteractiveDocumentElement(exercises.TryGetValue(i, out var code) ? code : cell.Contents, KernelNames.CSharp));
                cells.Add(new GradedCell(GradedCellRole.Exercise, name, i));
            }
            else
            {
                elements.Add(new InteractiveDocumentElement(cell.Contents, cell.KernelName));
                cells.Add(new GradedCell(GradedCellRole.Chapter, "", i));
            }
        }
        elements.Add(new InteractiveDocumentElement(CheckCode.CreateRecorder(recorder, mark), KernelNames.CSharp));
        cells.Add(new GradedCell(GradedCellRole.RecorderSetup, "", -1));
        foreach (var check in checks)
        {
            if (skippedChecks?.Contains(check.Name) == true) continue;
            var (visible, inCell) = CheckCode.SplitHidden(source.Elements[check.CellIndex].Contents);
            string hiddenCode = inCell + (hidden.TryGetValue(check.Name, out var extra) ? "\n" + extra : "");
            elements.Add(new InteractiveDocumentElement(CheckCode.ToRecording(check.Name, visible, hiddenCode, recorder, learner), KernelNames.CSharp));
            cells.Add(new GradedCell(GradedCellRole.Check, check.Name, check.CellIndex));
        }
        elements.Add(new InteractiveDocumentElement(CheckCode.Report(recorder), KernelNames.CSharp));
        cells.Add(new GradedCell(GradedCellRole.Report, "", -1));
        return new GradedNotebook(new InteractiveDocument(elements), cells);
    }

    /// <summary>A recorder name no learner can guess: fixed prefix, random suffix.</summary>
    public static string NewRecorderName() => "__checks_" + Guid.NewGuid().ToString("N");

    /// <summary>A mark for the recorder's lines no learner can guess.</summary>
    public static string NewMark() => "memcourse-record-" + Guid.NewGuid().ToString("N");
}
