using MemoryCourse.Inspection.Proc;
using MemoryCourse.Inspection.ProcessUsage;

namespace MemoryCourse.Tests.Inspection.ProcessUsage;

public class OsInfoTests
{
    [Fact]
    public void Cpus_has_one_entry_per_logical_cpu_with_its_model_and_times()
    {
        string cpuinfo = "processor\t: 0\nmodel name\t: AMD EPYC\ncpu MHz\t\t: 2596.142\n\nprocessor\t: 1\nmodel name\t: AMD EPYC\ncpu MHz\t\t: 2596.142\n";
        var stat = KernelStat.Parse("cpu 3 0 0 0\ncpu0 1 0 0 0\ncpu1 2 0 0 0\n");
        var os = OsInfo.Parse(Meminfo.Parse(CapturedSamples.SystemText("meminfo.txt")), cpuinfo, stat, null);
        Assert.Equal(2, os.Cpus.Count);
        Assert.Equal("AMD EPYC", os.Cpus[1].Model);
        Assert.Equal(2596, os.Cpus[1].SpeedMHz);
        Assert.Equal(2, os.Cpus[1].Times!.User);
        // free -k on the capture machine: total 24684096 kB.
        Assert.Equal(24684096L * 1024, os.TotalMem);
        Assert.Equal(os.FreeMem, os.AvailableMemory);
        Assert.Null(os.ConstrainedMemory);
    }

    [Fact]
    public void Available_memory_under_a_limit_is_limit_minus_usage()
    {
        var cg = new CgroupMemory(2, "/sys/fs/cgroup", 512L << 20, 100L << 20);
        var os = OsInfo.Parse(Meminfo.Parse(CapturedSamples.SystemText("meminfo.txt")), "", null, cg);
        Assert.Equal(412L << 20, os.AvailableMemory);
        Assert.Equal(512L << 20, os.ConstrainedMemory);
    }

    [Fact]
    public void The_live_cpu_count_is_the_number_of_cpus_the_kernel_lists()
    {
        Assert.True(ProcFs.IsAvailable, "this test runs on Linux, where /proc exists");
        var os = OsInfo.Current();
        Assert.Equal(KernelStat.ForSystem().Cpus.Count, os.Cpus.Count);
        Assert.True(os.FreeMem > 0 && os.FreeMem <= os.TotalMem);
    }
}
