using MemoryCourse.Notebooks.Grading;

namespace MemoryCourse.Notebooks.Tests.Grading;

public class HiddenChecksTests
{
    private static readonly string[] Names = ["offset-of", "pages"];

    [Fact]
    public void Sections_are_read_per_check_and_a_repeated_header_adds_to_its_section()
    {
        var hidden = HiddenChecks.Parse("// instructor's extra checks\n\n// check: offset-of\nCheck.True(true, \"a\");\n" +
            "// check: pages (1 point)\nCheck.True(true, \"b\");\n// check: offset-of\nCheck.True(true, \"c\");\n", "h.cs", Names);
        Assert.Equal("Check.True(true, \"a\");\nCheck.True(true, \"c\");", hidden["offset-of"]);
        Assert.Equal("Check.True(true, \"b\");", hidden["pages"]);
    }

    [Theory]
    [InlineData("// check: nosuch\nCheck.True(true, \"x\");", "h.cs:1: there is no check 'nosuch'")]
    [InlineData("Check.True(true, \"x\");", "h.cs:1: code before the first '// check: NAME' header")]
    [InlineData("\uFEFF// c\r\nvar y = 2;\r\n", "h.cs:2: code before the first")]
    public void Problems_name_the_file_and_line(string text, string problem) =>
        Assert.StartsWith(problem, Assert.Throws<FormatException>(() => HiddenChecks.Parse(text, "h.cs", Names)).Message);

    [Fact]
    public void Each_line_of_a_section_knows_its_line_in_the_file()
    {
        var hidden = (HiddenCheckSet)HiddenChecks.Parse("// extra\n// check: offset-of\nvar a = 1;\n\nCheck.True(a > 0, \"a\");\n" +
            "// check: pages\nCheck.True(true, \"b\");\n// check: offset-of\nCheck.True(true, \"c\");", "h.cs", Names);
        Assert.Equal(3, hidden.FileLine("offset-of", 1));
        Assert.Equal(5, hidden.FileLine("offset-of", 3));
        Assert.Equal(9, hidden.FileLine("offset-of", 4)); // the second section of the same check
        Assert.Equal(7, hidden.FileLine("pages", 1));
        Assert.Equal("h.cs", hidden.Path);
    }
}
