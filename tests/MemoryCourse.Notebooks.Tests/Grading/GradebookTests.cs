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
        Assert.Equal(names.OrderBy(p => p.Key, StringComparer.Ordinal), Gradebook.FeedbackFileNames(students.Reverse().ToList()).OrderBy(p => p.Key, StringComparer.Ordinal));
    }
}
