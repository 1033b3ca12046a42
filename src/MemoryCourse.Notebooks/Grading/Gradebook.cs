using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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
    /// <summary>A slice of a class's grades, as <c>grade --shard K/N</c> writes it, with the chapter's title for the feedback files.</summary>
    public sealed record Partial(string Format, string Source, string SourceSha256, int Shard, int Of, IReadOnlyList<SubmissionGrade> Grades, string? Title = null);

    /// <summary>The whole class's grades joined from its slices, and the chapter's title the slices carry (null from slices written before they did).</summary>
    public sealed record Merged(IReadOnlyList<SubmissionGrade> Grades, string? Title);

    public const string PartialFormat = "memcourse-partial-gradebook/1";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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
            checks = g.Rows.Where(r => r.Check != Grader.TotalRow).Select(r => new { check = r.Check, earned = r.Earned, possible = r.Possible, message = r.Message, hint = r.Hint }),
            note = g.Rows.Single(r => r.Check == Grader.TotalRow).Message,
        }), Indented) + "\n";

    /// <summary>Writes the gradebook (and its JSON, when asked), atomically.</summary>
    public static void Write(IReadOnlyList<SubmissionGrade> grades, string csvPath, string? jsonPath)
    {
        AtomicFile.WriteAllText(csvPath, ToCsv(grades));
        if (jsonPath is not null) AtomicFile.WriteAllText(jsonPath, ToJson(grades));
    }

    /// <summary>The text of a partial gradebook for one slice of the class.</summary>
    public static string ToPartial(string sourcePath, int shard, int of, IReadOnlyList<SubmissionGrade> grades, string? title = null) =>
        JsonSerializer.Serialize(new Partial(PartialFormat, Path.GetFileName(sourcePath), Sha256(sourcePath), shard, of,
            Sorted(grades).Select(g => g with { Path = Path.GetFileName(g.Path) }).ToList(), title), Indented) + "\n";

    /// <summary>
    /// Combines partial gradebooks into the grades of the whole class, refusing parts that do not belong
    /// together: another source, a slice missing or given twice, a student graded in two slices.
    /// </summary>
    public static IReadOnlyList<SubmissionGrade> Merge(IReadOnlyList<string> partialPaths) => MergeParts(partialPaths).Grades;

    /// <summary><see cref="Merge"/>, with the chapter's title the slices carry, so merged feedback reads as a single run's.</summary>
    public static Merged MergeParts(IReadOnlyList<string> partialPaths)
    {
        var parts = new List<(string Path, Partial Part)>();
        foreach (var path in partialPaths)
        {
            Partial? part;
            try { part = JsonSerializer.Deserialize<Partial>(File.ReadAllText(path)); }
            catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
            {
                throw new FormatException($"{path}: not a partial gradebook ({e.Message.Split('\n')[0]})");
            }
            if (part is null || part.Format != PartialFormat || part.Grades is null)
                throw new FormatException($"{path}: not a partial gradebook (written by 'memcourse grade --shard K/N')");
            parts.Add((path, part));
        }
        if (parts.Count == 0) throw new FormatException("no partial gradebooks given");
        var first = parts[0].Part;
        foreach (var (path, part) in parts)
        {
            if (part.SourceSha256 != first.SourceSha256)
                throw new FormatException($"{path}: graded with another source ({part.Source}, sha256 {part.SourceSha256[..12]}…) than {parts[0].Path} ({first.Source}, {first.SourceSha256[..12]}…)");
            if (part.Of != first.Of) throw new FormatException($"{path}: slice {part.Shard} of {part.Of}, but {parts[0].Path} is a slice of {first.Of}");
        }
        var shards = parts.GroupBy(p => p.Part.Shard).ToList();
        if (shards.FirstOrDefault(g => g.Count() > 1) is { } twice) throw new FormatException($"slice {twice.Key}/{first.Of} is given twice: {string.Join(", ", twice.Select(p => p.Path))}");
        var missing = Enumerable.Range(1, first.Of).Except(shards.Select(g => g.Key)).ToList();
        if (missing.Count > 0) throw new FormatException($"slices missing: {string.Join(", ", missing.Select(m => $"{m}/{first.Of}"))}");
        var grades = parts.SelectMany(p => p.Part.Grades).ToList();
        if (grades.GroupBy(g => g.Student).FirstOrDefault(g => g.Count() > 1) is { } dup) throw new FormatException($"student '{dup.Key}' is graded in more than one slice");
        return new Merged(Sorted(grades), parts.Select(p => p.Part.Title).FirstOrDefault(t => t is not null) ?? Path.GetFileNameWithoutExtension(first.Source));
    }

    /// <summary>Writes one feedback file per student into <paramref name="directory"/>, ready to hand back; returns the files.</summary>
    public static IReadOnlyList<string> WriteFeedback(IReadOnlyList<SubmissionGrade> grades, string chapterTitle, string directory)
    {
        var written = new List<string>();
        foreach (var grade in Sorted(grades))
        {
            string path = Path.Combine(directory, SafeFileName(grade.Student) + ".md");
            AtomicFile.WriteAllText(path, Feedback(grade, chapterTitle));
            written.Add(path);
        }
        return written;
    }

    /// <summary>One student's feedback in Markdown: the total, then each check with its points, the message and the hint.</summary>
    public static string Feedback(SubmissionGrade grade, string chapterTitle)
    {
        var total = grade.Rows.Single(r => r.Check == Grader.TotalRow);
        var md = new StringBuilder();
        md.Append($"# {chapterTitle}: feedback for {grade.Student}\n\n");
        md.Append($"**{Number(total.Earned)} of {Number(total.Possible)} points.**{(total.Message.Length > 0 ? " " + total.Message : "")}\n\n");
        md.Append("| check | points | what happened | hint |\n|---|---|---|---|\n");
        foreach (var row in grade.Rows.Where(r => r.Check != Grader.TotalRow))
            md.Append($"| {Cell(row.Check)} | {Number(row.Earned)} / {Number(row.Possible)} | {Cell(row.Message)} | {Cell(row.Hint ?? "")} |\n");
        return md.ToString();
    }

    private static IReadOnlyList<SubmissionGrade> Sorted(IEnumerable<SubmissionGrade> grades) =>
        grades.OrderBy(g => g.Student, StringComparer.Ordinal).ToList();

    private static string Sha256(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant();

    private static string SafeFileName(string student) =>
        string.Concat(student.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));

    private static string Cell(string s) => s.Replace("|", "\\|").Replace("\n", " ");

    private static string Number(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    // RFC 4180: quote fields holding a comma, quote or line break; double the quotes inside.
    private static string Field(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
