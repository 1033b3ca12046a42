namespace MemoryCourse.Gc.V8Heap;

/// <summary>
/// Thrown by <see cref="Heap.Allocate"/> when the modelled heap runs out of memory, as a real node process
/// aborts. Unlike <see cref="HeapException"/> this is not a misuse: the program asked for more than
/// <c>--max-old-space-size</c> allows. <see cref="OutOfMemory"/> says which check failed; the heap's
/// events up to the failure stay readable.
/// </summary>
public sealed class HeapOutOfMemoryException : Exception
{
    public HeapOutOfMemoryException(HeapOutOfMemory outOfMemory) : base(outOfMemory.Message) => OutOfMemory = outOfMemory;

    /// <summary>The verdict and the heap's state at the failure.</summary>
    public HeapOutOfMemory OutOfMemory { get; }
}
