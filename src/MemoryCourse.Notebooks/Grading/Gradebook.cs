using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MemoryCourse.Foundation.Input;
using MemoryCourse.Notebooks.Documents;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>
/// The gradebook: one CSV row per student and check (student, check, points earned, points possible,
/// message) and a TOTAL row per student, sorted by student, so the same submissions give the same bytes on
/// every run and on every machine. A class graded in slices (<c>grade --shard K/N</c>) writes partial
/// gradebooks (JSON, with the source's hash and the slice); <see cref="Merge"/> checks that they belong
/// together and gives back exactly what one machine would have written. Every file is written atomically.
/// </summary>
public static class Gradebook
{
    /// <summary>
    /// A slice of a class's grades, as <c>grade --shard K/N</c> writes it: the source's name and SHA-256, the slice,
    /// the whole class in grading order (slice K holds the students at positions K, K+N, ...), the source's checks
    /// with their points, the grades, a seal: an HMAC-SHA256 of all of it keyed with a hash of the source's
    /// content, which the students do not have (<c>gradebook merge --source</c> recomputes it, so an edited partial
    /// is refused), and the chapter's title for the feedback files.
    /// </summary>
    public sealed record Partial(string Format, string Source, string SourceSha256, int Shard, int Of,
        IReadOnlyList<string> Class, IReadOnlyList<PartialCheck> Checks, IReadOnlyList<SubmissionGrade> Grades, string Seal, string? Title = null);

    /// <summary>The whole class's grades joined from its slices, and the chapter's title the slices carry.</summary>
    public sealed record Merged(IReadOnlyList<SubmissionGrade> Grades, string? Title);

    /// <summary>A check of the source and its points, as a partial gradebook records them.</summary>
    public sealed record PartialCheck(string Check, double Possible);

    public const string PartialFormat = "memcourse-partial-gradebook/2";

    /// <summary>The largest partial gradebook <see cref="Merge"/> reads (a class of thousands is a few MiB).</summary>
    public const long MaxPartialBytes = 64L << 20;

    /// <summary>The most slices a class can be graded in.</summary>
    public const int MaxSlices = 10_000;

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ToCsv(IReadOnlyList<SubmissionGrade> grades)
    {
        var csv = new StringBuilder("student,check,points_earned,points_possible,message\n");
        foreach (var row in Sorted(grades).SelectMany(g => g.Rows))
            csv.Append(Field(row.Student)).Append(',').Append(Field(row.Check)).Append(',')
               .Append(Number(row.Earned)).Append(',').Append(Number(row.Possible)).Append(',').Append(Field(row.Message)).Append('\n');
        return csv.ToString();
    }

    public static string ToJson(IReadOnlyList<SubmissionGrade> grades) =>
        JsonSerializer.Serialize(Sorted(grades).Select(g => new
        {
            student = g.Student,
            submission = Path.GetFileName(g.Path),
            earned = g.Earned,
            possible = g.Possible,
            checks = g.Rows.Where(r => r.Check != Grader.TotalRow)
                .Select(r => new { check = r.Check, earned = r.Earned, possible = r.Possible, message = r.Message, hint = r.Hint }),
            note = g.Rows.Single(r => r.Check == Grader.TotalRow).Message,
        }), Indented) + "\n";

    /// <summary>Writes the gradebook (and its JSON, when asked), atomically.</summary>
    public static void Write(IReadOnlyList<SubmissionGrade> grades, string csvPath, string? jsonPath)
    {
        AtomicFile.WriteAllText(csvPath, ToCsv(grades));
        if (jsonPath is not null) AtomicFile.WriteAllText(jsonPath, ToJson(grades));
    }

    /// <summary>
    /// The text of a partial gradebook for slice <paramref name="shard"/> of <paramref name="of"/>;
    /// <paramref name="students"/> is the whole class in grading order (<see cref="Grader.StudentNames"/> of all
    /// the submissions), which <see cref="Merge"/> checks every slice against; <paramref name="title"/> is the
    /// chapter's title, so that merged feedback reads as a single run's.
    /// </summary>
    public static string ToPartial(string sourcePath, int shard, int of, IReadOnlyList<SubmissionGrade> grades, IReadOnlyList<string> students,
        string? title = null)
    {
        byte[] source = File.ReadAllBytes(sourcePath);
        var checks = ChecksOf(source, sourcePath);
        // The class in grading order, as the grader slices it (names sorted ordinally, slice K at positions K, K+N, ...).
        var inOrder = students.Order(StringComparer.Ordinal).ToList();
        var part = new Partial(PartialFormat, Path.GetFileName(sourcePath), Hex(SHA256.HashData(source)), shard, of, inOrder, checks,
            Sorted(grades).Select(g => g with { Path = Path.GetFileName(g.Path) }).ToList(), "", title);
        return JsonSerializer.Serialize(part with { Seal = SealOf(part, source) }, Indented) + "\n";
    }

