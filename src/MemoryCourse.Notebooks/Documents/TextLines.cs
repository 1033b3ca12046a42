namespace MemoryCourse.Notebooks.Documents;

/// <summary>Splitting text into lines that keep their line breaks, as both notebook formats need.</summary>
internal static class TextLines
{
    /// <summary>The lines of <paramref name="text"/>, each with its '\n' (the last one without, if the text has none).</summary>
    public static List<string> SplitKeepingEndings(string text)
    {
        var lines = new List<string>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            lines.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }
}
