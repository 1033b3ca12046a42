using static MemoryCourse.Cli.Tests.BadInput.BadInputContract;

namespace MemoryCourse.Cli.Tests.Commands;

/// <summary><c>memcourse gradebook</c> itself only groups its subcommands: without one it names them, exit 2.</summary>
public class GradebookCommandTests
{
    [Fact]
    public void Gradebook_without_a_subcommand_names_merge()
    {
        AssertRefused(Run("gradebook"), "memcourse gradebook: choose a command: merge");
    }
}
