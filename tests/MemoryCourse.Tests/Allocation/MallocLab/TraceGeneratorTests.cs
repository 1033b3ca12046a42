using MemoryCourse.Allocation.MallocLab;

namespace MemoryCourse.Tests.Allocation.MallocLab;

public class TraceGeneratorTests
{
    [Theory]
    [InlineData(Workload.Binary)]
    [InlineData(Workload.Coalescing)]
    [InlineData(Workload.Random)]
    [InlineData(Workload.Realloc)]
    public void Generated_traces_are_valid_balanced_and_reproducible(Workload workload)
    {
        var trace = TraceGenerator.Generate(workload, seed: 7, blocks: 300);
        // Parsing applies every validation rule (ids, counts, no double allocation or free).
        var parsed = Trace.Parse(trace.ToRepText(), "generated.rep");
        var live = new HashSet<int>();
        foreach (var op in parsed.Ops)
        {
            if (op.Kind == TraceOpKind.Allocate) live.Add(op.Id);
            if (op.Kind == TraceOpKind.Free) live.Remove(op.Id);
        }
        Assert.Empty(live);
        Assert.Equal(trace.ToRepText(), TraceGenerator.Generate(workload, seed: 7, blocks: 300).ToRepText());
        Assert.NotEqual(trace.ToRepText(), TraceGenerator.Generate(workload, seed: 8, blocks: 300).ToRepText());
    }

    [Fact]
    public void The_shipped_traces_are_what_the_generator_writes()
    {
        foreach (var (file, workload, seed, blocks) in TraceGenerator.Standard)
        {
            var path = RepositoryFiles.InRepo("data", "traces", file);
            Assert.True(File.Exists(path), $"{path} is missing: run 'memcourse alloc generate data/traces'.");
            Assert.Equal(TraceGenerator.Generate(workload, seed, blocks, file).ToRepText(), File.ReadAllText(path));
        }
    }

    // The binary workload is built so that no freed small block can hold a later large request: under first fit
    // with coalescing, the 8..64-byte holes stay empty while 512..640-byte requests extend the heap.
    [Fact]
    public void The_binary_workload_leaves_small_holes_that_later_requests_cannot_use()
    {
        var trace = TraceGenerator.Generate(Workload.Binary, seed: 1, blocks: 300);
        var result = TraceReplayer.Replay(trace, MemoryCourse.Allocation.Allocators.AllocatorCatalog.Create("first"),
            new ReplayOptions(RecordSteps: true));
        int afterLargeAllocations = 100 * 2 + 100 + 100 - 1; // pairs, frees of the small ones, third-phase allocations
        var step = result.Steps[afterLargeAllocations];
        Assert.Equal(100, step.Fragmentation.FreeBlockCount);
        Assert.True(step.Fragmentation.LargestFreeBlock <= 72, $"largest free block {step.Fragmentation.LargestFreeBlock}");
    }
}
