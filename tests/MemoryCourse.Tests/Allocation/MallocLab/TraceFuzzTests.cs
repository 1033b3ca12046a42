using MemoryCourse.Allocation.Allocators;
using MemoryCourse.Allocation.MallocLab;

namespace MemoryCourse.Tests.Allocation.MallocLab;

/// <summary>
/// Malformed traces (see <see cref="TextMutations"/>): parsed into a trace every allocator replays without an
/// overflow, or refused with a <see cref="TraceFormatException"/> naming the file and line.
/// </summary>
public class TraceFuzzTests
{
    [Fact]
    public void A_mutated_trace_is_refused_naming_the_line_or_replays_cleanly() =>
        TextMutations.Check(TraceGenerator.Generate(Workload.Random, 5, 20).ToRepText(), t =>
        {
            Trace trace;
            try { trace = Trace.Parse(t, "t.rep"); }
            catch (TraceFormatException e)
            {
                Assert.Matches(@"^t\.rep:\d+: ", e.Message);
                return;
            }
            var result = TraceReplayer.Replay(trace, AllocatorCatalog.Create("first"));
            Assert.InRange(result.Utilization, 0, 1);
            Assert.All(result.Placements, p => Assert.True(p.BlockSize >= 0 && p.Address >= 0));
        }, tests: 100);
}
