namespace MemoryCourse.Notebooks.Grading;

/// <summary>
/// Which students slice K of N holds when a class is graded on several machines (<c>memcourse grade --shard K/N</c>):
/// with the class in grading order (names sorted ordinally), slice K holds positions K, K+N, K+2N, ... (1-based).
/// The grader takes its slice by this rule, a merge checks each partial gradebook's students by it, and the
/// command counts a slice by it: one rule, so the three cannot disagree.
/// </summary>
public static class ClassSlice
{
    /// <summary>
    /// Whether the student at <paramref name="position"/> (0-based, in grading order) is in slice <paramref name="k"/> of <paramref name="n"/>.
    /// </summary>
    public static bool Holds(int position, int k, int n) => position % n == k - 1;

    /// <summary>The members of slice <paramref name="k"/> of <paramref name="n"/> of a class given in grading order.</summary>
    public static IEnumerable<T> Of<T>(IEnumerable<T> inGradingOrder, int k, int n) => inGradingOrder.Where((_, position) => Holds(position, k, n));
}
