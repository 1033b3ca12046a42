using MemoryCourse.Inspection.Proc;
using MemoryCourse.Inspection.ProcessUsage;

namespace MemoryCourse.Tests.Inspection.ProcessUsage;

public class CgroupMemoryTests
{
    private static Func<string, string?> Files(Dictionary<string, string> files) => p => files.GetValueOrDefault(p);

    [Fact]
    public void A_v1_limit_of_LONG_MAX_rounded_to_a_page_means_unconstrained()
    {
        // The values a cgroup v1 host printed for an unlimited group.
        var cg = CgroupMemory.Detect("4:memory:/process_api/abc\n0::/\n", Files(new()
        {
            ["/sys/fs/cgroup/memory/process_api/abc/memory.limit_in_bytes"] = "9223372036854771712\n",
            ["/sys/fs/cgroup/memory/process_api/abc/memory.usage_in_bytes"] = "44048384\n",
        }))!;
        Assert.Equal(1, cg.Version);
        Assert.Null(cg.LimitBytes);
        Assert.Equal(44048384, cg.UsageBytes);
        Assert.Null(cg.RemainingBytes);
    }

    [Fact]
    public void A_v2_limit_is_read_from_memory_max_and_max_means_none()
    {
        var limited = CgroupMemory.Detect("0::/app.slice/web.service\n", Files(new()
        {
            ["/sys/fs/cgroup/app.slice/web.service/memory.max"] = "536870912\n",
            ["/sys/fs/cgroup/app.slice/web.service/memory.current"] = "104857600\n",
        }))!;
        Assert.Equal(2, limited.Version);
        Assert.Equal(536870912, limited.LimitBytes);
        Assert.Equal(536870912 - 104857600, limited.RemainingBytes);
        var unlimited = CgroupMemory.Detect("0::/\n", Files(new() { ["/sys/fs/cgroup/memory.max"] = "max\n", ["/sys/fs/cgroup/memory.current"] = "1\n" }))!;
        Assert.Null(unlimited.LimitBytes);
    }

    [Fact]
    public void Inside_a_container_the_group_is_found_at_the_mount_root()
    {
        var cg = CgroupMemory.Detect("0::/docker/0123abcd\n", Files(new() { ["/sys/fs/cgroup/memory.max"] = "268435456\n" }))!;
        Assert.Equal("/sys/fs/cgroup", cg.Directory);
        Assert.Equal(268435456, cg.LimitBytes);
    }

    [Fact]
    public void A_malformed_cgroup_line_is_a_FormatException()
    {
        var e = Assert.Throws<FormatException>(() => CgroupMemory.Detect("0::/\nnonsense\n", _ => null));
        Assert.StartsWith("/proc/self/cgroup:2:", e.Message);
    }

    [Fact]
    public void The_limit_found_is_the_memory_the_dotnet_GC_believes_it_has()
    {
        Assert.True(ProcFs.IsAvailable, "this test runs on Linux, where /proc exists");
        var cg = CgroupMemory.ForCurrentProcess();
        long gcSees = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        long expected = cg?.LimitBytes is long limit ? Math.Min(limit, Meminfo.ForSystem().MemTotal * 1024) : Meminfo.ForSystem().MemTotal * 1024;
        Assert.Equal(expected, gcSees);
    }
}
