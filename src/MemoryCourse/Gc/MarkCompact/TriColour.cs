namespace MemoryCourse.Gc.MarkCompact;

/// <summary>
/// The three colours of tri-colour marking (삼색 마킹). White: not reached yet (garbage if still white at
/// the end). Grey: reached, its references not scanned yet (on the worklist). Black: reached and scanned.
/// The invariant that makes marking correct: no black object points to a white one.
/// </summary>
public enum TriColour : byte
{
    White = 0,
    Grey = 1,
    Black = 2,
}
