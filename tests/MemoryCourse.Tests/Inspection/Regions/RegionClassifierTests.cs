using MemoryCourse.Inspection.Proc;
using MemoryCourse.Inspection.Regions;

namespace MemoryCourse.Tests.Inspection.Regions;

public class RegionClassifierTests
{
    private static (ProcSnapshot Snapshot, IReadOnlyList<ClassifiedRegion> Regions) Load(string process)
    {
        var s = ProcSnapshot.FromDirectory(CapturedSamples.Dir(process));
        return (s, RegionClassifier.Classify(s.Maps));
    }

    [Theory, CapturedProcesses]
    public void The_stack_area_is_the_size_status_reports_as_VmStk(string process)
    {
        var (s, regions) = Load(process);
        Assert.Equal(s.Status.VmStk, regions.Where(r => r.Area == AddressSpaceArea.Stack).Sum(r => r.SizeKb));
    }

    [Theory]
    [InlineData("dotnet")]
    [InlineData("fixture")]
    public void The_code_area_is_the_programs_text_VmExe(string process)
    {
        var (s, regions) = Load(process);
        Assert.Equal(s.Status.VmExe, regions.Where(r => r.Area == AddressSpaceArea.Code).Sum(r => r.SizeKb));
    }

    [Theory, CapturedProcesses]
    public void Shared_memory_rss_is_what_status_calls_RssShmem(string process)
    {
        var (s, regions) = Load(process);
        var rssByStart = s.Smaps.ToDictionary(x => x.Mapping.Start, x => x.RssKb);
        Assert.Equal(s.Status.RssShmem, regions.Where(r => r.Area == AddressSpaceArea.SharedMemory).Sum(r => rssByStart[r.Start]));
    }

    [Theory, CapturedProcesses]
    public void Reservations_never_hold_resident_pages(string process)
    {
        var s = ProcSnapshot.FromDirectory(CapturedSamples.Dir(process));
        var summary = RegionClassifier.Summarize(s.Smaps);
        Assert.True(process == "fixture" || summary.Any(a => a.Area == AddressSpaceArea.Reservation), $"{process} has reservations");
        Assert.Equal(0, summary.Where(a => a.Area == AddressSpaceArea.Reservation).Sum(a => a.RssKb));
    }

    [Fact]
    public void The_dotnet_GC_reservation_is_the_largest_region_and_a_reservation()
    {
        var (_, regions) = Load("dotnet");
        var largest = regions.MaxBy(r => r.SizeKb)!;
        Assert.Equal(49154044, largest.SizeKb); // NOTES: a 49154044 kB '-----' reservation (GC regions)
        Assert.Equal(AddressSpaceArea.Reservation, largest.Area);
        Assert.Contains(regions, r => r.Area == AddressSpaceArea.SharedLibrary && r.Path.EndsWith("System.Private.CoreLib.dll", StringComparison.Ordinal));
        Assert.Contains(regions, r => r.Area == AddressSpaceArea.SharedLibrary && r.Path.EndsWith("libcoreclr.so", StringComparison.Ordinal));
    }

    [Theory, CapturedProcesses]
    public void Area_totals_add_up_to_the_pmap_totals(string process)
    {
        var s = ProcSnapshot.FromDirectory(CapturedSamples.Dir(process));
        var summary = RegionClassifier.Summarize(s.Smaps);
        var total = CapturedSamples.Text(process, "pmap-x.txt").TrimEnd('\n').Split('\n')[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(long.Parse(total[2]), summary.Sum(a => a.SizeKb));
        Assert.Equal(long.Parse(total[3]), summary.Sum(a => a.RssKb));
    }

    [Fact]
    public void Fixture_mappings_land_in_the_areas_the_script_created()
    {
        var (_, regions) = Load("fixture");
        AddressSpaceArea At(ulong start) => regions.Single(r => r.Start == start).Area;
        Assert.Equal(AddressSpaceArea.MappedFile, At(0x7fd992aff000));     // file with spaces.bin
        Assert.Equal(AddressSpaceArea.MappedFile, At(0x7fd9929ff000));     // to-be-deleted.bin (deleted)
        Assert.Equal(AddressSpaceArea.SharedMemory, At(0x7fd9928ff000));   // memfd
        Assert.Equal(AddressSpaceArea.AnonymousMemory, At(0x7fd98e800000)); // the THP region
        Assert.Equal(AddressSpaceArea.Heap, regions.Single(r => r.Path == "[heap]").Area);
        Assert.All(regions.Where(r => r.Path is "[vdso]" or "[vvar]" or "[vsyscall]"), r => Assert.Equal(AddressSpaceArea.Kernel, r.Area));
    }

    [Fact]
    public void Anonymous_memory_right_after_the_programs_data_is_its_bss()
    {
        var maps = MapsReader.Parse("""
            555555554000-555555556000 r--p 00000000 fe:00 1    /usr/bin/prog
            555555556000-555555558000 r-xp 00002000 fe:00 1    /usr/bin/prog
            555555558000-555555559000 rw-p 00004000 fe:00 1    /usr/bin/prog
            555555559000-55555555a000 rw-p 00000000 00:00 0 
            7f0000000000-7f0000001000 rw-p 00000000 00:00 0 
            """);
        var areas = RegionClassifier.Classify(maps).Select(r => r.Area).ToArray();
        Assert.Equal([AddressSpaceArea.Data, AddressSpaceArea.Code, AddressSpaceArea.Data, AddressSpaceArea.Data, AddressSpaceArea.AnonymousMemory], areas);
    }

    [Fact]
    public void This_live_process_has_every_classic_area()
    {
        Assert.True(ProcFs.IsAvailable, "this test runs on Linux, where /proc exists");
        var areas = RegionClassifier.Classify(MapsReader.ForProcess(Environment.ProcessId)).Select(r => r.Area).ToHashSet();
        foreach (var a in new[] { AddressSpaceArea.Code, AddressSpaceArea.Data, AddressSpaceArea.SharedLibrary, AddressSpaceArea.Stack,
                     AddressSpaceArea.Kernel, AddressSpaceArea.AnonymousMemory, AddressSpaceArea.Reservation })
            Assert.Contains(a, areas);
    }
}
