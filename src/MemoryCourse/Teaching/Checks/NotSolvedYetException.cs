namespace MemoryCourse.Teaching.Checks;

/// <summary>
/// What an exercise in a student version throws until it is solved: the solution was taken out, and this
/// says so kindly instead of failing with something confusing further down.
/// </summary>
public sealed class NotSolvedYetException(string exercise)
    : Exception($"Exercise '{exercise}' is not solved yet: replace this line with your solution and run the cell again.")
{
    public string Exercise { get; } = exercise;
}
