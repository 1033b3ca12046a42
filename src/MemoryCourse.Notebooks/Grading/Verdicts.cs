using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>
/// One check call as a graded run wrote it down (the shape the course's <c>CheckRecorder</c> reports, read
/// here without referencing the models): the check cell it belongs to, the comparison, what it checks, a
/// hint, both values as JSON, and a problem when a value could not be written down.
/// </summary>
public sealed record CheckRecord(string Check, string Kind, string What, string? Hint, string? Expected, string? Actual, double Tolerance, string? Problem)
{
    /// <summary>Reads one line a recorder wrote (after its mark): base64 of one record's JSON.</summary>
    public static CheckRecord ReadLine(string line) =>
        JsonSerializer.Deserialize<CheckRecord>(Encoding.UTF8.GetString(Convert.FromBase64String(line.Trim()))) ?? throw new FormatException("an empty record");
}

/// <summary>How one check came out for one learner: points, the message, and the check's hint when it failed.</summary>
public sealed record CheckVerdict(bool Passed, string Message, string? Hint);

/// <summary>
/// Where a grade is decided: here, in the grader's own process, which never runs a line of the learner's
/// code. Each check's records from the learner's run (the values the learner's code produced) are held
/// against the same check's records from the reference run (the instructor's notebook, which supplies
/// the expected values): an <c>Equal</c> or <c>Sequence</c> passes when the learner's value, as JSON, is the
/// reference's expected value; a <c>Near</c> when it is within the reference's tolerance; a <c>True</c> when
/// the learner's condition held. The calls must match one to one (same kind, same description), so a
/// check that ran differently for the learner fails rather than being compared against the wrong value.
/// </summary>
public static class Verdicts
{
    /// <summary>The kind of record a hidden check that threw leaves (its problem names the exception's type alone).</summary>
    public const string HiddenFailedKind = "HiddenFailed";

    public static CheckVerdict Judge(IReadOnlyList<CheckRecord> reference, IReadOnlyList<CheckRecord> learner, string? stoppedBecause)
    {
        // A hidden check that threw says only that, and the exception's type: never its message or its inputs.
        if (learner.FirstOrDefault(r => r.Kind == HiddenFailedKind) is { } hidden)
            return new CheckVerdict(false, hidden.Problem ?? "a hidden check failed", null);
        // Every failing comparison is named, each with its own hint: a learner with two wrong answers in one
        // check learns of both (never their values).
        var failures = new List<(string Problem, string What, string? Hint)>();
        for (int i = 0; i < reference.Count; i++)
        {
            var expected = reference[i];
            string? problem = i >= learner.Count
                ? stoppedBecause is null ? "this part of the check never ran" : $"checking stopped: {stoppedBecause}"
                : Compare(expected, learner[i]);
            if (problem is null) continue;
            failures.Add((problem, expected.What, expected.Hint));
            if (i >= learner.Count) break; // the rest never ran: one message says so
        }
        if (failures.Count == 0 && learner.Count > reference.Count)
            return new CheckVerdict(false, "the check ran more comparisons than the instructor's notebook does", null);
        if (failures.Count == 0) return new CheckVerdict(true, "passed", null);
        if (failures.Count == 1) return new CheckVerdict(false, failures[0].Problem, failures[0].Hint);
        string message = $"{failures.Count} of this check's {reference.Count} comparisons do not hold: " + string.Join("; ", failures.Select(f => f.Problem));
        var hints = failures.Where(f => !string.IsNullOrWhiteSpace(f.Hint)).Select(f => $"{f.What}: {f.Hint}").Distinct().ToList();
        return new CheckVerdict(false, message, hints.Count == 0 ? null : string.Join("; ", hints));
    }

    /// <summary>Null when the learner's record satisfies the reference's; else what is wrong, without the expected value.</summary>
    public static string? Compare(CheckRecord expected, CheckRecord actual)
    {
        if (actual.Kind != expected.Kind || actual.What != expected.What)
            return $"{expected.What}: the check ran differently with your code (it reached '{actual.What}' instead)";
        if (actual.Problem is not null) return $"{expected.What}: {actual.Problem}";
        bool ok = expected.Kind switch
        {
            "True" => actual.Actual == "true",
            "Near" => TryNumber(actual.Actual, out var a) && TryNumber(expected.Expected, out var e) && Math.Abs(a - e) <= expected.Tolerance,
            _ => actual.Actual is not null && actual.Actual == expected.Expected,
        };
        return ok ? null : expected.Kind == "True" ? $"{expected.What}: this does not hold for your answer" : $"{expected.What}: not what the check expects";
    }

    /// <summary>Problems with the reference run itself: a comparison the instructor's own solution fails.</summary>
    public static IReadOnlyList<string> SelfCheck(IReadOnlyList<CheckRecord> reference) =>
        reference.Select(r => Compare(r, r) is { } p ? $"check '{r.Check}': the instructor's own solution fails it: {p}" : null).OfType<string>().ToList();

    private static bool TryNumber(string? json, out double value)
    {
        value = double.NaN;
        if (json is null) return false;
        string s = json.Trim('"');
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !double.IsNaN(value);
    }
}
