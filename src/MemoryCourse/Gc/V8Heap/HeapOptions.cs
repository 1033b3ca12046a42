namespace MemoryCourse.Gc.V8Heap;

/// <summary>
/// The sizes and policies of a modelled V8 heap. <see cref="Node20"/> holds the values of node v20 /
/// V8 11.3 on a 64-bit machine with more than 16 GB of RAM, each taken from V8's documented behaviour or
/// from the captured runs (the comment on each property says which). <see cref="Teaching"/> shrinks the
/// pages so that a notebook can draw every object.
/// </summary>
public sealed record HeapOptions
{
    public const int KiB = 1024;
    public const int MiB = 1024 * 1024;

    /// <summary>The node version whose captures calibrate <see cref="Node20"/> (the course's reference machine).</summary>
    public const string CalibratedNodeVersion = "v20.20.2";

    /// <summary>The V8 version inside that node.</summary>
    public const string CalibratedV8Version = "11.3.244.8-node.38";

    /// <summary>Page size: V8 allocates every space in 256 KiB pages.</summary>
    public int PageSize { get; init; } = 256 * KiB;

    /// <summary>
    /// Bytes of a page that objects can use (the rest is the page header and its marking bitmap): 257 712.
    /// From the captures: <c>--trace-gc-verbose</c> reports "New space ... available: 16107 KB" for an empty
    /// 16 MiB (64-page) semi-space (data/node/heap-limit/small-heaps/old16-k10-nvp-verbose.txt), 251.7 KB a
    /// page; and the scavenges of data/node/heap-limit/survival/old96-k1-nvp.txt that follow one which filled
    /// to-space come after exactly 28 336 bytes, the page tail after seven 32 KiB buffers
    /// (<see cref="ScavengerLabSize"/>): 7 x 32 768 + 28 336 = 257 712.
    /// </summary>
    public int PageAreaSize { get; init; } = 257_712;

    /// <summary>
    /// Size of the local allocation buffers the scavenger copies survivors into (V8's
    /// EvacuationAllocator::kLabSize, 32 KiB). A 257 712-byte page holds seven, and the 28 336 bytes after
    /// them stay empty: node's <c>--trace-gc-nvp</c> shows it (data/node/heap-limit/survival/old96-k1-nvp.txt):
    /// after a scavenge that copied 14.65 MB into a 16 MiB semi-space, the next one came after 28 336 bytes
    /// of allocation, every time, and reported 88.9% survival although nothing could have died. 0 copies
    /// survivors without buffers, as tightly as allocation.
    /// </summary>
    public int ScavengerLabSize { get; init; } = 32 * KiB;

    /// <summary>Survivors larger than this are copied outside the buffers (V8's kMaxLabObjectSize, 8 KiB).</summary>
    public int MaxLabObjectSize { get; init; } = 8 * KiB;

    /// <summary>Initial semi-space size (<c>--min-semi-space-size</c>): 1 MiB in V8 11.3.</summary>
    public long MinSemiSpaceSize { get; init; } = 1 * MiB;

    /// <summary>Largest semi-space size (<c>--max-semi-space-size</c>): 16 MiB by default.</summary>
    public long MaxSemiSpaceSize { get; init; } = 16 * MiB;

    /// <summary><c>--semi-space-growth-factor</c>, default 2: the semi-space doubles when it grows.</summary>
    public int SemiSpaceGrowthFactor { get; init; } = 2;

    /// <summary>
    /// Objects above this size go to large-object space (V8's kMaxRegularHeapObjectSize: half a page,
    /// 128 KiB).
    /// </summary>
    public int LargeObjectThreshold { get; init; } = 128 * KiB;

    /// <summary>
    /// Old-generation maximum: node's <c>--max-old-space-size</c> (in bytes here; the flag is in MiB). When
    /// the old generation cannot grow past it, the heap stops with V8's out-of-memory verdict (see
    /// <see cref="HeapOutOfMemory"/>). Default 4096 MiB: node 20's default on a 64-bit machine with 16 GB of
    /// RAM or more, such as the course's reference machine (its heap_size_limit 4144 MiB = 4096 + 3 x 16 of
    /// new space); <see cref="DefaultMaxOldSpaceSizeMiB"/> gives it for other machines.
    /// </summary>
    public long MaxOldGenerationSize { get; init; } = 4096L * MiB;

    /// <summary><see cref="MaxOldGenerationSize"/> in MiB, as node's flag spells it.</summary>
    public long MaxOldSpaceSizeMiB => MaxOldGenerationSize / MiB;

