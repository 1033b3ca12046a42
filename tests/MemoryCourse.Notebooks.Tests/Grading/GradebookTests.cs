using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Grading;

namespace MemoryCourse.Notebooks.Tests.Grading;

/// <summary>
/// The gradebook's files are safe to open: a student's name (a submission's file name, chosen by the student)
/// cannot become a spreadsheet formula, forge a row, reach a terminal as an escape sequence, or share a feedback
/// file with another student. Reported: "=HYPERLINK(...)" and "=cmd|'-c calc'!A0" reached the CSV as formulas, a
/// newline in a name forged a row, and alice~smith and alice_smith got one feedback file.
/// </summary>
public class GradebookTests
{
    private static SubmissionGrade Grade(string student, string message = "passed") =>
        new(student, student + ".dib", [new GradeRow(student, "c", 1, 1, message), new GradeRow(student, Grader.TotalRow, 1, 1, "")]);

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("=cmd|'-c calc'!A0", "\"'=cmd|'-c calc'!A0\"")]
    [InlineData("+1", "\"'+1\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\tx", "\"'\\tx\"")]
    [InlineData("\rx", "\"'\\rx\"")]
    [InlineData("alice", "alice")]
    [InlineData("a,b", "\"a,b\"")]
    public void A_cell_that_a_spreadsheet_would_take_for_a_formula_is_neutralised(string name, string field)
    {
        Assert.Equal(field, Gradebook.Field(name));
    }

    [Fact]
    public void A_newline_or_an_escape_sequence_in_a_name_cannot_forge_a_row_or_reach_a_terminal()
    {
        string csv = Gradebook.ToCsv([Grade("eve\nmallory,TOTAL,100,1,", "boom\u001b[2J")]);
        Assert.Equal(1 + 2, csv.TrimEnd('\n').Split('\n').Length); // the header and eve's two rows
        Assert.DoesNotContain('\u001b', csv);
        Assert.Contains("eve\\nmallory", csv);
        Assert.Contains("boom\\x1b[2J", csv);
        string feedback = Gradebook.Feedback(Grade("eve\n# Forged", "line one\nline two"), "Ch");
        Assert.StartsWith("# Ch: feedback for eve\\n# Forged\n", feedback);
        Assert.Contains("line one\\nline two", feedback);
    }

    [Fact]
    public void Names_that_differ_only_in_what_a_file_name_cannot_hold_get_distinct_feedback_files()
    {
        string[] students = ["alice~smith", "alice_smith", "a b", "a_b", "한국 학생", "한국_학생", "Alice", "alice", "..", "a/x.dib", "b/x.dib"];
        var names = Gradebook.FeedbackFileNames(students);
        Assert.Equal(students.Length, names.Values.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal("alice_smith.md", names["alice_smith"]);   // a plain name keeps its name
        Assert.Equal("한국_학생.md", names["한국_학생"]);
        Assert.StartsWith("alice_smith-", names["alice~smith"]);
        Assert.All(names.Values, n => Assert.False(n.StartsWith('.') || n.Contains('/'), n));
        // The same class gives the same names in any order.
        Assert.Equal(names.OrderBy(p => p.Key, StringComparer.Ordinal),
            Gradebook.FeedbackFileNames(students.Reverse().ToList()).OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    private static SubmissionGrade GradeOf(string student, double earned) => new(student, student + ".dib",
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
            File.WriteAllText(source, "#!markdown\n\n# 04 · Heap fragmentation\n\n#!csharp\n\n" +
                "// check: offset-of (2 points)\nCheck.Equal(1, 1, \"the offset\", \"a mask\");\n");
            File.WriteAllText(Path.Combine(dir, "p1.json"), Gradebook.ToPartial(source, 1, 2, [GradeOf("ann", 2)], ["ann", "bob"], "04 · Heap fragmentation"));
            File.WriteAllText(Path.Combine(dir, "p2.json"), Gradebook.ToPartial(source, 2, 2, [GradeOf("bob", 0)], ["ann", "bob"], "04 · Heap fragmentation"));
            var merged = Gradebook.MergeParts([Path.Combine(dir, "p1.json"), Path.Combine(dir, "p2.json")]);
            Assert.Equal("04 · Heap fragmentation", merged.Title);
            Assert.StartsWith("# 04 · Heap fragmentation: feedback for ann\n", Gradebook.Feedback(merged.Grades[0], merged.Title!));
            Assert.Equal(Gradebook.Feedback(GradeOf("bob", 0) with { Path = "bob.dib" }, "04 · Heap fragmentation"),
                Gradebook.Feedback(merged.Grades[1], merged.Title!));
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
