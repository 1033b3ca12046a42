using System.Collections;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>
/// An instructor's hidden checks as read from their file: the code per check name, and where each section
/// starts in the file, so a problem with a section (it does not compile against the chapter, it throws on
/// the worked solutions) names the file and the line.
/// </summary>
public sealed class HiddenCheckSet(string path, IReadOnlyDictionary<string, string> code, IReadOnlyDictionary<string, IReadOnlyList<int>> fileLines)
    : IReadOnlyDictionary<string, string>
{
    /// <summary>The hidden checks file.</summary>
    public string Path { get; } = path;

    /// <summary>
    /// The 1-based file line of the 1-based <paramref name="line"/> of a check's hidden code (past its end: its last
    /// line), or 0 when unknown.
    /// </summary>
    public int FileLine(string check, int line) =>
        fileLines.TryGetValue(check, out var lines) && lines.Count > 0 ? lines[Math.Clamp(line, 1, lines.Count) - 1] : 0;

    public string this[string key] => code[key];
    public IEnumerable<string> Keys => code.Keys;
    public IEnumerable<string> Values => code.Values;
    public int Count => code.Count;
    public bool ContainsKey(string key) => code.ContainsKey(key);
    public bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out string value) => code.TryGetValue(key, out value);
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => code.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