    /// <summary>
    /// Combines partial gradebooks into the grades of the whole class. A partial is untrusted input: each is
    /// read within <see cref="MaxPartialBytes"/> and checked field by field (format, checksum, slice, the class,
    /// the checks, every row: points within 0..possible, the checks of the source and no other, the total equal
    /// to the sum of the checks), then all together (one source, one class, slices 1..N each once, every student
    /// in the slice the class puts them in). With <paramref name="sourcePath"/> each partial's checksum, checks
    /// and seal are checked against the source too. A problem is a <see cref="FormatException"/> naming the file
    /// and the field.
    /// </summary>
    public static IReadOnlyList<SubmissionGrade> Merge(IReadOnlyList<string> partialPaths, string? sourcePath = null) =>
        MergeParts(partialPaths, sourcePath).Grades;

    private static List<PartialCheck> ChecksOf(byte[] source, string sourcePath) =>
        ExerciseMarkers.Checks(NotebookFile.Parse(Encoding.UTF8.GetString(source), sourcePath)).Select(c => new PartialCheck(c.Name, c.Points)).ToList();

    /// <summary><see cref="Merge"/>, with the chapter's title the slices carry, so merged feedback reads as a single run's.</summary>
    public static Merged MergeParts(IReadOnlyList<string> partialPaths, string? sourcePath = null)
    {
        if (partialPaths.Count == 0) throw new FormatException("no partial gradebooks given");
        byte[]? source = null;
        List<PartialCheck>? sourceChecks = null;
        if (sourcePath is not null)
        {
            source = ReadBounded(sourcePath, "--source");
            try { sourceChecks = ChecksOf(source, sourcePath); }
            catch (NotebookFormatException e) { throw new FormatException($"--source {e.Message}"); }
        }
        var parts = new List<(string Path, Partial Part)>();
        foreach (var path in partialPaths)
        {
            var part = ReadPartial(path);
            if (source is not null)
            {
                if (part.SourceSha256 != Hex(SHA256.HashData(source)))
                    throw new FormatException(
                        $"{path}: SourceSha256: graded with another source than {sourcePath} ({part.Source}, sha256 {part.SourceSha256[..12]}…)");
                if (!part.Checks.SequenceEqual(sourceChecks!))
                    throw new FormatException(
                        $"{path}: Checks: not the checks of {sourcePath} ({string.Join(", ", sourceChecks!.Select(c => $"{c.Check} {Number(c.Possible)}"))})");
                byte[] expectedSeal = Encoding.ASCII.GetBytes(SealOf(part with { Seal = "" }, source));
                if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(part.Seal), expectedSeal))
                    throw new FormatException($"{path}: Seal: does not match its content: the partial was edited after 'grade --shard' wrote it");
            }
            parts.Add((path, part));
        }
        var (firstPath, first) = parts[0];
        foreach (var (path, part) in parts)
        {
            if (part.SourceSha256 != first.SourceSha256)
                throw new FormatException($"{path}: SourceSha256: graded with another source ({part.Source}, sha256 {part.SourceSha256[..12]}…) "
                    + $"than {firstPath} ({first.Source}, {first.SourceSha256[..12]}…)");
            if (part.Of != first.Of) throw new FormatException($"{path}: Of: slice {part.Shard} of {part.Of}, but {firstPath} is a slice of {first.Of}");
            if (!part.Class.SequenceEqual(first.Class)) throw new FormatException($"{path}: Class: another class list than {firstPath}'s");
            if (!part.Checks.SequenceEqual(first.Checks)) throw new FormatException($"{path}: Checks: other checks than {firstPath}'s");
        }
        var shards = parts.GroupBy(p => p.Part.Shard).ToList();
        if (shards.FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new FormatException($"slice {twice.Key}/{first.Of} is given twice: {string.Join(", ", twice.Select(p => p.Path))}");
        if (parts.Count < first.Of)
        {
            var missing = Enumerable.Range(1, first.Of).Except(shards.Select(g => g.Key)).Take(10).ToList();
            string more = first.Of - parts.Count > missing.Count ? ", …" : "";
            string slices = string.Join(", ", missing.Select(m => $"{m}/{first.Of}"));
            throw new FormatException($"slices missing (the class was graded in {first.Of}): {slices}{more}");
        }
        var grades = parts.SelectMany(p => p.Part.Grades).ToList();
        return new Merged(Sorted(grades), parts.Select(p => p.Part.Title).FirstOrDefault(t => t is not null) ?? Path.GetFileNameWithoutExtension(first.Source));
    }

    // One partial, read within bounds and checked on its own: every field present and in range.
    private static Partial ReadPartial(string path)
    {
        string text = Encoding.UTF8.GetString(ReadBounded(path, path));
        Partial? part;
        try { part = JsonSerializer.Deserialize<Partial>(text); }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            throw new FormatException($"{path}: not a partial gradebook ({Printable(e.Message.Split('\n')[0])})");
        }
        if (part is null) throw new FormatException($"{path}: not a partial gradebook (written by 'memcourse grade --shard K/N')");
        if (part.Format != PartialFormat)
            throw new FormatException(
                $"{path}: Format: {Quote(part.Format)} is not {PartialFormat} (written by 'memcourse grade --shard K/N' of this version)");
        if (part.Source is null) throw new FormatException($"{path}: Source: missing");
        if (part.SourceSha256 is null || part.SourceSha256.Length != 64 || !part.SourceSha256.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'))
            throw new FormatException($"{path}: SourceSha256: {Quote(part.SourceSha256)} is not a SHA-256 (64 hex digits)");
        if (part.Of < 1 || part.Of > MaxSlices) throw new FormatException($"{path}: Of: {part.Of} slices; a class is graded in 1 to {MaxSlices}");
        if (part.Shard < 1 || part.Shard > part.Of) throw new FormatException($"{path}: Shard: {part.Shard} is not a slice of 1..{part.Of}");
        if (part.Seal is null) throw new FormatException($"{path}: Seal: missing");
        if (part.Class is null) throw new FormatException($"{path}: Class: missing");
        for (int i = 0; i < part.Class.Count; i++)
            if (part.Class[i] is null) throw new FormatException($"{path}: Class[{i}]: null");
        if (part.Class.GroupBy(s => s, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } again)
            throw new FormatException($"{path}: Class: {Quote(again.Key)} is in the class twice");
        if (part.Checks is null) throw new FormatException($"{path}: Checks: missing");
        for (int i = 0; i < part.Checks.Count; i++)
        {
            var c = part.Checks[i];
            if (c is null || c.Check is null) throw new FormatException($"{path}: Checks[{i}]: null");
            if (!double.IsFinite(c.Possible) || c.Possible < 0)
                throw new FormatException($"{path}: Checks[{i}].Possible: {c.Possible} is not a number of points");
        }
        if (part.Grades is null) throw new FormatException($"{path}: Grades: missing");
        var expected = ClassSlice.Of(part.Class, part.Shard, part.Of).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int g = 0; g < part.Grades.Count; g++)
        {
            var grade = part.Grades[g];
            string at = $"{path}: Grades[{g}]";
            if (grade is null) throw new FormatException($"{at}: null");
            if (grade.Student is null) throw new FormatException($"{at}.Student: missing");
            if (!expected.Contains(grade.Student))
                throw new FormatException(part.Class.Contains(grade.Student)
                    ? $"{at}.Student: {Quote(grade.Student)} belongs to another slice than {part.Shard}/{part.Of}"
                    : $"{at}.Student: {Quote(grade.Student)} is not in the class");
            if (!seen.Add(grade.Student)) throw new FormatException($"{at}.Student: {Quote(grade.Student)} is graded twice");
            if (grade.Rows is null) throw new FormatException($"{at}.Rows: missing");
            if (grade.Rows.Count != part.Checks.Count + 1)
                throw new FormatException($"{at}.Rows: {grade.Rows.Count} rows; the source has {part.Checks.Count} checks and a {Grader.TotalRow}");
            double earned = 0, possible = 0;
            for (int r = 0; r < grade.Rows.Count; r++)
            {
                var row = grade.Rows[r];
                string rowAt = $"{at}.Rows[{r}]";
                if (row is null) throw new FormatException($"{rowAt}: null");
                if (row.Student != grade.Student) throw new FormatException($"{rowAt}.Student: {Quote(row.Student)} in the grade of {Quote(grade.Student)}");
                if (row.Message is null) throw new FormatException($"{rowAt}.Message: missing");
                string check = r < part.Checks.Count ? part.Checks[r].Check : Grader.TotalRow;
                if (row.Check != check) throw new FormatException($"{rowAt}.Check: {Quote(row.Check)} where the source has {Quote(check)}");
                if (r < part.Checks.Count)
                {
                    double max = part.Checks[r].Possible;
                    if (row.Possible != max) throw new FormatException($"{rowAt}.Possible: {Number(row.Possible)}, but {Quote(check)} is worth {Number(max)}");
                    if (!double.IsFinite(row.Earned) || row.Earned < 0 || row.Earned > max)
                        throw new FormatException($"{rowAt}.Earned: {Number(row.Earned)} is outside 0..{Number(max)}");
                    earned += row.Earned;
                    possible += max;
                }
                else if (Math.Abs(row.Earned - earned) > 1e-9 || Math.Abs(row.Possible - possible) > 1e-9)
                    throw new FormatException($"{rowAt}: {Grader.TotalRow} says {Number(row.Earned)} of {Number(row.Possible)}, "
                        + $"but the checks add up to {Number(earned)} of {Number(possible)}");
            }
        }
        if (expected.Except(seen).FirstOrDefault() is { } absent)
            throw new FormatException($"{path}: Grades: {Quote(absent)} of slice {part.Shard}/{part.Of} has no grade");
        return part;
    }

    private static byte[] ReadBounded(string path, string what)
    {
        if (Directory.Exists(path)) throw new FormatException($"{what}: is a folder, not a file");
        if (SpecialFile.Describe(path) is { } special) throw new FormatException($"{what}: is {special}, not a regular file");
        byte[]? bytes;
        try { bytes = BoundedFile.ReadAtMost(path, MaxPartialBytes); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"{what}: cannot be read: {e.Message}");
        }
        return bytes ?? throw new FormatException($"{what}: larger than {MaxPartialBytes >> 20} MiB, more than any gradebook");
    }

    // HMAC-SHA256 of the partial (sealed with an empty seal) under a key that only the source's content gives:
    // the checksum that travels in the partial is another hash of it, so it does not give the key away.
    private static string SealOf(Partial unsealed, byte[] source)
    {
        byte[] key = SHA256.HashData([.. Encoding.UTF8.GetBytes("memcourse partial gradebook seal\n"), .. source]);
        return Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(unsealed with { Seal = "" }, Indented))));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();

    private static string Quote(string? s) => s is null ? "null" : "'" + Printable(s.Length > 60 ? s[..60] + "..." : s) + "'";

    /// <summary>Writes one feedback file per student into <paramref name="directory"/>, ready to hand back; returns the files.</summary>
    public static IReadOnlyList<string> WriteFeedback(IReadOnlyList<SubmissionGrade> grades, string chapterTitle, string directory)
    {
        var written = new List<string>();
        foreach (var (name, text) in FeedbackFiles(grades, chapterTitle))
        {
            string path = Path.Combine(directory, name);
            AtomicFile.WriteAllText(path, text);
            written.Add(path);
        }
        return written;
    }

    /// <summary>Each student's feedback file: its name (see <see cref="FeedbackFileNames"/>) and its Markdown.</summary>
    public static IReadOnlyList<(string Name, string Text)> FeedbackFiles(IReadOnlyList<SubmissionGrade> grades, string chapterTitle)
    {
        var sorted = Sorted(grades);
        var names = FeedbackFileNames(sorted.Select(g => g.Student).ToList());
        return sorted.Select(g => (names[g.Student], Feedback(g, chapterTitle))).ToList();
    }

    /// <summary>
    /// The feedback file name of each student: the name itself where it is a plain file name (letters, digits,
    /// '-', '_', '.'), otherwise its plain form with a short hash of the real name added, so that names that
    /// differ only in what a file name cannot hold ("alice~smith" and "alice_smith", "a b" and "a_b") never share
    /// a file; the rare clash left (compared without case, for file systems that ignore it) gets "-2", "-3".
    /// A student never receives another's feedback.
    /// </summary>
    public static IReadOnlyDictionary<string, string> FeedbackFileNames(IReadOnlyList<string> students)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        // Plain names first, so a student whose name is already a plain file name keeps it whatever the order.
        foreach (var student in students.Distinct(StringComparer.Ordinal).OrderBy(s => SafeFileName(s) == s ? 0 : 1).ThenBy(s => s, StringComparer.Ordinal))
        {
            string safe = SafeFileName(student);
            string stem = safe == student ? safe : $"{safe}-{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(student)))[..8].ToLowerInvariant()}";
            string unique = stem;
            for (int n = 2; !taken.Add(unique + ".md"); n++) unique = $"{stem}-{n}";
            names[student] = unique + ".md";
        }
        return names;
    }

    /// <summary>One student's feedback in Markdown: the total, then each check with its points, the message and the hint.</summary>
    public static string Feedback(SubmissionGrade grade, string chapterTitle)
    {
        var total = grade.Rows.Single(r => r.Check == Grader.TotalRow);
        var md = new StringBuilder();
        md.Append($"# {Printable(chapterTitle)}: feedback for {Printable(grade.Student)}\n\n");
        md.Append($"**{Number(total.Earned)} of {Number(total.Possible)} points.**{(total.Message.Length > 0 ? " " + Printable(total.Message) : "")}\n\n");
        md.Append("| check | points | what happened | hint |\n|---|---|---|---|\n");
        foreach (var row in grade.Rows.Where(r => r.Check != Grader.TotalRow))
            md.Append($"| {Cell(row.Check)} | {Number(row.Earned)} / {Number(row.Possible)} | {Cell(row.Message)} | {Cell(row.Hint ?? "")} |\n");
        return md.ToString();
    }

    private static IReadOnlyList<SubmissionGrade> Sorted(IEnumerable<SubmissionGrade> grades) =>
        grades.OrderBy(g => g.Student, StringComparer.Ordinal).ToList();

    // Letters (any script), digits, '-', '_' and '.'; no leading '.' (a hidden file, or '..'); at most 80 characters.
    private static string SafeFileName(string student)
    {
        string safe = string.Concat(student.Select(c => char.IsLetterOrDigit(c) && !char.IsSurrogate(c) || c is '-' or '_' or '.' ? c : '_'));
        if (safe.Length == 0 || safe[0] == '.') safe = "_" + safe;
        return safe.Length > 80 ? safe[..80] : safe;
    }

    // A Markdown table cell: '|' escaped, control characters shown as escapes (a newline cannot end the row).
    private static string Cell(string s) => Printable(s).Replace("|", "\\|");

    private static string Number(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// One CSV field, safe to open in a spreadsheet: control characters shown as escapes (<c>\n</c>, <c>\x1b</c>),
    /// so a name cannot forge a row or reach a terminal raw; a field that would begin with <c>=</c>, <c>+</c>,
    /// <c>-</c>, <c>@</c>, a tab or a carriage return (a formula to a spreadsheet) gets a leading apostrophe and
    /// quotes, as OWASP's CSV-injection advice says; otherwise RFC 4180 (quoted when it holds a comma or a quote).
    /// </summary>
    public static string Field(string s)
    {
        bool formula = s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        string shown = (formula ? "'" : "") + Printable(s);
        return formula || shown.IndexOfAny([',', '"', ';']) >= 0 ? "\"" + shown.Replace("\"", "\"\"") + "\"" : shown;
    }

    /// <summary>Text with its control and invisible characters as escapes (<c>\n</c>, <c>\t</c>, <c>\x1b</c>, <c>\u202e</c>).</summary>
    public static string Printable(string s)
    {
        if (!s.Any(NeedsEscape)) return s;
        var sb = new StringBuilder(s.Length + 8);
        foreach (char c in s)
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c < ' ' || c == '\x7f' => $"\\x{(int)c:x2}",
                _ when NeedsEscape(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        return sb.ToString();
    }

    private static bool NeedsEscape(char c) => c < ' ' || c == '\x7f' || CharUnicodeInfo.GetUnicodeCategory(c) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
