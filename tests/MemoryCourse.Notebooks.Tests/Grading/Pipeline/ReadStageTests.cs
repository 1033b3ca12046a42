using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Grading;
using MemoryCourse.Notebooks.Grading.Pipeline;

namespace MemoryCourse.Notebooks.Tests.Grading.Pipeline;

public class ReadStageTests
{
    [Fact]
    public async Task A_readable_submission_is_read_with_its_cells_first_lines_and_not_graded_yet()
    {
        var chapter = Chapter00.Prepared();
        string path = Path.Combine(Directory.CreateTempSubdirectory("memcourse-read-").FullName, "alice.dib");
        NotebookFile.SaveDib(chapter.StudentVersion, path);
        var submission = new Submission("alice", path);
        await new ReadStage().RunAsync(submission, Chapter00.Context(chapter));
        Assert.Null(submission.Grade);
        Assert.Equal(chapter.StudentVersion.Elements.Count, submission.Notebook!.Elements.Count);
        Assert.Equal(submission.Notebook.Elements.Count, submission.FirstLines!.Count);
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    [Fact]
    public async Task An_unreadable_submission_earns_nothing_and_its_total_says_why()
    {
        var chapter = Chapter00.Prepared();
        string path = Path.Combine(Directory.CreateTempSubdirectory("memcourse-read-").FullName, "bob.ipynb");
        File.WriteAllText(path, "{ not json");
        var submission = new Submission("bob", path);
        await new ReadStage().RunAsync(submission, Chapter00.Context(chapter));
        var grade = submission.Grade!;
        Assert.Equal(0, grade.Earned);
        Assert.Equal(4, grade.Possible);
        Assert.StartsWith("the submission could not be read:", grade.Rows.Single(r => r.Check == Grader.TotalRow).Message);
        Assert.All(grade.Rows.Where(r => r.Check != Grader.TotalRow), r => Assert.Equal(GradingMessages.SeeTotal, r.Message));
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}
