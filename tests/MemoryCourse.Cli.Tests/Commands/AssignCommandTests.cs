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
            var (code, output, _) = Run("assign", InRepo("notebooks", "00-start-here.dib"), "--out", dir, "--removed",
                Path.Combine(dir, "..", Path.GetFileName(dir) + "-removed"));
            Assert.Equal(0, code);
            Assert.Contains("Solutions section removed (3 solutions), hidden checks removed from 3 cells (3 checks)", output);
            string student = File.ReadAllText(Path.Combine(dir, "00-start-here.dib"));
            Assert.DoesNotContain("## Solutions", student);
            Assert.DoesNotContain("// solution:", student);
            Assert.DoesNotContain("BEGIN HIDDEN CHECKS", student);
            Assert.DoesNotContain("pagesIn32Bits = 1L << 20;", student); // the worked answer of pages-in-32-bit
            Assert.Contains("// exercise: pages-in-32-bit\nlong pagesIn32Bits = 0;\n// your answer here", student.Replace("\r\n", "\n"));
            Assert.Equal(["00-start-here.dib"],
                // the handout holds the chapter only (and the list of what memcourse wrote there)
                Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Where(n => n != ".memcourse-outputs"));
            string removed = File.ReadAllText(Path.Combine(dir + "-removed", "00-start-here.json"));
            Assert.Contains("\"kind\": \"solutions\"", removed);
            Assert.Contains("1L \\u003C\\u003C 20", removed);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
            if (Directory.Exists(dir + "-removed")) Directory.Delete(dir + "-removed", recursive: true);
        }
    }

    [Fact]
    public void The_record_of_what_was_removed_goes_beside_the_source_with_a_relative_path_never_into_the_handout()
    {
        string root = Directory.CreateTempSubdirectory("memcourse-assign-").FullName;
        try
        {
            string sources = Directory.CreateDirectory(Path.Combine(root, "instructor", "chapters")).FullName;
            File.Copy(InRepo("notebooks", "00-start-here.dib"), Path.Combine(sources, "00-start-here.dib"));
            string handout = Path.Combine(root, "handout");
            var (code, output, _) = Run("assign", Path.Combine(sources, "00-start-here.dib"), "--out", handout);
            Assert.Equal(0, code);
            Assert.Equal(["00-start-here.dib"], Directory.GetFileSystemEntries(handout).Select(Path.GetFileName).Where(n => n != ".memcourse-outputs"));
            string record = Path.Combine(sources, ".removed", "00-start-here.json");
            Assert.Contains(record, output);
            string json = File.ReadAllText(record);
            Assert.Contains("\"source\": \"../00-start-here.dib\"", json);
            Assert.DoesNotContain(root, json);
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    [Fact]
    public void A_record_folder_inside_the_handout_is_refused_before_anything_is_written()
    {
        string dir = Directory.CreateTempSubdirectory("memcourse-assign-").FullName;
        try
        {
            var (code, _, error) = Run("assign", InRepo("notebooks", "00-start-here.dib"), "--out", dir, "--removed", Path.Combine(dir, ".removed"));
            Assert.Equal(2, code);
            Assert.Contains("inside the handout folder", error);
            Assert.Empty(Directory.GetFileSystemEntries(dir));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Assigning_a_student_version_again_is_refused()
    {
        string dir = Directory.CreateTempSubdirectory("memcourse-assign-").FullName;
        try
        {
            Assert.Equal(0, Run("assign", InRepo("notebooks", "00-start-here.dib"), "--out", dir, "--removed",
                Path.Combine(dir, "..", Path.GetFileName(dir) + "-removed")).Code);
            Directory.Delete(dir + "-removed", recursive: true);
            var (code, _, error) = Run("assign", Path.Combine(dir, "00-start-here.dib"), "--out", Path.Combine(dir, "again"));
            Assert.Equal(2, code);
            Assert.Contains("already a student version", error);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
