using MemoryCourse.Gc.V8Heap;
using MemoryCourse.Gc.V8Workloads;

namespace MemoryCourse.Tests.Gc.V8Workloads;

/// <summary>Sizes the model refuses before running, at once and without overflow.</summary>
public class AllocJsSizeTests
{
    [Fact]
    public void A_total_allocation_past_64_bits_is_refused()
    {
        var problem = AllocJsWorkload.SizeProblem(long.MaxValue, 176, 0);
        Assert.NotNull(problem);
        Assert.Contains("64-bit", problem);
        Assert.Throws<ArgumentOutOfRangeException>(() => AllocJsWorkload.Run(long.MaxValue));
    }

    [Fact]
    public void Keeping_more_live_arrays_than_the_model_holds_is_refused_naming_the_bound()
    {
        var problem = AllocJsWorkload.SizeProblem(30_000_000, 176, 1);
        Assert.NotNull(problem);
        Assert.Contains(AllocJsWorkload.MaxLiveArrays.ToString(), problem);
        Assert.Contains("4096 MiB heap limit", problem);
    }

    [Fact]
    public void A_small_heap_limit_makes_any_number_of_arrays_safe_to_model()
    {
        Assert.Null(AllocJsWorkload.SizeProblem(30_000_000, 176, 1, HeapOptions.Node20.WithMaxOldSpaceSize(64)));
        Assert.Null(AllocJsWorkload.SizeProblem(1_000_000_000_000, 176, 0));
    }

    [Theory]
    [InlineData(-1, 176, 0, "-1")]
    [InlineData(10, 0, 0, "0")]
    [InlineData(10, 176, -3, "-3")]
    public void Negative_or_zero_sizes_are_refused_naming_the_value(long objects, int size, int k, string named)
    {
        Assert.Contains(named, AllocJsWorkload.SizeProblem(objects, size, k));
    }

    [Fact]
    public void A_long_run_reports_progress_and_can_be_cancelled()
    {
        var seen = new List<AllocJsProgress>();
        using var cancel = new CancellationTokenSource();
        var progress = new Reporter(p => { seen.Add(p); cancel.Cancel(); });
        Assert.Throws<OperationCanceledException>(() => AllocJsWorkload.Run(1_000_000_000, 176, 0, null, progress, cancel.Token));
        var first = Assert.Single(seen);
        Assert.Equal(AllocJsWorkload.ProgressInterval, first.Allocated);
        Assert.Equal(1_000_000_000, first.Objects);
    }

    private sealed class Reporter(Action<AllocJsProgress> report) : IProgress<AllocJsProgress>
    {
        public void Report(AllocJsProgress value) => report(value);
    }
}
