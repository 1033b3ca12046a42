using System.Text.RegularExpressions;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>
/// An instructor's private checks, kept outside the repository and merged at grading time
/// (<c>memcourse grade --hidden FILE</c>). The file is C# in sections, each under a header naming the check
/// cell it extends, exactly as check cells name themselves:
/// <code>
/// // check: offset-of
/// Check.Equal(0x0UL, OffsetOf(0x1000, 4096), "the offset of a page-aligned address");
/// // check: pages-in-32-bit
/// Check.Equal(new AddressSpaceGeometry(32, 4096, 4).Pages, pagesIn32Bits, "the pages of 4 KiB in 4 GiB");
/// </code>
/// Each section runs after the check cell's own code, in the same block, with the same variables; its
/// calls count toward that check's points. Lines before the first header must be comments or blank.
/// </summary>
public static partial class HiddenChecks
{
    [GeneratedRegex(@"^\s*//\s*check:\s*(?<name>[A-Za-z0-9_.\-]+)\s*(\(.*\))?\s*$")]
    private static partial Regex Header();

    /// <summary>The code per check name; throws <see cref="FormatException"/> naming the file, the line and the problem.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string text, string path, IReadOnlyCollection<string> checkNames)
    {
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var fileLines = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        List<int>? currentLines = null;
        List<string>? current = null;
        var lines = text.Replace("\r\n", "\n").TrimStart('\uFEFF').Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var m = Header().Match(lines[i]);
            if (m.Success)
            {
                string name = m.Groups["name"].Value;
                if (!checkNames.Contains(name))
                    throw new FormatException($"{path}:{i + 1}: there is no check '{name}' in the chapter (its checks: {string.Join(", ", checkNames)})");
                current = sections.TryGetValue(name, out var existing) ? existing : sections[name] = [];
                currentLines = fileLines.TryGetValue(name, out var known) ? known : fileLines[name] = [];
                continue;
            }
            if (current is null)
            {
                string t = lines[i].Trim();
                if (t.Length > 0 && !t.StartsWith("//", StringComparison.Ordinal))
                    throw new FormatException($"{path}:{i + 1}: code before the first '// check: NAME' header (which check does it belong to?)");
                continue;
            }
            current.Add(lines[i]);
            currentLines!.Add(i + 1);
        }
        // Blank lines at a section's start are kept, so each line of its code maps to one line of the file.
        return new HiddenCheckSet(path, sections.ToDictionary(s => s.Key, s => string.Join("\n", s.Value).TrimEnd('\n')),
            fileLines.ToDictionary(f => f.Key, f => (IReadOnlyList<int>)f.Value));
    }
}
