namespace MemoryCourse.Gc.V8Heap;

/// <summary>Where a root lives: what keeps an object alive without another heap object pointing to it.</summary>
public enum RootKind
{
    /// <summary>A local variable in a stack frame.</summary>
    StackFrame,
    /// <summary>A global variable (the global object's properties).</summary>
    Global,
    /// <summary>A handle held by the embedder (node's C++ side, V8's builtins).</summary>
    Handle,
}

/// <summary>One named root and the object it holds (or null).</summary>
/// <param name="Name">Variable or handle name, unique in the set.</param>
/// <param name="Kind">Stack frame, global or handle.</param>
/// <param name="Target">The object the root points to, or null.</param>
public sealed record Root(string Name, RootKind Kind, HeapObject? Target);

/// <summary>
/// The roots of the heap: named stack-frame locals, globals and handles. Every collection starts from
/// here; an object no chain of references from a root reaches is garbage.
/// </summary>
public sealed class RootSet
{
    private readonly Dictionary<string, Root> _roots = new(StringComparer.Ordinal);
    private readonly Heap _heap;

    internal RootSet(Heap heap) => _heap = heap;

    /// <summary>Points root <paramref name="name"/> at <paramref name="target"/> (creating the root).</summary>
    public void Set(string name, HeapObject? target, RootKind kind = RootKind.Global)
    {
        if (target is not null) _heap.EnsureAlive(target, $"root '{name}'");
        // No barrier on stack and handle writes, as in V8: the final marking pause rescans the roots.
        _roots[name] = new Root(name, kind, target);
    }

    /// <summary>Removes a root, as leaving a function drops its locals.</summary>
    public bool Remove(string name) => _roots.Remove(name);

    /// <summary>The object a root holds, or null when absent.</summary>
    public HeapObject? Get(string name) => _roots.TryGetValue(name, out var r) ? r.Target : null;

    /// <summary>All roots, in no particular order.</summary>
    public IReadOnlyCollection<Root> All => _roots.Values;

    internal IEnumerable<HeapObject> Targets()
    {
        foreach (var r in _roots.Values)
            if (r.Target is not null) yield return r.Target;
    }
}
