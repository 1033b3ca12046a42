using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Grading;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Tests.Grading;

/// <summary>A learner's submission as the grading tests hand one in: the chapter's student version with some exercises answered.</summary>
internal static class AnsweredSubmission
{
    /// <summary>
    /// Writes to <paramref name="path"/> (a .dib) the student version of <paramref name="source"/> with each exercise
    /// named in <paramref name="answers"/> replaced by its answer (an answer's own <c>// exercise:</c> line, if it
    /// has one, is dropped: the cell keeps the source's).
    /// </summary>
    public static string Write(InteractiveDocument source, IReadOnlyDictionary<string, string> answers, string path)
    {
        var names = ExerciseMarkers.Exercises(source).ToDictionary(e => e.CellIndex, e => e.Name);
        var cells = StudentVersion.Make(source).Student.Elements.Select((cell, i) =>
            names.TryGetValue(i, out var name) && answers.TryGetValue(name, out var code)
                ? new InteractiveDocumentElement(
                    $"// exercise: {name}\n{string.Join("\n", code.Split('\n').Where(l => !l.StartsWith("// exercise:", StringComparison.Ordinal)))}",
                    cell.KernelName)
                : new InteractiveDocumentElement(cell.Contents, cell.KernelName)).ToList();
        NotebookFile.SaveDib(new InteractiveDocument(cells), path);
        return path;
    }
}
