using System.Globalization;
using System.Text.RegularExpressions;
using MemoryCourse.Gc.V8Heap;
using MemoryCourse.Gc.V8Workloads;

namespace MemoryCourse.Tests.Gc.V8Workloads;

/// <summary>
/// The survival ratio of alloc.js's first scavenges against node's own bookkeeping (--trace-gc-nvp). V8 lowers
/// its first old-generation limit by their average (Heap::ConfigureInitialOldGenerationSize), so it decides
/// where the first mark-compact comes. The ratio is the bytes a scavenge kept over new space's size, which
/// counts the young start-up garbage, the mementos of the arrays the interpreted loop made and the page tails
/// the scavenger's buffers left.
/// </summary>
public partial class AllocJsSurvivalTests
{
    [GeneratedRegex(@"gc=s .*promotion_ratio=(?<p>[0-9.]+)%.*new_space_survive_rate_=(?<c>[0-9.]+)%")]
    private static partial Regex ScavengeLine();

    [GeneratedRegex(@"gc=s .*allocated=(?<a>[0-9]+) .*promotion_ratio=(?<p>[0-9.]+)%")]
    private static partial Regex AllocatedLine();

    private static List<double> NodeRatios(string[] path) =>
        File.ReadLines(RepositoryFiles.InRepo(path)).Select(l => ScavengeLine().Match(l)).Where(m => m.Success)
            .Select(m => double.Parse(m.Groups["p"].Value, CultureInfo.InvariantCulture) + double.Parse(m.Groups["c"].Value, CultureInfo.InvariantCulture))
            .ToList();

    public static TheoryData<string, int, int> Captures => new()
    {
        // every array kept at 96 MiB; every third at 24 MiB
        { "data/node/heap-limit/survival/old96-k1-nvp.txt", 96, 1 },
        { "data/node/heap-limit/small-heaps/old24-k3-nvp-incremental-marking.txt", 24, 3 },
    };

    [Theory]
    [MemberData(nameof(Captures))]
    public void The_first_nine_scavenges_keep_what_node_kept(string capture, int limitMiB, int keepEvery)
    {
        var node = NodeRatios(capture.Split('/')).Take(9).ToList();
        var run = AllocJsWorkload.Run(100_000_000, 176, keepEvery, HeapOptions.Node20.WithMaxOldSpaceSize(limitMiB), reportEvery: 10_000);
        var model = run.Events.Where(e => e.Kind == GcKind.Scavenge).Take(9).Select(e => 100 * e.SurvivalRatio).ToList();
        Assert.Equal(9, node.Count);
        Assert.Equal(9, model.Count);
        string both = string.Join(", ", node.Zip(model, (n, m) => $"{n:0.0}/{m:0.0}"));
        // Each within 7 points (node's own repeats differ by up to 3), their average, which lowers the limit, within 2.
        Assert.All(node.Zip(model), p => Assert.True(Math.Abs(p.First - p.Second) <= 7, $"node/model survival %: {both}"));
        Assert.True(Math.Abs(node.Average() - model.Average()) <= 2, $"average {node.Average():0.0}% in node, {model.Average():0.0}% in the model: {both}");
    }

    [Fact]
    public void A_scavenge_right_after_one_that_filled_to_space_comes_after_the_page_tail_as_in_node()
    {
        // node: the scavenges that follow one that copied a full 16 MiB semi-space come after allocated=28336,
        // and keep 88.8-88.9% (the survivors over new space's size, page tails included).
        var nodePairs = File.ReadLines(RepositoryFiles.InRepo("data", "node", "heap-limit", "survival", "old96-k1-nvp.txt"))
            .Select(l => AllocatedLine().Match(l)).Where(m => m.Success && m.Groups["a"].Value == "28336")
            .Select(m => double.Parse(m.Groups["p"].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(nodePairs);

        var run = AllocJsWorkload.Run(100_000_000, 176, 1, HeapOptions.Node20.WithMaxOldSpaceSize(96), reportEvery: 10_000);
        var after = run.Events.Where(e => e.Kind == GcKind.Scavenge && e.Before.YoungFreshBytes == 28_336).ToList();
        Assert.NotEmpty(after);
        Assert.All(after, e => Assert.InRange(100 * e.SurvivalRatio, nodePairs.Min() - 0.5, nodePairs.Max() + 0.5));
    }
}
