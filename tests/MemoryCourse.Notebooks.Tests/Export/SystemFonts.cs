using System.Diagnostics;
using System.Globalization;

namespace MemoryCourse.Notebooks.Tests.Export;

/// <summary>
/// The machine's own fonts that have any Hangul (asked of fontconfig, which Chromium uses on Linux). Where there is
/// none, a page's Korean text can only be drawn by the font the book ships, so a test can see that font's effect.
/// </summary>
internal static class SystemFonts
{
    // Hangul Jamo, Hangul Compatibility Jamo, Hangul Syllables: the book's Korean font's unicode-range.
    private static readonly (int First, int Last)[] Hangul = [(0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7AF)];

    private static readonly Lazy<(IReadOnlyList<string>? Fonts, string Note)> Found = new(Ask);

    /// <summary>Files of the system fonts that cover at least one Hangul code point; null when fontconfig cannot be asked.</summary>
    public static IReadOnlyList<string>? WithHangul => Found.Value.Fonts;

    /// <summary>Why a test that needs a machine without Korean fonts cannot run here, or null when it can.</summary>
    public static string? WhyNotKoreanFree => Found.Value.Fonts switch
    {
        null => Found.Value.Note,
        { Count: > 0 } fonts => $"this machine has fonts with Hangul ({string.Join(", ", fonts.Select(Path.GetFileName))}), " +
                                "so Korean text would draw without the book's font too",
        _ => null,
    };

    private static (IReadOnlyList<string>? Fonts, string Note) Ask()
    {
        try
        {
            var info = new ProcessStartInfo("fc-list", ["--format", "%{file}|%{charset}\\n"]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(info)!;
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) return (null, $"fc-list failed (exit code {process.ExitCode}): cannot tell whether this machine has a Korean font");
            var fonts = new List<string>();
            foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                int bar = line.LastIndexOf('|');
                if (bar > 0 && CoversHangul(line[(bar + 1)..])) fonts.Add(line[..bar]);
            }
            return (fonts, "");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, "fc-list (Debian's fontconfig) is not installed: cannot tell whether this machine has a Korean font");
        }
    }

    // fontconfig's charset: hexadecimal code points and ranges separated by spaces, e.g. "20-7e a0-17f 192".
    private static bool CoversHangul(string charset)
    {
        foreach (var token in charset.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var ends = token.Split('-');
            if (!int.TryParse(ends[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int first)) continue;
            int last = ends.Length > 1 && int.TryParse(ends[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int l) ? l : first;
            if (Hangul.Any(h => first <= h.Last && last >= h.First)) return true;
        }
        return false;
    }
}

/// <summary>A test that needs a machine without any font that has Hangul: skipped, with the reason, elsewhere.</summary>
internal sealed class NoKoreanSystemFontFactAttribute : FactAttribute
{
    public NoKoreanSystemFontFactAttribute()
    {
        if (SystemFonts.WhyNotKoreanFree is { } reason) Skip = reason;
    }
}
