namespace MemoryCourse.Allocation.Allocators;

/// <summary>How a request to an allocator ended.</summary>
public enum AllocationStatus
{
    /// <summary>The request succeeded.</summary>
    Ok,
    /// <summary>The size was zero or negative; nothing changed.</summary>
    InvalidSize,
    /// <summary>The allocator cannot serve a block this large at all (for example a pool of fixed-size blocks).</summary>
    TooLarge,
    /// <summary>The heap could not grow enough (it reached its maximum size); nothing changed.</summary>
    OutOfMemory,
    /// <summary>The address was never returned by this allocator or is not live; nothing changed.</summary>
    UnknownPointer,
    /// <summary>The address was already freed; nothing changed.</summary>
    DoubleFree,
}

/// <summary>
/// The outcome of one malloc, realloc or free on a simulated heap. On success <see cref="Address"/> is the payload
/// address the program would receive; <see cref="BlockAddress"/> and <see cref="BlockSize"/> say which block holds
/// it, so the placement can be checked by hand. <see cref="SearchSteps"/> counts the free blocks (or list entries,
/// or tree nodes) the allocator examined to decide: the cost a learner compares between policies.
/// </summary>
public readonly record struct AllocationResult(AllocationStatus Status, long Address, long BlockAddress, long BlockSize, long SearchSteps)
{
    /// <summary>True when the request succeeded.</summary>
    public bool Succeeded => Status == AllocationStatus.Ok;

    /// <summary>A failed request (no address).</summary>
    public static AllocationResult Failed(AllocationStatus status, long searchSteps = 0) => new(status, -1, -1, 0, searchSteps);
}
