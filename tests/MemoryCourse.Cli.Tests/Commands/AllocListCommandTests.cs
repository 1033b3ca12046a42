using MemoryCourse.Allocation.Allocators;
using static MemoryCourse.Cli.Tests.Memcourse;

namespace MemoryCourse.Cli.Tests.Commands;

/// <summary><c>memcourse alloc list</c> names every allocator <c>alloc replay --allocator</c> takes, one a line, and nothing else.</summary>
public class AllocListCommandTests
{
    [Fact]
    public void List_names_each_allocator_that_replay_accepts_once_with_its_description()
    {
        var (code, output, err) = Run("alloc", "list");
        Assert.Equal((0, ""), (code, err));
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal(AllocatorCatalog.Names, lines.Select(l => l.Split(' ')[0]));
        foreach (var (line, name) in lines.Zip(AllocatorCatalog.Names))
            Assert.EndsWith(AllocatorCatalog.Describe(name), line);
        var replay = Run("alloc", "replay", InRepo("data", "traces", "binary-gen.rep"), "--allocator", lines[^1].Split(' ')[0], "--runs", "1");
        Assert.True(replay.Code == 0, replay.Err);
    }
}