    /// <summary>These options with <c>--max-old-space-size=<paramref name="mib"/></c>; refuses sizes that are not positive or overflow.</summary>
    public HeapOptions WithMaxOldSpaceSize(long mib)
    {
        if (mib <= 0) throw new HeapException($"--max-old-space-size must be at least 1 MiB, got {mib}.");
        if (mib > long.MaxValue / MiB) throw new HeapException($"--max-old-space-size {mib} MiB does not fit in 64 bits of bytes.");
        return this with { MaxOldGenerationSize = mib * MiB };
    }

    /// <summary>
    /// node 20's default <c>--max-old-space-size</c> for a machine with this much memory (node passes the
    /// physical memory, or a smaller cgroup limit, to V8): a quarter of it times two (V8's heap-limit
    /// multiplier for 64-bit pointers), at least 256 MiB and at most 2048 MiB, or 4096 MiB when the
    /// memory rounds to 16 GiB or more. So 8 GiB gives 2048 MiB, 24 GiB gives 4096 MiB, 1 GiB gives 512 MiB.
    /// </summary>
    public static long DefaultMaxOldSpaceSizeMiB(long physicalMemoryBytes)
    {
        if (physicalMemoryBytes <= 0) throw new HeapException($"physical memory must be positive, got {physicalMemoryBytes} bytes.");
        long oldGeneration = physicalMemoryBytes / 4 * 2 / MiB;
        long max = (physicalMemoryBytes + 512L * MiB) / (1024L * MiB) >= 16 ? 4096 : 2048;
        return Math.Clamp(oldGeneration, 256, max);
    }

    /// <summary>
    /// The smallest step by which V8 raises the old-generation limit (MinimumAllocationLimitGrowingStep,
    /// 8 MB). The captures agree: the first mark-compact starts when the old generation reaches the startup
    /// size (3.3 MiB) + 8 MiB, between 11.0 and 11.7 MiB in both the K=10 and K=100 runs.
    /// </summary>
    public long MinimumLimitGrowingStep { get; init; } = 8 * MiB;

    /// <summary>
    /// V8's largest heap-growing factor after a mark-compact. It depends on the old-generation maximum
    /// (<see cref="MaxGrowingFactorFor"/>): 4.0 for node's default 4096 MiB, 1.3 for 256 MiB or less. The
    /// dynamic factor picks it whenever the collector is less than about 32 times faster than the mutator
    /// allocates, as it is in the alloc.js runs. The K=10 capture confirms it: after the first mark-compact
    /// leaves 11.2 MiB, the next starts at 11.2 x 4 + 16 MiB of new space = 60.9 MiB. Set it to override.
    /// </summary>
    public double MaxHeapGrowingFactor
    {
        get => _maxHeapGrowingFactor ?? MaxGrowingFactorFor(MaxOldGenerationSize);
        init => _maxHeapGrowingFactor = value;
    }

    private readonly double? _maxHeapGrowingFactor;

    /// <summary>
    /// V8's MaxGrowingFactor for an old-generation maximum (64-bit node, no pointer compression): 4.0 from
    /// 2048 MiB up; below, 1.3 at 256 MiB or less rising linearly to 2.0 at 2048 MiB.
    /// </summary>
    public static double MaxGrowingFactorFor(long maxOldGenerationSize)
    {
        const long MinSize = 256L * MiB, MaxSize = 2048L * MiB;
        if (maxOldGenerationSize >= MaxSize) return 4.0;
        long size = Math.Max(maxOldGenerationSize, MinSize);
        return 1.3 + (2.0 - 1.3) * (size - MinSize) / (MaxSize - MinSize);
    }

    /// <summary>V8's smallest heap-growing factor (1.1).</summary>
    public double MinHeapGrowingFactor { get; init; } = 1.1;

    /// <summary>Mutator utilization V8 aims for when it computes the growing factor (0.97).</summary>
    public double TargetMutatorUtilization { get; init; } = 0.97;

    /// <summary>
    /// V8's <c>--detect-ineffective-gcs-near-heap-limit</c> (on by default): four mark-compacts in a row
    /// that leave the old generation at 80% of its maximum or more while the program gets less than 40% of
    /// the time (average mutator utilization) end the process with "Ineffective mark-compacts near heap limit".
    /// </summary>
    public bool DetectIneffectiveMarkCompacts { get; init; } = true;

