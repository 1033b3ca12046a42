using static MemoryCourse.Cli.Tests.Memcourse;

namespace MemoryCourse.Cli.Tests.Commands;

public class AssignCommandTests
{
    [Fact]
    public void Assign_writes_the_chapter_without_its_solutions_and_hidden_checks_and_records_them()
    {
        string dir = Directory.CreateTempSubdirectory("memcourse-assign-").FullName;
        try
        {
            var (code, output, _) = Run("assign", InRepo("notebooks", "00-start-here.dib"), "--out", dir);
            Assert.Equal(0, code);
            Assert.Contains("Solutions section removed (3 solutions), hidden checks removed from 3 cells (3 checks)", output);
            string student = File.ReadAllText(Path.Combine(dir, "00-start-here.dib"));
            Assert.DoesNotContain("## Solutions", student);
            Assert.DoesNotContain("// solution:", student);
            Assert.DoesNotContain("BEGIN HIDDEN CHECKS", student);
            Assert.DoesNotContain("pagesIn32Bits = 1L << 20;", student); // the worked answer of pages-in-32-bit
            Assert.Contains("// exercise: pages-in-32-bit\nlong pagesIn32Bits = 0;\n// your answer here", student.Replace("\r\n", "\n"));
            string removed = File.ReadAllText(Path.Combine(dir, ".removed", "00-start-here.json"));
            Assert.Contains("\"kind\": \"solutions\"", removed);
            Assert.Contains("1L \\u003C\\u003C 20", removed);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Assigning_a_student_version_again_is_refused()
    {
        string dir = Directory.CreateTempSubdirectory("memcourse-assign-").FullName;
        try
        {
            Assert.Equal(0, Run("assign", InRepo("notebooks", "00-start-here.dib"), "--out", dir).Code);
            var (code, _, error) = Run("assign", Path.Combine(dir, "00-start-here.dib"), "--out", Path.Combine(dir, "again"));
            Assert.Equal(2, code);
            Assert.Contains("already a student version", error);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
