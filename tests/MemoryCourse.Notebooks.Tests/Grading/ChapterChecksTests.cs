using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Grading;
using MemoryCourse.Notebooks.Isolation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoryCourse.Notebooks.Tests.Grading;

/// <summary>How the chapters' checks speak to the learner: every check call carries a hint, and a check cell prints its checks' lines only.</summary>
public class ChapterChecksTests
{
    // The argument a check's hint is, by kind: Check.Equal(expected, actual, what, hint) and so on.
    private static readonly Dictionary<string, int> HintPosition = new() { ["Equal"] = 3, ["Near"] = 4, ["Sequence"] = 3 };

    public static TheoryData<string> Chapters() =>
        new(Directory.GetFiles(RepoPaths.Notebooks, "*.dib").Select(Path.GetFileName).OfType<string>().Where(n => char.IsDigit(n[0]))
            .Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Chapters))]
    public void Every_check_call_gives_a_hint(string chapter)
    {
        var source = NotebookFile.Load(Path.Combine(RepoPaths.Notebooks, chapter));
        var checks = ExerciseMarkers.Checks(source);
        Assert.NotEmpty(checks);
        foreach (var check in checks)
        {
            var script = new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script);
            var root = CSharpSyntaxTree.ParseText(source.Elements[check.CellIndex].Contents, script).GetRoot();
            var calls = root.DescendantNodes().OfType<InvocationExpressionSyntax>()
                .Where(c => c.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Check" } } m
                    && HintPosition.ContainsKey(m.Name.Identifier.ValueText))
                .ToList();
            Assert.NotEmpty(calls);
            foreach (var call in calls)
            {
                string kind = ((MemberAccessExpressionSyntax)call.Expression).Name.Identifier.ValueText;
                var args = call.ArgumentList.Arguments;
                bool hinted = args.Count > HintPosition[kind]
                    && args[HintPosition[kind]].Expression is not LiteralExpressionSyntax { RawKind: (int)SyntaxKind.NullLiteralExpression };
                Assert.True(hinted, $"{chapter}, check '{check.Name}': {call.ToString().Split('\n')[0]} has no hint");
            }
            Assert.DoesNotContain("Console.Write", source.Elements[check.CellIndex].Contents);
        }
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public void Every_check_compares_with_a_value_only_the_reference_run_computes(string chapter)
    {
        // No Check.True, no expected value the learner can read in a visible check: what grading refuses to prepare.
        var source = NotebookFile.Load(Path.Combine(RepoPaths.Notebooks, chapter));
        var problems = Grader.SourceProblems(source, new Dictionary<string, string>());
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [KernelTheory]
    [MemberData(nameof(Chapters))]
    public async Task Every_check_of_the_student_version_says_not_yet_before_the_learner_tries(string chapter)
    {
        // The handout exactly as `memcourse assign` writes it, run where a student puts it (in notebooks/, beside setup.dib).
        string path = Path.Combine(RepoPaths.Notebooks, chapter);
        var student = StudentVersion.Make(NotebookFile.Load(path)).Student;
        var run = await NotebookRunner.RunAsync(student, path, RunOptions.Default with { Parallelism = 1 });
        Assert.True(run.Passed, run.Describe());
        var checkCells = ExerciseMarkers.Checks(student).Select(c => c.CellIndex + 1).ToList();
        Assert.Equal(checkCells, run.Checks.Select(c => c.Cell).Distinct());
        Assert.Empty(run.Checks.Where(c => c.Passed).Select(c => $"{chapter}, cell {c.Cell}: {c.Text}"));
    }
}
