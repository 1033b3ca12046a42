using System.Globalization;
using System.Text;
using System.Text.Json;
using MemoryCourse.Notebooks.Documents;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>
/// The gradebook: one CSV row per student and check (student, check, points earned, points possible,
/// message) and a TOTAL row per student, in a stable order so that a rerun gives the same file. Written
/// atomically: a crash mid-write never leaves half a gradebook.
/// </summary>
public static class Gradebook
{
    public static string ToCsv(IReadOnlyList<SubmissionGrade> grades)
    {
        var csv = new StringBuilder("student,check,points_earned,points_possible,message\n");
        foreach (var row in grades.SelectMany(g => g.Rows))
            csv.Append(Field(row.Student)).Append(',').Append(Field(row.Check)).Append(',')
               .Append(Number(row.Earned)).Append(',').Append(Number(row.Possible)).Append(',').Append(Field(row.Message)).Append('\n');
        return csv.ToString();
    }

    public static string ToJson(IReadOnlyList<SubmissionGrade> grades) =>
        JsonSerializer.Serialize(grades.Select(g => new
        {
            student = g.Student,
            submission = Path.GetFileName(g.Path),
            earned = g.Earned,
            possible = g.Possible,
            checks = g.Rows.Where(r => r.Check != Grader.TotalRow).Select(r => new { check = r.Check, earned = r.Earned, possible = r.Possible, message = r.Message }),
        }), new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";

    public static void Write(IReadOnlyList<SubmissionGrade> grades, string csvPath, string? jsonPath)
    {
        AtomicFile.WriteAllText(csvPath, ToCsv(grades));
        if (jsonPath is not null) AtomicFile.WriteAllText(jsonPath, ToJson(grades));
    }

    private static string Number(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

    // RFC 4180: quote fields holding a comma, quote or line break; double the quotes inside.
    private static string Field(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
