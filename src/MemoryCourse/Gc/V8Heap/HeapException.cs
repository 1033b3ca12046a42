namespace MemoryCourse.Gc.V8Heap;

/// <summary>
/// Thrown when a heap is used wrongly: a reference to an object the collector already freed, a negative
/// size, an object that does not fit the space it must go to. The message names the object and value.
/// </summary>
public sealed class HeapException : Exception
{
    public HeapException(string message) : base(message) { }
}
