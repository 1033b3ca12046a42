using MemoryCourse.Gc.V8Heap;

namespace MemoryCourse.Tests.Gc.V8Heap;

public class SemiSpaceSizingTests
{
    [Fact]
    public void New_space_grows_at_the_scavenges_where_V8_grew_it_in_the_K10_capture()
    {
        // Truth: the --trace-gc-nvp capture. V8 grew the semi-space where the bytes allocated between
        // scavenges doubled; feeding V8's own promoted + survived numbers to the rule must grow there too.
        var log = Captures.Read("trace-gc-nvp-k10.txt");
        var all = log.NvpEvents.Where(e => e.Collector == "s").ToList();
        var v8Growth = new List<int>();
        for (int i = 1; i < all.Count && v8Growth.Count < 4; i++)
            if (all[i].Number("allocated") > 1.8 * all[i - 1].Number("allocated")) v8Growth.Add(i);   // growth shows in the next cycle
        var scavenges = log.NvpEvents.TakeWhile(e => e.Collector == "s").ToList();   // up to the first mark-compact

        var sizing = new SemiSpaceSizing(HeapOptions.Node20);
        long capacity = HeapOptions.Node20.MinSemiSpaceSize;
        var modelGrowth = new List<int>();
        for (int i = 0; i < scavenges.Count; i++)
        {
            if (sizing.BeforeScavenge(capacity) is long grown) { capacity = grown; modelGrowth.Add(i); }
            sizing.AfterScavenge((long)scavenges[i].Number("promoted"), (long)scavenges[i].Number("new_space_survived"));
        }
        Assert.Equal(new[] { 5, 11, 17, 23 }, v8Growth.Select(i => i - 1));
        Assert.Equal(v8Growth.Select(i => i - 1), modelGrowth);
        Assert.Equal(16L * HeapOptions.MiB, capacity);
    }

    [Fact]
    public void New_space_never_grows_when_nothing_survives()
    {
        var sizing = new SemiSpaceSizing(HeapOptions.Node20);
        for (int i = 0; i < 1000; i++)
        {
            Assert.Null(sizing.BeforeScavenge(HeapOptions.MiB));
            sizing.AfterScavenge(0, 0);
        }
    }
}
