using System.Text.Json.Nodes;
using MemoryCourse.Notebooks.Grading;
using static MemoryCourse.Cli.Tests.BadInput.BadInputContract;

namespace MemoryCourse.Cli.Tests.Commands;

/// <summary>
/// <c>memcourse gradebook merge</c> takes partial gradebooks as untrusted input. Reported: edited partials were
/// merged (200 of 2 points, negative points, a check the source does not have, a slice 3/2 adding a student,
/// rows relabelled to another student, a TOTAL of 100); malformed ones (short or null checksum, Of=-1, null rows)
/// crashed after the CSV was written; Of=2000000000 grew to 9.8 GB. The partials here are made as
/// <c>grade --shard</c> makes them, from grades of chapter 00's three checks (1, 1 and 2 points).
/// </summary>
public class GradebookMergeCommandTests
{
    private static readonly string Source = Memcourse.InRepo("notebooks", "00-start-here.dib");
    private static readonly string[] Class = ["alice", "bob", "carol"];
    private static readonly (string Check, double Points)[] Checks = [("pages-in-32-bit", 1), ("vpn-of-address", 1), ("offset-of", 2)];

    private static SubmissionGrade Grade(string student, params double[] earned)
    {
        var rows = Checks.Select((c, i) => new GradeRow(student, c.Check, earned[i], c.Points, earned[i] == c.Points ? "passed" : "failed", null)).ToList();
        rows.Add(new GradeRow(student, Grader.TotalRow, earned.Sum(), Checks.Sum(c => c.Points), ""));
        return new SubmissionGrade(student, student + ".dib", rows);
    }

    // Slice 1 of 2 holds alice and carol (positions 1 and 3), slice 2 holds bob.
    private static (string Folder, string One, string Two) Partials()
    {
        string folder = TempFolder("merge");
        string one = Path.Combine(folder, "part-1.json"), two = Path.Combine(folder, "part-2.json");
        File.WriteAllText(one, Gradebook.ToPartial(Source, 1, 2, [Grade("alice", 1, 1, 2), Grade("carol", 0, 1, 0)], Class));
        File.WriteAllText(two, Gradebook.ToPartial(Source, 2, 2, [Grade("bob", 1, 0, 2)], Class));
        return (folder, one, two);
    }

    private static void Edit(string path, Action<JsonNode> edit)
    {
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        edit(node);
        File.WriteAllText(path, node.ToJsonString());
    }

    private static void AssertMergeRefused(string folder, string one, string two, string prefix, params string[] names)
    {
        string csv = Path.Combine(folder, "out", "grades.csv");
        AssertRefused(Run("gradebook", "merge", one, two, "--out", csv, "--source", Source), prefix, names);
        Assert.False(Directory.Exists(Path.Combine(folder, "out")));
    }

