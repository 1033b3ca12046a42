using System.Numerics;

namespace MemoryCourse.Paging.Translation;

/// <summary>Checks and logarithms for the sizes paging depends on: pages, frames and address spaces are powers of two.</summary>
public static class PowerOfTwo
{
    /// <summary>True for 1, 2, 4, 8, ...</summary>
    public static bool Is(long value) => value > 0 && (value & (value - 1)) == 0;

    /// <summary>log2 of a power of two.</summary>
    public static int Log2(long value) => BitOperations.Log2((ulong)value);

    /// <summary>Throws an error naming the parameter and the value when it is not a positive power of two.</summary>
    public static void Require(long value, string what)
    {
        if (!Is(value)) throw new ArgumentException($"{what} must be a power of two, but is {value}", what);
    }
}
