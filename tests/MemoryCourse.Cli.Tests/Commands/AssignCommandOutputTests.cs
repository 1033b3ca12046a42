using static MemoryCourse.Cli.Tests.BadInput.BadInputContract;

namespace MemoryCourse.Cli.Tests.Commands;

/// <summary>
/// <c>memcourse assign</c>'s outputs: checked before any work, written all together or not at all, never onto a
/// source or a file memcourse did not write.
/// </summary>
public class AssignCommandOutputTests
{
    private static string Chapter(string folder, string name = "00-start-here.dib")
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, name);
        File.Copy(Memcourse.InRepo("notebooks", "00-start-here.dib"), path);
        return path;
    }

    [Fact]
    public void Assigning_into_the_sources_own_folder_is_refused_and_the_source_is_kept()
    {
        string folder = TempFolder("assign-same");
        string source = Chapter(folder);
        string before = File.ReadAllText(source);
        AssertRefused(Run("assign", source, "--out", folder),
            "memcourse assign: --out " + folder + ": would replace " + source + ", one of the command's inputs");
        Assert.Equal(before, File.ReadAllText(source));
    }

    [Fact]
    public void Two_chapters_of_one_name_are_refused_rather_than_one_overwriting_the_other()
    {
        string folder = TempFolder("assign-two");
        string a = Chapter(Path.Combine(folder, "a"), "x.dib"), b = Chapter(Path.Combine(folder, "b"), "x.dib");
        AssertRefused(Run("assign", a, b, "--out", Path.Combine(folder, "out")), "memcourse assign: " + a + " and " + b + " would both become x.dib");
        Assert.False(Directory.Exists(Path.Combine(folder, "out")));
    }

    [Fact]
    public void A_broken_chapter_among_good_ones_leaves_nothing_written()
    {
        string folder = TempFolder("assign-broken");
        string good = Chapter(Path.Combine(folder, "in"));
        string broken = Path.Combine(folder, "in", "broken.dib");
        File.WriteAllText(broken, "#!meta\n\n{ not json\n\n#!csharp\n1\n");
        var (_, code, output, _, _) = Run("assign", good, broken, "--out", Path.Combine(folder, "out"));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.False(Directory.Exists(Path.Combine(folder, "out")));
    }

    [Fact]
    public void Assigning_again_replaces_the_earlier_handout_but_not_a_file_of_the_instructors()
    {
        string folder = TempFolder("assign-again");
        string source = Chapter(Path.Combine(folder, "in"));
        string handout = Path.Combine(folder, "handout");
        Assert.Equal(0, Run("assign", source, "--out", handout).Code);
        Assert.Equal(0, Run("assign", source, "--out", handout).Code); // its own files, replaced whole
        string other = Path.Combine(folder, "other");
        Directory.CreateDirectory(other);
        File.WriteAllText(Path.Combine(other, "00-start-here.dib"), "the instructor's draft");
        AssertRefused(Run("assign", source, "--out", other),
            "memcourse assign: --out " + other + ": would replace " + Path.Combine(other, "00-start-here.dib"));
        Assert.Equal("the instructor's draft", File.ReadAllText(Path.Combine(other, "00-start-here.dib")));
    }
}
