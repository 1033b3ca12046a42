namespace MemoryCourse.Allocation.MallocLab;

/// <summary>The three requests of a malloc-lab trace.</summary>
public enum TraceOpKind
{
    /// <summary><c>a ID SIZE</c>: malloc SIZE bytes as block ID.</summary>
    Allocate,
    /// <summary><c>r ID SIZE</c>: realloc block ID to SIZE bytes.</summary>
    Reallocate,
    /// <summary><c>f ID</c>: free block ID.</summary>
    Free,
}

/// <summary>One line of a malloc-lab trace. <see cref="Line"/> is the 1-based line in the file (0 when generated).</summary>
public readonly record struct TraceOp(TraceOpKind Kind, int Id, long Size, int Line)
{
    /// <summary>The op's letter in the file: a, r or f.</summary>
    public char Letter => Kind switch { TraceOpKind.Allocate => 'a', TraceOpKind.Reallocate => 'r', _ => 'f' };

    /// <summary>The op as the file spells it.</summary>
    public override string ToString() => Kind == TraceOpKind.Free ? $"f {Id}" : $"{Letter} {Id} {Size}";
}
