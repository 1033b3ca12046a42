using MemoryCourse.Lab.LiveNode;

namespace MemoryCourse.Tests.Lab.LiveNode;

/// <summary>
/// The live runs the chapters make with their default parameters. The course ships a capture of each in
/// data/node/lab/captures, so the chapters run on a machine without node; set MEMCOURSE_UPDATE_CAPTURES=1
/// and run <see cref="NodeLabTests.Chapter_captures_are_recorded_when_asked"/> on the reference machine to
/// record them again.
/// </summary>
internal static class ChapterWorkloads
{
    public static IReadOnlyDictionary<string, NodeWorkload> All { get; } = new Dictionary<string, NodeWorkload>
    {
        ["02-heap-limit"] = NodeWorkload.AllocJs(100_000_000, 4, maxOldSpaceMiB: 32, progressEvery: 10_000),
        ["03-alloc-live"] = NodeWorkload.AllocJs(300_000, 4, nameValueTrace: true),
        ["06-usage"] = NodeWorkload.Usage(32, 64, 2, 300),
        ["08-request"] = NodeWorkload.Request(200, 500_000),
    };

    public static TheoryData<string> Names => new(All.Keys);
}
