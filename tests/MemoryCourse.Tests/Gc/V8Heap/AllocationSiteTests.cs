using MemoryCourse.Gc.V8Heap;
using MemoryCourse.Gc.V8Workloads;

namespace MemoryCourse.Tests.Gc.V8Heap;

public class AllocationSiteTests
{
    private static AllocationSite SiteAfter(long created, long found, bool newSpaceAtMaximum)
    {
        var site = new AllocationSite();
        for (long i = 0; i < created; i++) site.RecordCreated();
        site.RecordFound(found);
        site.Digest(newSpaceAtMaximum);
        return site;
    }

    [Fact]
    public void A_site_whose_new_objects_nearly_all_survive_is_pretenured_once_new_space_is_at_its_maximum()
    {
        Assert.Equal(PretenureDecision.Tenure, SiteAfter(1000, 850, newSpaceAtMaximum: true).Decision);
        Assert.Equal(PretenureDecision.MaybeTenure, SiteAfter(1000, 850, newSpaceAtMaximum: false).Decision);
    }

    [Fact]
    public void A_site_that_keeps_too_few_is_never_pretenured_even_when_everything_survives_later()
    {
        // K = 2 keeps half: ratio 0.5 < 0.85, and V8 only changes undecided and maybe-tenure sites.
        var site = SiteAfter(1000, 500, newSpaceAtMaximum: true);
        Assert.Equal(PretenureDecision.DontTenure, site.Decision);
        for (int i = 0; i < 1000; i++) site.RecordCreated();
        site.RecordFound(1000);
        Assert.False(site.Digest(newSpaceWasAtMaximum: true));
        Assert.Equal(PretenureDecision.DontTenure, site.Decision);
    }

    [Fact]
    public void Fewer_than_a_hundred_mementos_decide_nothing_and_every_collection_starts_the_count_again()
    {
        var site = SiteAfter(99, 99, newSpaceAtMaximum: true);
        Assert.Equal(PretenureDecision.Undecided, site.Decision);
        // The 99 of the last cycle were cleared: 60 more are still too few.
        for (int i = 0; i < 60; i++) site.RecordCreated();
        site.RecordFound(60);
        site.Digest(newSpaceWasAtMaximum: true);
        Assert.Equal(PretenureDecision.Undecided, site.Decision);
    }

    [Fact]
    public void A_maybe_tenured_site_becomes_tenured_at_the_first_collection_at_new_space_maximum_and_says_so_once()
    {
        var site = SiteAfter(1000, 1000, newSpaceAtMaximum: false);
        for (int i = 0; i < 500; i++) site.RecordCreated();
        site.RecordFound(500);
        Assert.True(site.Digest(newSpaceWasAtMaximum: true));
        Assert.True(site.Pretenured);
        Assert.False(site.Digest(newSpaceWasAtMaximum: true));
    }

    [Fact]
    public void Alloc_js_keeping_every_array_judges_its_literal_only_while_the_loop_is_interpreted()
    {
        // Only the arrays made before the loop is optimised carry mementos (AllocJsWorkload.InterpretedArrays),
        // and new space is still growing then: the site is "maybe tenure" and never sees a collection at
        // new space's maximum, so every array is copied through new space, as in most of node's runs
        // (data/node/heap-limit/survival/old128-k1-tiering.txt, sweep/holdout-live.tsv).
        var options = HeapOptions.Node20.WithMaxOldSpaceSize(512);
        var run = AllocJsWorkload.Run(2_000_000, 176, 1, options);
        var without = AllocJsWorkload.Run(2_000_000, 176, 1, options with { AllocationSitePretenuring = false });
        Assert.True(run.Completed);
        Assert.Equal(without.Scavenges, run.Scavenges);
        Assert.True(run.Scavenges > 20, $"{run.Scavenges} scavenges: the arrays went through new space");
    }

    [Fact]
    public void Alloc_js_keeping_every_other_array_is_never_pretenured()
    {
        var options = HeapOptions.Node20.WithMaxOldSpaceSize(512);
        var run = AllocJsWorkload.Run(1_000_000, 176, 2, options);
        var without = AllocJsWorkload.Run(1_000_000, 176, 2, options with { AllocationSitePretenuring = false });
        Assert.Equal(without.Scavenges, run.Scavenges);
        Assert.Equal(without.MarkCompacts, run.MarkCompacts);
    }
}
