namespace MemoryCourse.Ostep.Simulators;

/// <summary>The OSTEP simulators the course ports, by script name.</summary>
public static class OstepSimulators
{
    /// <summary>Every ported simulator. Add new ports here.</summary>
    public static IReadOnlyList<IOstepSimulator> All { get; } =
    [
        new RelocationSimulator(),
        new SegmentationSimulator(),
        new PagingLinearTranslateSimulator(),
        new PagingMultilevelTranslateSimulator(),
        new PagingPolicySimulator(),
        new MallocSimulator(),
    ];

    /// <summary>The simulator named <paramref name="name"/>, or null when the course has no port of it.</summary>
    public static IOstepSimulator? Find(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));
}
