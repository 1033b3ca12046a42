using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Grading;

namespace MemoryCourse.Notebooks.Tests.Grading;

public class GradebookTests
{
    private static SubmissionGrade Grade(string student, double earned) => new(student, student + ".dib",
    [
        new GradeRow(student, "offset-of", earned, 2, earned == 2 ? "passed" : "not yet", "a mask"),
        new GradeRow(student, Grader.TotalRow, earned, 2, ""),
    ]);

    [Fact]
    public void Merged_slices_carry_the_chapter_title_so_their_feedback_is_a_single_runs()
    {
        string dir = Directory.CreateTempSubdirectory("memcourse-gradebook-").FullName;
        try
        {
            string source = Path.Combine(dir, "04-heap.dib");
            File.WriteAllText(source, "#!markdown\n\n# 04 · Heap fragmentation\n");
            File.WriteAllText(Path.Combine(dir, "p1.json"), Gradebook.ToPartial(source, 1, 2, [Grade("ann", 2)], "04 · Heap fragmentation"));
            File.WriteAllText(Path.Combine(dir, "p2.json"), Gradebook.ToPartial(source, 2, 2, [Grade("bob", 0)], "04 · Heap fragmentation"));
            var merged = Gradebook.MergeParts([Path.Combine(dir, "p1.json"), Path.Combine(dir, "p2.json")]);
            Assert.Equal("04 · Heap fragmentation", merged.Title);
            Assert.StartsWith("# 04 · Heap fragmentation: feedback for ann\n", Gradebook.Feedback(merged.Grades[0], merged.Title!));
            Assert.Equal(Gradebook.Feedback(Grade("bob", 0) with { Path = "bob.dib" }, "04 · Heap fragmentation"), Gradebook.Feedback(merged.Grades[1], merged.Title!));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void A_missing_notebook_is_named_without_a_line_number()
    {
        var e = Assert.Throws<NotebookFormatException>(() => NotebookFile.Load("notebooks/04-heap.dib"));
        Assert.Equal("notebooks/04-heap.dib: no such file", e.Message);
    }
}