    /// <summary>
    /// V8's <c>--allocation-site-pretenuring</c> (on by default): an allocation site whose new objects
    /// nearly all survive a collection at new space's maximum size allocates in old space from then on
    /// (<see cref="AllocationSite"/>). Workloads that model a site consult it; the heap itself does not.
    /// </summary>
    public bool AllocationSitePretenuring { get; init; } = true;

    /// <summary>Mark incrementally (with write barrier) before a mark-compact, as V8 does, or collect atomically.</summary>
    public bool IncrementalMarking { get; init; } = true;

    /// <summary>Whether writes during incremental marking shade their target grey. Turn off to watch marking break.</summary>
    public bool MarkingWriteBarrier { get; init; } = true;

    /// <summary>
    /// AllocationResult between two incremental marking steps: V8's allocation observer fires every 64 KB.
    /// </summary>
    public int MarkingStepAllocationBytes { get; init; } = 64 * KiB;

    /// <summary>
    /// Bytes marked per byte the mutator allocates while marking (main thread and concurrent helpers
    /// together). The first mark-compacts of the 4096 MiB captures give 6.1 (K=10: 11.2 MiB marked while
    /// 1.84 MB were allocated) and 7.5 (K=100); the later, larger markings of the heap-limit captures
    /// (data/node/heap-limit, 32 and 64 MiB) finish sooner, and 10 fits them best: every one of their six
    /// runs then has V8's scavenge count within 10% and its mark-compact count within 1 (with 6, the 64 MiB
    /// K=2 run has 15 scavenges instead of 18). The 4096 MiB calibration holds with either. With
    /// <see cref="FinalizeMarkingAtFirstStep"/> on (node's default here) it only sizes that one step.
    /// </summary>
    public double MarkingBytesPerAllocatedByte { get; init; } = 10.0;

    /// <summary>
    /// Whether incremental marking ends at its first step, the atomic pause doing the marking. node 20 does
    /// so: in the heap-limit captures every marking cycle after the first reports "1 steps since start of
    /// marking" and lasts only a few ms longer than its pause, because V8 finalizes once the main thread's
    /// worklist is empty (IncrementalMarking::ShouldFinalize) while the concurrent markers hold the work.
    /// The first cycle varies more (1 to 37 steps in the captures), and the model ends it at the first step
    /// too: data/node/heap-limit/small-heaps shows node's first mark-compact at 16 MiB after 64 KB of
    /// allocation, and with it the size the first mark-compact leaves matches node's within a few hundred KB
    /// at 16 to 512 MiB, where letting the first marking run its course kept 1-2 MiB more (the arrays stored
    /// while it ran, which the write barrier marks). Without it the model's later mark-compacts came one or two
    /// new-space loads late at 128 MiB and above. The teaching heap turns it off to show marking in steps.
    /// </summary>
    public bool FinalizeMarkingAtFirstStep { get; init; } = true;

    /// <summary>
    /// A page becomes an evacuation candidate when at least this share of its area is free after marking
    /// (V8's target fragmentation percent, 70).
    /// </summary>
    public double CompactionFreeThreshold { get; init; } = 0.70;

    /// <summary>
    /// A mark-compact moves a new-space page to old space whole, instead of copying its objects, when more
    /// than this share of its area is live (V8's --page-promotion with --page-promotion-threshold, 70%), except
    /// when it reduces memory. 0 turns it off (the teaching heap, whose pictures copy every object).
    /// </summary>
    public double PagePromotionThreshold { get; init; } = 0.70;

    /// <summary>At most this many live bytes are evacuated by one compaction (V8's kMaxEvacuatedBytes, 4 MB).</summary>
    public long MaxEvacuatedBytes { get; init; } = 4 * MiB;

    /// <summary>Keep a list of the objects in each semi-space so that they can be listed and drawn.
    /// Costs a list entry per allocation; the calibration workload turns it off.</summary>
    public bool RecordYoungObjects { get; init; } = true;

    /// <summary>The pause-time model used for the estimated pause of each event.</summary>
    public GcCostModel Cost { get; init; } = GcCostModel.Node20;

    /// <summary>node v20 / V8 11.3 defaults on a machine with more than 16 GB of RAM.</summary>
    public static HeapOptions Node20 => new();

    /// <summary>The largest semi-space this model holds, in MiB (node's default grows to 16; a gigabyte is far beyond any real setting).</summary>
    public const long MaxSemiSpaceMiB = 1024;

