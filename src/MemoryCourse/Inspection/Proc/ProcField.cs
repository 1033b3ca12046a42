using System.Globalization;
using MemoryCourse.Foundation.Input;

namespace MemoryCourse.Inspection.Proc;

/// <summary>
/// One <c>Key: value</c> line of a /proc file such as <c>status</c>, <c>meminfo</c> or a block of
/// <c>smaps</c>. <see cref="Number"/> holds the value when it is a whole number, and <see cref="Unit"/>
/// says whether it was in kilobytes: the kernel writes <c>kB</c> for sizes and nothing for counts
/// (<c>HugePages_Total</c>, <c>THPeligible</c>, <c>Threads</c>). Other tools spell the same unit
/// <c>K</c> or <c>KB</c>; all mean 1024 bytes and are normalised to <c>kB</c>.
/// </summary>
public sealed record ProcField(string Key, string Text, long? Number, string? Unit)
{
    /// <summary>The largest size a kB field may hold: all of a 64-bit address space, 2^64 bytes.</summary>
    public const long MaxKilobytes = 1L << 54;

    /// <summary>True when the value was written with a kilobyte unit.</summary>
    public bool IsKilobytes => Unit == "kB";

    /// <summary>
    /// Parses one line. The separator after the colon may be spaces or a tab followed by padding
    /// (<c>VmRSS:\t  188608 kB</c>); trailing spaces are ignored. A line without a colon, or a kB value that
    /// is not a number, is a <see cref="FormatException"/> naming the source and line.
    /// </summary>
    public static ProcField Parse(string line, string source, int lineNumber)
    {
        int colon = line.IndexOf(':');
        if (colon <= 0)
            throw new FormatException($"{source}:{lineNumber}: expected 'Key: value', got {InputText.Quote(line)}");
        string key = line[..colon].Trim();
        string text = line[(colon + 1)..].Trim();
        string? unit = null;
        string numberPart = text;
        int space = text.LastIndexOf(' ');
        if (space > 0)
        {
            string suffix = text[(space + 1)..];
            if (suffix is "kB" or "KB" or "K" or "k")
            {
                unit = "kB";
                numberPart = text[..space].TrimEnd();
            }
        }
        long? number = null;
        if (long.TryParse(numberPart, NumberStyles.None, CultureInfo.InvariantCulture, out long n))
        {
            // No size can exceed the 64-bit address space (2^54 kB); a larger one is damage, and a sum of two
            // such values would overflow.
            if (unit is not null && n > MaxKilobytes)
                throw new FormatException(
                    $"{source}:{lineNumber}: {InputText.Quote(key)} is {n} kB, more than a 64-bit address space holds ({MaxKilobytes} kB)");
            number = n;
        }
        else if (unit is not null)
            throw new FormatException($"{source}:{lineNumber}: {InputText.Quote(key)} has a kB unit but " +
                $"{InputText.Quote(numberPart)} is not a whole number of 63 bits or fewer");
        return new ProcField(key, text, number, unit);
    }
}

/// <summary>
/// The fields of a <c>Key: value</c> file in their original order, with lookups by key. Missing keys are
/// reported with the source name, because field sets differ between kernel versions.
/// </summary>
public sealed class ProcFieldSet : IReadOnlyList<ProcField>
{
    private readonly List<ProcField> _fields;
    private readonly Dictionary<string, ProcField> _byKey;

    public ProcFieldSet(string source, IEnumerable<ProcField> fields)
    {
        Source = source;
        _fields = fields.ToList();
        _byKey = new Dictionary<string, ProcField>(StringComparer.Ordinal);
        foreach (var f in _fields) _byKey.TryAdd(f.Key, f);
    }

    /// <summary>Where the fields came from (a path or a capture name), used in error messages.</summary>
    public string Source { get; }

    public int Count => _fields.Count;
    public ProcField this[int index] => _fields[index];
    public IEnumerator<ProcField> GetEnumerator() => _fields.GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>True when the key is present.</summary>
    public bool Contains(string key) => _byKey.ContainsKey(key);

    /// <summary>The field with this key, or null.</summary>
    public ProcField? Find(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>
    /// The numeric value of a field (kB for sizes, a count otherwise); a <see cref="FormatException"/> naming the source if absent
    /// or not a number.
    /// </summary>
    public long Number(string key)
    {
        if (!_byKey.TryGetValue(key, out var f))
            throw new FormatException($"{Source}: no field '{key}'");
        return f.Number ?? throw new FormatException($"{Source}: field '{key}' is not a number: {InputText.Quote(f.Text)}");
    }

    /// <summary>The numeric value, or 0 when the field is absent (older kernels lack some smaps fields).</summary>
    public long NumberOrZero(string key) => _byKey.TryGetValue(key, out var f) ? f.Number ?? 0 : 0;

    /// <summary>The text of a field (e.g. <c>Name</c> or <c>State</c> in status); a <see cref="FormatException"/> naming the source if absent.</summary>
    public string Text(string key) =>
        _byKey.TryGetValue(key, out var f) ? f.Text : throw new FormatException($"{Source}: no field '{key}'");

    /// <summary>Parses a whole <c>Key: value</c> file. Blank lines are skipped.</summary>
    public static ProcFieldSet Parse(string text, string source)
    {
        var fields = new List<ProcField>();
        int lineNumber = 0;
        foreach (var line in Lines(text))
        {
            lineNumber++;
            if (line.Trim().Length == 0) continue;
            fields.Add(ProcField.Parse(line, source, lineNumber));
        }
        return new ProcFieldSet(source, fields);
    }

    internal static IEnumerable<string> Lines(string text)
    {
        using var reader = new StringReader(text);
        string? line;
        while ((line = reader.ReadLine()) is not null) yield return line;
    }
}
