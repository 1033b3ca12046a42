using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MemoryCourse.Teaching.Checks;

/// <summary>
/// What a graded run uses in place of <see cref="Check"/>: nothing is compared and nothing throws; each call's
/// values are written down as JSON and written out at once, one line on the console per call, marked with
/// the run's mark (which only the grader knows). A grader runs the checks twice, in two processes: in the
/// learner's run a check records only the learner's value (<see cref="EqualActual{T}"/>,
/// <see cref="NearActual"/>, <see cref="SequenceActual{T}"/>), and the expected value is never computed
/// there; in the reference run (the instructor's notebook with its worked solutions) the same checks record
/// the expected values too. The grader compares the two itself, so no code
/// of the learner's holds, or can change, what a value is compared with.
/// </summary>
public sealed class CheckRecorder
{
    // A value larger than this is not written down (a flood of output is not an answer). O(size) to serialize.
    private const int MaxValueChars = 64 * 1024;

    private static readonly JsonSerializerOptions Json = new()
    {
        IncludeFields = true, // tuples
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
        MaxDepth = 32,
    };

    private readonly string _mark;
    private readonly Func<TextWriter> _output;
    private string _check = "";
    private int _count;

    /// <param name="mark">Starts every line this recorder writes, so the grader can tell its lines from anything else printed.</param>
    /// <param name="output">Where the lines go, looked up at each call (a notebook kernel gives each cell its own console).</param>
    public CheckRecorder(string mark, Func<TextWriter> output)
    {
        _mark = mark;
        _output = output;
    }

    /// <summary>The check cell whose calls follow.</summary>
    public void Begin(string check) => _check = check;

    // The reference run: expected and actual.
    public void Equal<T>(T expected, T actual, string what, string? hint = null) => Add("Equal", what, hint, Write(expected), Write(actual), 0);

    public void Near(double expected, double actual, double tolerance, string what, string? hint = null) =>
        Add("Near", what, hint, Write(expected), Write(actual), tolerance);

    public void Sequence<T>(IEnumerable<T> expected, IEnumerable<T> actual, string what, string? hint = null) =>
        Add("Sequence", what, hint, Write(expected.ToList()), WriteSequence(actual), 0);

    // The learner's run: the learner's value alone.
    public void EqualActual<T>(T actual, string what, string? hint = null) => Add("Equal", what, hint, (null, null), Write(actual), 0);

    public void NearActual(double actual, string what, string? hint = null) => Add("Near", what, hint, (null, null), Write(actual), 0);

    public void SequenceActual<T>(IEnumerable<T> actual, string what, string? hint = null) =>
        Add("Sequence", what, hint, (null, null), WriteSequence(actual), 0);

    /// <summary>
    /// A hidden check threw: recorded as its exception's type alone. The message and the values that led to it
    /// stay out of the record: they could quote the hidden check's inputs back to the learner.
    /// </summary>
    public void HiddenFailed(Exception exception) =>
        Emit(new CheckRecord(_check, "HiddenFailed", "a hidden check", null, null, null, 0, $"a hidden check failed ({exception.GetType().Name})"));

    /// <summary>
    /// Marks that the statement on <paramref name="line"/> of the hidden checks is about to run (the reference run
    /// only): when one throws on the worked solutions, the last mark names its line for the instructor.
    /// </summary>
    public void At(int line)
    {
        var output = _output();
        output.Write($"\n{_mark}:at:{line}\n");
        output.Flush();
    }

    /// <summary>How many records this recorder wrote: the last cell of a graded run says it, so the grader knows the run got there.</summary>
    public string Report() => $"{_mark}:done:{_count}";

    private void Add(string kind, string what, string? hint, (string? Json, string? Problem) expected, (string? Json, string? Problem) actual,
        double tolerance) =>
        Emit(new CheckRecord(_check, kind, what, hint, expected.Json, actual.Json, tolerance, actual.Problem ?? expected.Problem));

    // Written out at once: whatever runs later in this process cannot take back or change a line already written.
    private void Emit(CheckRecord record)
    {
        _count++;
        string line = Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, Json)));
        var output = _output();
        output.Write($"\n{_mark}:{line}\n");
        output.Flush();
    }

    // Enumerating runs the learner's code: what it throws goes to the check cell, as any other call's would.
    private static (string? Json, string? Problem) WriteSequence<T>(IEnumerable<T>? actual) => Write(actual?.ToList());

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
