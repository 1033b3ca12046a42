using static MemoryCourse.Cli.Tests.BadInput.BadInputContract;

namespace MemoryCourse.Cli.Tests.Commands;

/// <summary><c>memcourse alloc</c> itself only groups its subcommands: without one it names them, exit 2.</summary>
public class AllocCommandTests
{
    [Fact]
    public void Alloc_without_a_subcommand_names_replay_generate_and_list()
    {
        AssertRefused(Run("alloc"), "memcourse alloc: choose a command: replay, generate, list");
    }
}
