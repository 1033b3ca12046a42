using System.Runtime.CompilerServices;
using MemoryCourse.Inspection.Proc;
using MemoryCourse.Inspection.ProcessUsage;

namespace MemoryCourse.Tests.Inspection.ProcessUsage;

// Memory figures are process-wide: other tests allocating or collecting at the same time would move them.
[CollectionDefinition("Process-wide memory measurements", DisableParallelization = true)]
public class ProcessWideMemoryCollection { }

[Collection("Process-wide memory measurements")]
public class MemoryUsageTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void Rss_is_the_kernels_VmRSS_of_this_process()
    {
        Assert.True(ProcFs.IsAvailable, "this test runs on Linux, where /proc exists");
        long before = ProcStatus.ForProcess(Environment.ProcessId).VmRss * 1024;
        long rss = MemoryUsage.Now().Rss;
        long after = ProcStatus.ForProcess(Environment.ProcessId).VmRss * 1024;
        // The process keeps running between the reads (JIT, other tests), so allow a few MiB of drift.
        Assert.InRange(rss, Math.Min(before, after) - 8 * MiB, Math.Max(before, after) + 8 * MiB);
    }

    [Fact]
    public void A_large_touched_buffer_shows_in_heapUsed_arrayBuffers_and_rss()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        // An aggressive collection gives the heap's free memory back to the OS; otherwise the new array may
        // land in pages an earlier test's garbage left resident, and rss would not grow when it is touched.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var before = MemoryUsage.Now();
        byte[] buffer = AllocateTouched(64 * MiB);
        // rss is read before the next collection: a GC may return other, earlier garbage to the OS and
        // hide part of the growth.
        long rssTouched = MemoryUsage.Now().Rss;
        GC.Collect(); // GenerationInfo (arrayBuffers) is as of the last GC
        var after = MemoryUsage.Now();
        Assert.True(after.ArrayBuffers >= 64 * MiB, $"LOH holds the 64 MiB array: {after.ArrayBuffers}");
        Assert.True(after.HeapUsed - before.HeapUsed >= 60 * MiB, $"heapUsed grew by {after.HeapUsed - before.HeapUsed}");
        Assert.True(rssTouched - before.Rss >= 60 * MiB, $"every page was written, so rss grew by {rssTouched - before.Rss}");
        Assert.True(after.HeapTotal >= after.HeapUsed);
        GC.KeepAlive(buffer);
    }

    [Fact]
    public void Fields_follow_nodes_order_and_each_names_its_dotnet_source()
    {
        // The seed's printout of memoryUsage(): rss, heapTotal, heapUsed, external, arrayBuffers.
        Assert.Equal(["rss", "heapTotal", "heapUsed", "external", "arrayBuffers"], MemoryUsage.Correspondence.Select(c => c.NodeField));
        Assert.All(MemoryUsage.Correspondence, c => Assert.False(string.IsNullOrWhiteSpace(c.DotnetSource)));
    }

    [Fact]
    public void The_recorder_keeps_labelled_samples_in_time_order()
    {
        var recorder = new MemoryUsageRecorder();
        recorder.Record("start");
        byte[] b = AllocateTouched(16 * MiB);
        recorder.Record("allocated");
        GC.KeepAlive(b);
        var s = recorder.Samples;
        Assert.Equal(["start", "allocated"], s.Select(x => x.Label));
        Assert.True(s[1].Seconds >= s[0].Seconds);
        Assert.True(s[1].Dotnet.TotalAllocatedBytes - s[0].Dotnet.TotalAllocatedBytes >= 16 * MiB);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static byte[] AllocateTouched(long bytes)
    {
        var b = new byte[bytes];
        for (long i = 0; i < bytes; i += 4096) b[i] = 1;
        return b;
    }
}
