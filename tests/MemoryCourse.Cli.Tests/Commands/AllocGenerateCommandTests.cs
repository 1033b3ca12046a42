using static MemoryCourse.Cli.Tests.Memcourse;

namespace MemoryCourse.Cli.Tests.Commands;

/// <summary>
/// <c>memcourse alloc generate</c> writes the course's seeded traces byte for byte as the repository keeps them
/// (its refusals of unwritable folders are in OutputPathTests).
/// </summary>
public class AllocGenerateCommandTests
{
    [Fact]
    public void Generate_writes_the_course_traces()
    {
        var dir = Directory.CreateTempSubdirectory("alloc-gen-").FullName;
        var (code, _, _) = Run("alloc", "generate", dir);
        Assert.Equal(0, code);
        foreach (var file in new[] { "binary-gen.rep", "coalescing-gen.rep", "random-gen.rep", "realloc-gen.rep" })
            Assert.Equal(File.ReadAllText(InRepo("data", "traces", file)), File.ReadAllText(Path.Combine(dir, file)));
    }

    [Fact]
    public void Generate_into_a_folder_that_does_not_exist_yet_creates_it_and_names_every_trace()
    {
        string dir = Path.Combine(Directory.CreateTempSubdirectory("alloc-gen-new-").FullName, "a", "b");
        var (code, output, err) = Run("alloc", "generate", dir);
        Assert.True(code == 0, err);
        Assert.Equal(["binary-gen.rep", "coalescing-gen.rep", "random-gen.rep", "realloc-gen.rep"],
            Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(4, output.TrimEnd('\n').Split('\n').Length);
    }
}
