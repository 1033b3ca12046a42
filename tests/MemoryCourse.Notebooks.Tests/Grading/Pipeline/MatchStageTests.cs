using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Grading;
using MemoryCourse.Notebooks.Grading.Pipeline;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Tests.Grading.Pipeline;

public class MatchStageTests
{
    [Fact]
    public async Task Each_exercise_is_matched_by_its_name_even_when_cells_moved()
    {
        var chapter = Chapter00.Prepared();
        var cells = chapter.StudentVersion.Elements.ToList();
        cells.Insert(0, new InteractiveDocumentElement("// my own notes", "csharp"));
        var submission = new Submission("alice", "alice.dib") { Notebook = new InteractiveDocument(cells) };
        await new MatchStage().RunAsync(submission, Chapter00.Context(chapter));
        Assert.Null(submission.Grade);
        Assert.Equal(chapter.Exercises.Count, submission.Matched.Count);
        Assert.All(chapter.Exercises, e => Assert.Equal(e.CellIndex + 1, submission.Matched[e.CellIndex]));
        Assert.Empty(submission.EditNotes);
    }

    [Fact]
    public async Task Another_chapters_notebook_earns_nothing_and_is_named()
    {
        var chapter = Chapter00.Prepared();
        var other = StudentVersion.Make(NotebookFile.Load(Path.Combine(RepoPaths.Notebooks, "07-virtual-memory-and-paging.dib"))).Student;
        var submission = new Submission("bob", "bob.dib") { Notebook = other };
        await new MatchStage().RunAsync(submission, Chapter00.Context(chapter));
        string total = submission.Grade!.Rows.Single(r => r.Check == Grader.TotalRow).Message;
        Assert.Contains($"not of '{chapter.Title}'", total);
        Assert.Equal(0, submission.Grade.Earned);
    }

    [Fact]
    public void An_edited_check_and_a_deleted_one_get_a_note_each_and_an_untouched_one_none()
    {
        var chapter = Chapter00.Prepared();
        var checks = chapter.Checks.ToDictionary(c => c.CellIndex, c => c.Name);
        var cells = chapter.StudentVersion.Elements
            .Select((cell, i) => checks.TryGetValue(i, out var name) && name == Chapter00.Vpn
                ? new InteractiveDocumentElement($"// check: {name} (1 point)\nCheck.True(true, \"nothing\");", cell.KernelName) : cell)
            .Where((_, i) => !(checks.TryGetValue(i, out var name) && name == Chapter00.Offset)).ToList();
        var notes = MatchStage.EditNotes(chapter, new InteractiveDocument(cells));
        Assert.Equal(GradingMessages.CheckEdited, notes[Chapter00.Vpn]);
        Assert.Equal(GradingMessages.CheckDeleted, notes[Chapter00.Offset]);
        Assert.False(notes.ContainsKey(Chapter00.Pages));
    }
}
