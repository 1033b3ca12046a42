using MemoryCourse.Notebooks.Grading;

namespace MemoryCourse.Notebooks.Tests.Grading;

/// <summary>
/// The shard rule: for every class size up to 60 and every number of slices up to 12, the slices 1..N hold every
/// student exactly once, in grading order, and differ in size by at most one; <see cref="ClassSlice.Holds"/> and
/// <see cref="ClassSlice.Of"/> say the same.
/// </summary>
public class ClassSliceTests
{
    [Fact]
    public void The_slices_of_a_class_hold_every_student_once_and_differ_in_size_by_at_most_one()
    {
        for (int size = 0; size <= 60; size++)
            for (int n = 1; n <= 12; n++)
            {
                var students = Enumerable.Range(0, size).Select(i => $"s{i:00}").ToList();
                var slices = Enumerable.Range(1, n).Select(k => ClassSlice.Of(students, k, n).ToList()).ToList();
                Assert.Equal(students, slices.SelectMany(s => s).Order(StringComparer.Ordinal));
                Assert.True(slices.Max(s => s.Count) - slices.Min(s => s.Count) <= 1, $"{size} students in {n} slices");
                for (int k = 1; k <= n; k++)
                {
                    Assert.Equal(slices[k - 1], students.Where((_, position) => ClassSlice.Holds(position, k, n)));
                    Assert.Equal(slices[k - 1].Order(StringComparer.Ordinal), slices[k - 1]); // kept in grading order
                }
            }
    }

    [Fact]
    public void Slice_k_of_n_starts_at_position_k_and_steps_by_n()
    {
        string[] students = ["alice", "bob", "carol", "dave", "erin"];
        Assert.Equal(["alice", "carol", "erin"], ClassSlice.Of(students, 1, 2));
        Assert.Equal(["bob", "dave"], ClassSlice.Of(students, 2, 2));
        Assert.Equal(["carol"], ClassSlice.Of(students, 3, 3));
        Assert.Equal(students, ClassSlice.Of(students, 1, 1));
    }
}
