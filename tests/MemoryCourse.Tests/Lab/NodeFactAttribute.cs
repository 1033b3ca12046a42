using MemoryCourse.Lab.LiveNode;

namespace MemoryCourse.Tests.Lab;

/// <summary>
/// <c>[NodeFact]</c> / <c>[NodeTheory]</c>: a test that runs the learner's node. When node is missing (or
/// hidden with MEMCOURSE_NODE=none) the test reports itself skipped, with the lab's one-line reason.
/// </summary>
internal static class LiveNodeLab
{
    /// <summary>The lab folder, data/node/lab.</summary>
    public static string Directory => RepositoryFiles.InRepo("data", "node", "lab");

    /// <summary>The lab as this machine has it (asks node its version once per call).</summary>
    public static NodeLab ForThisMachine() => NodeLab.ForThisMachine(Directory);

    /// <summary>Null when node runs here, else why the test is skipped.</summary>
    public static string? SkipReason()
    {
        var lab = ForThisMachine();
        return lab.IsLive ? null : "needs node: " + lab.Status;
    }
}

internal sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute() => Skip = LiveNodeLab.SkipReason();
}

internal sealed class NodeTheoryAttribute : TheoryAttribute
{
    public NodeTheoryAttribute() => Skip = LiveNodeLab.SkipReason();
}