    [Fact]
    public void Honest_partials_merge_into_the_class_gradebook_with_a_feedback_file_each()
    {
        var (folder, one, two) = Partials();
        string csv = Path.Combine(folder, "out", "grades.csv");
        var (_, code, output, error, _) = Run("gradebook", "merge", one, two, "--out", csv, "--json", Path.Combine(folder, "out", "grades.json"), "--source",
            Source);
        Assert.True(code == 0, error);
        Assert.Contains("Merged 3 submissions", output);
        Assert.Contains("alice,TOTAL,4,4,", File.ReadAllText(csv));
        Assert.Equal(["alice.md", "bob.md", "carol.md"],
            Directory.GetFiles(Path.Combine(folder, "out", "feedback"), "*.md").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Points_outside_zero_to_possible_are_refused_naming_file_and_field()
    {
        var (folder, one, two) = Partials();
        Edit(two, n => { n["Grades"]![0]!["Rows"]![1]!["Earned"] = 200; n["Grades"]![0]!["Rows"]![3]!["Earned"] = 203; });
        AssertMergeRefused(folder, one, two, "memcourse gradebook merge: " + two + ": Grades[0].Rows[1].Earned: 200 is outside 0..1");
        Edit(two, n => { n["Grades"]![0]!["Rows"]![1]!["Earned"] = -1; n["Grades"]![0]!["Rows"]![3]!["Earned"] = 2; });
        AssertMergeRefused(folder, one, two, "memcourse gradebook merge: " + two + ": Grades[0].Rows[1].Earned: -1 is outside 0..1");
    }

    [Fact]
    public void A_total_that_is_not_the_sum_of_the_checks_is_refused()
    {
        var (folder, one, two) = Partials();
        Edit(two, n => n["Grades"]![0]!["Rows"]![3]!["Earned"] = 100);
        AssertMergeRefused(folder, one, two, "memcourse gradebook merge: " + two + ": Grades[0].Rows[3]: TOTAL says 100 of 4, but the checks add up to 3 of 4");
    }

    [Fact]
    public void A_check_the_source_does_not_have_is_refused()
    {
        var (folder, one, two) = Partials();
        Edit(two, n => n["Grades"]![0]!["Rows"]![0]!["Check"] = "free-points");
        AssertMergeRefused(folder, one, two,
            "memcourse gradebook merge: " + two + ": Grades[0].Rows[0].Check: 'free-points' where the source has 'pages-in-32-bit'");
    }

    [Fact]
    public void A_student_not_in_the_class_or_moved_to_another_slice_is_refused()
    {
        var (folder, one, two) = Partials();
        Edit(two, n => { n["Grades"]![0]!["Student"] = "mallory"; foreach (var r in n["Grades"]![0]!["Rows"]!.AsArray()) r!["Student"] = "mallory"; });
        AssertMergeRefused(folder, one, two, "memcourse gradebook merge: " + two + ": Grades[0].Student: 'mallory' is not in the class");
        Edit(two, n => { n["Grades"]![0]!["Student"] = "alice"; foreach (var r in n["Grades"]![0]!["Rows"]!.AsArray()) r!["Student"] = "alice"; });
        AssertMergeRefused(folder, one, two, "memcourse gradebook merge: " + two + ": Grades[0].Student: 'alice' belongs to another slice than 2/2");
    }

    [Fact]
    public void Rows_relabelled_to_another_student_are_refused()
    {
        var (folder, one, two) = Partials();
        Edit(two, n => n["Grades"]![0]!["Rows"]![2]!["Student"] = "alice");
        AssertMergeRefused(folder, one, two, "memcourse gradebook merge: " + two + ": Grades[0].Rows[2].Student: 'alice' in the grade of 'bob'");
    }

    [Fact]
    public void Slices_that_overlap_repeat_or_do_not_add_up_are_refused()
    {
        var (folder, one, two) = Partials();
        Edit(two, n => n["Shard"] = 3);
        AssertMergeRefused(folder, one, two, "memcourse gradebook merge: " + two + ": Shard: 3 is not a slice of 1..2");
        (folder, one, two) = Partials();
        AssertMergeRefused(folder, one, one, "memcourse gradebook merge: slice 1/2 is given twice");
        AssertRefused(Run("gradebook", "merge", one, "--out", Path.Combine(folder, "o.csv")),
            "memcourse gradebook merge: slices missing (the class was graded in 2): 2/2");
    }

    [Theory]
    [InlineData("SourceSha256", "\"abc\"", "SourceSha256: 'abc' is not a SHA-256")]
    [InlineData("SourceSha256", "null", "SourceSha256: null is not a SHA-256")]
    [InlineData("Of", "-1", "Of: -1 slices")]
    [InlineData("Of", "2000000000", "Of: 2000000000 slices")]
    [InlineData("Grades", "[null]", "Grades[0]: null")]
    [InlineData("Class", "null", "Class: missing")]
    [InlineData("Format", "\"memcourse-partial-gradebook/1\"", "Format: 'memcourse-partial-gradebook/1' is not")]
    public void A_malformed_partial_is_refused_naming_the_field_before_anything_is_written(string field, string json, string message)
    {
        var (folder, one, two) = Partials();
        Edit(two, n => n[field] = JsonNode.Parse(json));
        AssertMergeRefused(folder, one, two, "memcourse gradebook merge: " + two + ": " + message);
    }

    [Fact]
    public void Null_rows_are_refused()
    {
        var (folder, one, two) = Partials();
        Edit(two, n => n["Grades"]![0]!["Rows"] = null);
        AssertMergeRefused(folder, one, two, "memcourse gradebook merge: " + two + ": Grades[0].Rows: missing");
        Edit(two, n => n["Grades"]![0]!["Rows"] = new JsonArray(null, null, null, null));
        AssertMergeRefused(folder, one, two, "memcourse gradebook merge: " + two + ": Grades[0].Rows[0]: null");
    }

    [Fact]
    public void A_partial_edited_within_the_rules_is_caught_by_its_seal_when_the_source_is_given()
    {
        var (folder, one, two) = Partials();
        // bob's second check raised from 0 to 1 and his total to match: every field is plausible.
        Edit(two, n => { n["Grades"]![0]!["Rows"]![1]!["Earned"] = 1; n["Grades"]![0]!["Rows"]![3]!["Earned"] = 4; });
        AssertMergeRefused(folder, one, two, "memcourse gradebook merge: " + two + ": Seal: does not match its content");
    }

    [Fact]
    public void Every_output_is_checked_before_the_partials_are_read_and_none_is_written_alone()
    {
        var (folder, one, two) = Partials();
        string csv = Path.Combine(folder, "grades.csv");
        AssertRefused(Run("gradebook", "merge", one, two, "--out", csv, "--json", "/proc/x.json"), "memcourse gradebook merge: --json /proc/x.json");
        AssertRefused(Run("gradebook", "merge", one, two, "--out", csv, "--json", csv),
            "memcourse gradebook merge: --json " + csv + ": is also where --out writes");
        AssertRefused(Run("gradebook", "merge", one, two, "--out", one), "memcourse gradebook merge: --out " + one + ": is one of the command's inputs");
        Assert.False(File.Exists(csv));
    }

    [Fact]
    public void Students_whose_names_differ_only_in_what_a_file_name_cannot_hold_get_their_own_feedback()
    {
        string folder = TempFolder("merge-names");
        string[] names = ["alice~smith", "alice_smith", "a b", "a_b", "한국 학생", "한국_학생"];
        string part = Path.Combine(folder, "part-1.json");
        File.WriteAllText(part, Gradebook.ToPartial(Source, 1, 1, names.Select((n, i) => Grade(n, i % 2, 1, 2)).ToList(), names));
        var (_, code, _, error, _) = Run("gradebook", "merge", part, "--out", Path.Combine(folder, "grades.csv"));
        Assert.True(code == 0, error);
        var files = Directory.GetFiles(Path.Combine(folder, "feedback"), "*.md");
        Assert.Equal(6, files.Length);
        foreach (var name in names)
            Assert.Single(files, f => File.ReadAllText(f).StartsWith($"# {Path.GetFileNameWithoutExtension(Source)}: feedback for {name}\n",
                StringComparison.Ordinal));
    }
}
