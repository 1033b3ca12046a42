namespace MemoryCourse.Paging.DemandPaging;

/// <summary>
/// The operating system's list of physical frames holding nothing: a page fault takes one from the front,
/// freeing a page puts its frame back at the end. When it is empty, a fault must first evict a page.
/// </summary>
public sealed class FreeFrameList
{
    private readonly Queue<int> _free;

    /// <summary>Frames 0..<paramref name="frames"/>-1, all free.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Zero or negative frames.</exception>
    public FreeFrameList(int frames)
    {
        if (frames < 1) throw new ArgumentOutOfRangeException(nameof(frames), frames, $"physical memory needs at least one frame, not {frames}");
        _free = new Queue<int>(Enumerable.Range(0, frames));
    }

    public int Count => _free.Count;

    /// <summary>Takes a free frame, or returns false when there is none. O(1).</summary>
    public bool TryTake(out int frame) => _free.TryDequeue(out frame);

    /// <summary>Returns a frame to the list. O(1).</summary>
    public void Return(int frame) => _free.Enqueue(frame);
}
