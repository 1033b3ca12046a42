namespace MemoryCourse.Paging.Replacement;

/// <summary>
/// The textbook CLOCK algorithm (second chance): frames sit in a circle with one reference bit each; a hit
/// sets the page's bit; on a miss the hand sweeps forward, clearing set bits, and evicts the first page
/// whose bit is already clear. It approximates LRU with one bit per frame and no list to reorder.
/// Amortised O(1) per reference: each sweep step clears a bit that some earlier reference set.
/// (OSTEP's CLOCK, in <see cref="PageCache"/>, probes random frames instead of sweeping a hand.)
/// </summary>
public sealed class ClockFrames : FrameSlots
{
    private readonly bool[] _referenced;

    /// <summary>An empty clock of <paramref name="frames"/> frames, hand at frame 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero or negative frames.</exception>
    public ClockFrames(int frames) : base(frames, "CLOCK") => _referenced = new bool[frames];

    /// <summary>The frame the hand points at: the next one to be examined.</summary>
    public int Hand { get; private set; }

    protected override void OnHit(int slot) => _referenced[slot] = true;

    protected override void OnLoad(int slot) => _referenced[slot] = true;

    // Sweep: clear set bits (a second chance) until a clear one comes under the hand.
    protected override int ChooseVictim()
    {
        while (_referenced[Hand])
        {
            _referenced[Hand] = false;
            Hand = (Hand + 1) % Frames;
        }
        int slot = Hand;
        Hand = (Hand + 1) % Frames;
        return slot;
    }

    /// <summary>Frame contents in frame order with their reference bits (for drawing the clock face).</summary>
    public IReadOnlyList<(long Page, bool Referenced)> Face() =>
        Enumerable.Range(0, Used).Select(i => (Pages[i], _referenced[i])).ToList();
}
