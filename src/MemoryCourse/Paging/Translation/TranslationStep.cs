namespace MemoryCourse.Paging.Translation;

/// <summary>
/// One step of an address translation, as a row a notebook can show in a table: what the hardware did
/// (<paramref name="Action"/>: "split address", "read PDE", "check bounds"...), the number it produced or read,
/// and a sentence explaining it.
/// </summary>
/// <param name="Action">What the MMU did in this step.</param>
/// <param name="Value">The number extracted, read or computed.</param>
/// <param name="Detail">A learner-readable explanation, with the bits that mattered.</param>
public sealed record TranslationStep(string Action, long Value, string Detail);
