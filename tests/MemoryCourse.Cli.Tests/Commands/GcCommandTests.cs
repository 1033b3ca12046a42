using static MemoryCourse.Cli.Tests.BadInput.BadInputContract;

namespace MemoryCourse.Cli.Tests.Commands;

/// <summary><c>memcourse gc</c> itself only groups the heap models: without one it names them, exit 2.</summary>
public class GcCommandTests
{
    [Fact]
    public void Gc_without_a_model_names_v8()
    {
        AssertRefused(Run("gc"), "memcourse gc: choose a command: v8");
    }
}
