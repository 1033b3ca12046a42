using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MemoryCourse.Teaching.Checks;

/// <summary>
/// What a graded run uses in place of <see cref="Check"/>: the same four calls, but nothing is compared and
/// nothing throws; each call's values are written down as JSON. The grader runs the same check code in the
/// learner's process and in a process that ran only the instructor's notebook, and compares the learner's
/// values with the instructor's expected ones itself, so no code of the learner's decides a grade.
/// </summary>
public sealed class CheckRecorder
{
    // A value larger than this is not written down (a flood of output is not an answer). O(size) to serialize.
    private const int MaxValueChars = 256 * 1024;

    private static readonly JsonSerializerOptions Json = new()
    {
        IncludeFields = true, // tuples
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
        MaxDepth = 32,
    };

    private readonly List<CheckRecord> _records = [];
    private string _check = "";

    /// <summary>The check cell whose calls follow.</summary>
    public void Begin(string check) => _check = check;

    public void Equal<T>(T expected, T actual, string what, string? hint = null) => Add("Equal", what, hint, expected, actual, 0);

    public void Near(double expected, double actual, double tolerance, string what, string? hint = null) => Add("Near", what, hint, expected, actual, tolerance);

    public void True(bool condition, string what, string? hint = null) => Add("True", what, hint, true, condition, 0);

    public void Sequence<T>(IEnumerable<T> expected, IEnumerable<T> actual, string what, string? hint = null) =>
        Add("Sequence", what, hint, expected.ToList(), actual.ToList(), 0);

    /// <summary>Every record so far, as base64 of their JSON: text that survives any formatter unchanged.</summary>
    public string Report() => Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(_records, Json)));

    private void Add<T>(string kind, string what, string? hint, T expected, T actual, double tolerance)
    {
        var (e, eProblem) = Write(expected);
        var (a, aProblem) = Write(actual);
        _records.Add(new CheckRecord(_check, kind, what, hint, e, a, tolerance, aProblem ?? eProblem));
    }

    private static (string? Json, string? Problem) Write<T>(T value)
    {
        try
        {
            string json = JsonSerializer.Serialize(value, Json);
            return json.Length > MaxValueChars ? (null, $"the value is too large to compare ({json.Length} characters of JSON)") : (json, null);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or InvalidOperationException)
        {
            return (null, $"the value cannot be compared ({e.GetType().Name})");
        }
    }
}