    /// <summary>
    /// node v20 with <c>--min-semi-space-size=S --max-semi-space-size=S</c> (S in MiB, 1 to <see cref="MaxSemiSpaceMiB"/>;
    /// a size outside is a <see cref="HeapException"/> naming the bound, never a semi-space of a negative number of pages).
    /// </summary>
    public static HeapOptions Node20FixedSemiSpace(long semiSpaceMiB) =>
        semiSpaceMiB is < 1 or > MaxSemiSpaceMiB
            ? throw new HeapException($"--semi-space {semiSpaceMiB}: this model holds semi-spaces from 1 to {MaxSemiSpaceMiB} MiB.")
            : new() { MinSemiSpaceSize = semiSpaceMiB * MiB, MaxSemiSpaceSize = semiSpaceMiB * MiB };

    /// <summary>
    /// A tiny heap for pictures: 1 KiB pages with no header, semi-spaces from 2 to 8 KiB, objects above
    /// 512 bytes are large, and an 8 KiB minimum limit step so a mark-compact comes after a few dozen objects.
    /// The old generation may grow to 1 MiB (growing factor up to 4, as in node's default heap).
    /// </summary>
    public static HeapOptions Teaching => new()
    {
        PageSize = 1 * KiB, PageAreaSize = 1 * KiB, MinSemiSpaceSize = 2 * KiB, MaxSemiSpaceSize = 8 * KiB,
        LargeObjectThreshold = 512, MaxOldGenerationSize = 1 * MiB, MaxHeapGrowingFactor = 4.0, MinimumLimitGrowingStep = 8 * KiB,
        MarkingStepAllocationBytes = 256, MarkingBytesPerAllocatedByte = 2, MaxEvacuatedBytes = 64 * KiB,
        FinalizeMarkingAtFirstStep = false, ScavengerLabSize = 0, PagePromotionThreshold = 0,
    };

    /// <summary>Checks that the sizes fit together; the message names the property and value.</summary>
    public void Validate()
    {
        if (PageSize <= 0) throw new HeapException($"PageSize must be positive, got {PageSize}.");
        if (PageAreaSize <= 0 || PageAreaSize > PageSize)
            throw new HeapException($"PageAreaSize must be between 1 and the page size {PageSize}, got {PageAreaSize}.");
        if (MinSemiSpaceSize < PageSize)
            throw new HeapException($"semi-space of {MinSemiSpaceSize} bytes is smaller than one {PageSize}-byte page (MinSemiSpaceSize).");
        if (MinSemiSpaceSize % PageSize != 0 || MaxSemiSpaceSize % PageSize != 0)
            throw new HeapException($"semi-space sizes must be whole pages of {PageSize} bytes, got {MinSemiSpaceSize} and {MaxSemiSpaceSize}.");
        if (MaxSemiSpaceSize < MinSemiSpaceSize)
            throw new HeapException($"MaxSemiSpaceSize {MaxSemiSpaceSize} is below MinSemiSpaceSize {MinSemiSpaceSize}.");
        if (SemiSpaceGrowthFactor < 1) throw new HeapException($"SemiSpaceGrowthFactor must be at least 1, got {SemiSpaceGrowthFactor}.");
        if (LargeObjectThreshold <= 0 || LargeObjectThreshold > PageAreaSize)
            throw new HeapException($"LargeObjectThreshold must be between 1 and the page area {PageAreaSize}, got {LargeObjectThreshold}.");
        if (ScavengerLabSize < 0 || ScavengerLabSize > PageAreaSize)
            throw new HeapException($"ScavengerLabSize must be between 0 and the page area {PageAreaSize}, got {ScavengerLabSize}.");
        if (MaxLabObjectSize < 0 || (ScavengerLabSize > 0 && MaxLabObjectSize > ScavengerLabSize))
            throw new HeapException($"MaxLabObjectSize must be between 0 and ScavengerLabSize {ScavengerLabSize}, got {MaxLabObjectSize}.");
        if (MaxHeapGrowingFactor < MinHeapGrowingFactor)
            throw new HeapException($"MaxHeapGrowingFactor {MaxHeapGrowingFactor} is below MinHeapGrowingFactor {MinHeapGrowingFactor}.");
        if (MaxOldGenerationSize <= 0) throw new HeapException($"MaxOldGenerationSize must be positive, got {MaxOldGenerationSize}.");
        if (MarkingStepAllocationBytes <= 0 || MarkingBytesPerAllocatedByte <= 0)
            throw new HeapException("marking step size and marking speed must be positive.");
    }
}
