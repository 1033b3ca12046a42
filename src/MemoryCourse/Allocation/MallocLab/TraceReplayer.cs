using System.Diagnostics;
using MemoryCourse.Allocation.Allocators;
using MemoryCourse.Allocation.Fragmentation;

namespace MemoryCourse.Allocation.MallocLab;

/// <summary>What a replay records besides the totals.</summary>
/// <param name="RecordPlacements">Each op's address and block (for <c>--json</c> and for checking placements by hand).</param>
/// <param name="RecordSteps">Per-op metrics for plots (O(blocks) per op).</param>
/// <param name="RecordBlocks">With steps, the heap's whole block list after each op (memory: O(ops x blocks)).</param>
public sealed record ReplayOptions(bool RecordPlacements = true, bool RecordSteps = false, bool RecordBlocks = false);

/// <summary>
/// Replays a malloc-lab trace on an allocator the way the lab's driver does: block ids map to the addresses the
/// allocator returned, realloc and free use them, and every returned payload is checked by a
/// <see cref="PayloadChecker"/>. The replay stops at the first broken rule. Live payload rises on <c>a</c>,
/// changes by the size difference on <c>r</c> and falls on <c>f</c>; its peak over the heap size at the end is
/// the trace's utilization.
/// </summary>
public static class TraceReplayer
{
    /// <summary>Replays <paramref name="trace"/> on a fresh <paramref name="allocator"/> with correctness checks.</summary>
    public static ReplayResult Replay(Trace trace, IAllocator allocator, ReplayOptions? options = null)
    {
        options ??= new ReplayOptions();
        var checker = new PayloadChecker();
        var address = new long[trace.IdCount];
        var size = new long[trace.IdCount];
        var placements = new List<OpPlacement>(options.RecordPlacements ? trace.Ops.Count : 0);
        var steps = new List<ReplayStep>(options.RecordSteps ? trace.Ops.Count : 0);
        long live = 0, peak = 0, search = 0;
        string? error = null;
        int done = 0;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < trace.Ops.Count; i++)
        {
            var op = trace.Ops[i];
            AllocationResult result;
            switch (op.Kind)
            {
                case TraceOpKind.Allocate:
                    result = allocator.Allocate(op.Size);
                    if (result.Succeeded) error = checker.Add(result.Address, op.Size, allocator.HeapStart, allocator.HeapSize);
                    live += op.Size;
                    break;
                case TraceOpKind.Reallocate:
                    result = allocator.Reallocate(address[op.Id], op.Size);
                    if (result.Succeeded)
                    {
                        checker.Remove(address[op.Id]);
                        error = checker.Add(result.Address, op.Size, allocator.HeapStart, allocator.HeapSize);
                    }
                    live += op.Size - size[op.Id];
                    break;
                default:
                    result = allocator.Free(address[op.Id]);
                    if (result.Succeeded) checker.Remove(address[op.Id]);
                    live -= size[op.Id];
                    break;
            }
            if (!result.Succeeded) error = $"{allocator.Name} could not serve op {i} ({op}): {Describe(result.Status)}";
            if (error is not null)
            {
                error = $"{trace.Name}:{op.Line}: {error}";
                break;
            }
            if (op.Kind != TraceOpKind.Free) { address[op.Id] = result.Address; size[op.Id] = op.Size; }
            peak = Math.Max(peak, live);
            search += result.SearchSteps;
            done++;
            var placement = new OpPlacement(i, op.Line, op.Letter, op.Id, op.Size, result.Address, result.BlockAddress, result.BlockSize, result.SearchSteps);
            if (options.RecordPlacements) placements.Add(placement);
            if (options.RecordSteps)
            {
                var blocks = allocator.Blocks();
                long heap = allocator.HeapSize;
                steps.Add(new ReplayStep(placement, live, peak, heap, heap == 0 ? 0 : (double)peak / heap,
                    FragmentationReport.Of(blocks), options.RecordBlocks ? blocks : null));
            }
        }
        clock.Stop();
        long heapSize = allocator.HeapSize;
        return new ReplayResult(trace.Name, allocator.Name, done, error is null, error, peak, heapSize,
            heapSize == 0 ? 0 : (double)peak / heapSize, search, clock.Elapsed, placements, steps);
    }

    // .NET first runs new code unoptimized and recompiles the hot methods in the background once they have been
    // in use for ~100 ms (tiered compilation). Without a warm-up, a short process measures that JIT, not the
    // allocator: the first traces of `memcourse alloc replay` came out 3-8x slower than the same code warm.
    private static readonly TimeSpan FirstWarmUp = TimeSpan.FromMilliseconds(300);
    private static bool _warmedUp;

    /// <summary>
    /// The lab's throughput: ops per second replaying the trace without checks or recording, on a fresh allocator
    /// each run, averaged over <paramref name="runs"/> runs. Untimed runs go first, as the lab's timer warms up
    /// before it measures: at least one per call (the runtime's heap grows to what the trace needs) and, on the
    /// first call in a process, enough to reach optimized code. Wall-clock time: for reports, never for tests.
    /// </summary>
    public static double MeasureThroughput(Trace trace, Func<IAllocator> createAllocator, int runs = 10)
    {
        var clock = new Stopwatch();
        var address = new long[trace.IdCount];
        var ops = trace.Ops.ToArray(); // the timed loop reads a plain array, not the list interface
        var warmUp = Stopwatch.StartNew();
        do ReplayUnchecked(ops, createAllocator(), address);
        while (!_warmedUp && warmUp.Elapsed < FirstWarmUp);
        _warmedUp = true;
        for (int run = 0; run < runs; run++)
        {
            var allocator = createAllocator();
            clock.Start();
            ReplayUnchecked(ops, allocator, address);
            clock.Stop();
        }
        return clock.Elapsed.TotalSeconds > 0 ? (double)trace.Ops.Count * runs / clock.Elapsed.TotalSeconds : 0;
    }

    // The timed loop: O(1) work here per op besides the allocator's own.
    private static void ReplayUnchecked(TraceOp[] ops, IAllocator allocator, long[] address)
    {
        foreach (var op in ops)
        {
            switch (op.Kind)
            {
                case TraceOpKind.Allocate: address[op.Id] = allocator.Allocate(op.Size).Address; break;
                case TraceOpKind.Reallocate: address[op.Id] = allocator.Reallocate(address[op.Id], op.Size).Address; break;
                default: allocator.Free(address[op.Id]); break;
            }
        }
    }

    private static string Describe(AllocationStatus status) => status switch
    {
        AllocationStatus.OutOfMemory => "the heap reached its maximum size",
        AllocationStatus.TooLarge => "the request is larger than any block it can hand out",
        AllocationStatus.InvalidSize => "the size is not positive",
        AllocationStatus.DoubleFree => "the block was already freed",
        AllocationStatus.UnknownPointer => "the address is not a live block",
        _ => status.ToString(),
    };
}
