using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Grading;

namespace MemoryCourse.Notebooks.Tests.Grading;

/// <summary>
/// What grading refuses in an exercise cell, before anything runs. Each attack is the kind of line a
/// cheating or hostile submission would try; each must be refused with its line and the reason.
/// </summary>
public class ExerciseScreenTests : IClassFixture<ExerciseScreenTests.Chapter00>
{
    public sealed class Chapter00
    {
        public Microsoft.DotNet.Interactive.Documents.InteractiveDocument Source { get; } =
            NotebookFile.Load(Path.Combine(RepoPaths.Notebooks, "00-start-here.dib"));
        public ExerciseScreen Screen { get; }
        public int OffsetOf { get; }

        public Chapter00()
        {
            Screen = new ExerciseScreen(Source, RepoPaths.Notebooks, ExercisePolicy.Default);
            OffsetOf = ExerciseMarkers.Exercises(Source).Single(e => e.Name == "offset-of").CellIndex;
        }
    }

    private readonly Chapter00 _chapter;

    public ExerciseScreenTests(Chapter00 chapter) => _chapter = chapter;

    private IReadOnlyList<ScreenFinding> Refused(string body)
    {
        string code = "// exercise: offset-of\nulong OffsetOf(ulong address, ulong pageSize)\n{\n" + body + "\n    return 0;\n}";
        var findings = _chapter.Screen.Screen(_chapter.OffsetOf, code);
        Assert.NotEmpty(findings);
        return findings;
    }

    [Theory]
    [InlineData("    var text = System.IO.File.ReadAllText(\"../notebooks/00-start-here.dib\");", "System.IO.File", "files and streams")]
    [InlineData("    var self = System.IO.File.ReadAllText(\"/proc/self/cmdline\");", "System.IO.File", "files and streams")]
    [InlineData("    System.IO.File.WriteAllText(\"/tmp/x\", \"\");", "System.IO.File", "files and streams")]
    [InlineData("    var raw = Console.OpenStandardOutput();", "System.Console.OpenStandardOutput", "may use only Write, WriteLine")]
    [InlineData("    Console.SetOut(new System.IO.StringWriter());", "System.Console.SetOut", "may use only Write, WriteLine")]
    [InlineData("    Environment.Exit(0);", "System.Environment", "the process's environment")]
    [InlineData("    var secret = Environment.GetEnvironmentVariable(\"HOME\");", "System.Environment", "the process's environment")]
    [InlineData("    var m = typeof(object).Assembly.GetType(\"System.Environment\");", "System.Type", "reflection")]
    [InlineData("    var f = typeof(string).GetFields();", "System.Type", "reflection")]
    [InlineData("    var g = \"x\".GetType().Assembly;", "object.GetType", "reflection")]
    [InlineData("    System.Diagnostics.Process.Start(\"sh\");", "System.Diagnostics.Process", "processes and diagnostics")]
    [InlineData("    var c = new System.Net.Sockets.TcpClient(\"localhost\", 80);", "System.Net.Sockets.TcpClient", "the network")]
    [InlineData("    new System.Threading.Thread(() => { }).Start();", "System.Threading.Thread", "threads and tasks")]
    [InlineData("    System.Threading.Tasks.Task.Run(() => { });", "System.Threading.Tasks.Task", "threads and tasks")]
    [InlineData("    Microsoft.DotNet.Interactive.Formatting.Formatter.ResetToDefault();", "Microsoft.DotNet.Interactive.Formatting.Formatter",
        "the notebook kernel")]
    [InlineData("    MemoryCourse.Teaching.Checks.Check.Equal(1, 1, \"x\");", "MemoryCourse.Teaching.Checks.Check", "the checks themselves")]
    [InlineData("    System.Runtime.InteropServices.Marshal.AllocHGlobal(1);", "System.Runtime.InteropServices.Marshal", "the runtime's internals")]
    [InlineData("    System.Reflection.Assembly.LoadFrom(\"x.dll\");", "System.Reflection.Assembly", "reflection")]
    public void An_api_an_exercise_never_needs_is_refused_with_its_line(string line, string construct, string reason)
    {
        var findings = Refused(line);
        Assert.Contains(findings, f => f.Line == 4 && f.Construct.StartsWith(construct, StringComparison.Ordinal) && f.Reason.Contains(reason));
    }

    [Theory]
    [InlineData("    unsafe { int* p = null; }", "unsafe code")]
    [InlineData("    dynamic d = 1; d.Foo();", "dynamic")]
    public void Unsafe_code_and_dynamic_are_refused(string line, string construct) =>
        Assert.Contains(Refused(line), f => f.Construct.StartsWith(construct, StringComparison.Ordinal));

    [Fact]
    public void Declaring_a_type_or_a_name_the_checks_use_is_refused()
    {
        var findings = _chapter.Screen.Screen(_chapter.OffsetOf,
            "static class Check { public static void Equal<T>(T a, T b, string w) { } }\nulong OffsetOf(ulong a, ulong p) => 0;");
        Assert.Contains(findings, f => f.Construct == "declares a type" && f.Line == 1);
        Assert.Contains(findings, f => f.Construct == "declares 'Check'");
        var variable = _chapter.Screen.Screen(_chapter.OffsetOf, "var AddressSpaceGeometry = 0;\nulong OffsetOf(ulong a, ulong p) => 0;");
        Assert.Contains(variable, f => f.Construct == "declares 'AddressSpaceGeometry'");
    }

    [Fact]
    public void Assigning_a_value_the_chapter_owns_is_refused()
    {
        var findings = _chapter.Screen.Screen(_chapter.OffsetOf, "pageSize = 1;\nulong OffsetOf(ulong a, ulong p) => 0;");
        Assert.Contains(findings, f => f.Construct == "assigns 'pageSize'" && f.Line == 1);
    }

    [Fact]
    public void A_name_that_does_not_resolve_is_refused_since_nothing_can_vouch_for_it()
    {
        var findings = _chapter.Screen.Screen(_chapter.OffsetOf, "ulong OffsetOf(ulong a, ulong p) { var t = somethingUnknown.GetType(); return 0; }");
        Assert.Contains(findings, f => f.Construct == "'somethingUnknown'");
    }

    [Theory]
    [InlineData("#r \"/tmp/evil.dll\"")]
    [InlineData("#!import ../../secret.dib")]
    [InlineData("using IO = System.IO;")]
    public void Magic_commands_and_aliases_are_refused(string line) =>
        Assert.Equal(1, _chapter.Screen.Screen(_chapter.OffsetOf, line + "\nulong OffsetOf(ulong a, ulong p) => 0;")[0].Line);

    [Fact]
    public void An_alias_cannot_hide_a_denied_call()
    {
        var findings = _chapter.Screen.Screen(_chapter.OffsetOf,
            "using static System.IO.File;\nulong OffsetOf(ulong a, ulong p) { ReadAllText(\"x\"); return 0; }");
        Assert.Contains(findings, f => f.Construct.StartsWith("System.IO.File", StringComparison.Ordinal));
    }

    public static TheoryData<string> Chapters() =>
        new(Directory.GetFiles(RepoPaths.Notebooks, "*.dib").Select(Path.GetFileName).OfType<string>()
            .Where(n => char.IsDigit(n[0])).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Chapters))]
    public void Every_worked_solution_and_every_starting_code_passes_the_screen(string chapter)
    {
        var source = NotebookFile.Load(Path.Combine(RepoPaths.Notebooks, chapter));
        var screen = new ExerciseScreen(source, RepoPaths.Notebooks, ExercisePolicy.ForChapter(Path.GetFileNameWithoutExtension(chapter)));
        var solutions = ExerciseMarkers.SolutionCode(source);
        foreach (var exercise in ExerciseMarkers.Exercises(source))
        {
            Assert.Empty(screen.Screen(exercise.CellIndex, solutions[exercise.CellIndex]).Select(f => $"{exercise.Name}: {f}").Concat(screen.LeftOut));
            Assert.Empty(screen.Screen(exercise.CellIndex, source.Elements[exercise.CellIndex].Contents).Select(f => $"{exercise.Name} (starting code): {f}"));
        }
    }

    // A comment ending in a character the kernel's parser reads as a line break, then another kernel's cell:
    // C# sees one comment, the kernel sees an F# or PowerShell cell.
    [Theory]
    [InlineData("\r", "#!fsharp")]
    [InlineData("\v", "#!fsharp")]
    [InlineData("\f", "#!pwsh")]
    [InlineData("\u0085", "#!pwsh")]
    [InlineData("\u2028", "#!fsharp")]
    [InlineData("\u2029", "#!pwsh")]
    [InlineData("\0", "#!fsharp")]
    public void A_line_break_the_kernel_reads_and_csharp_does_not_is_refused_with_its_line(string lineBreak, string otherKernel)
    {
        string code = "// exercise: offset-of\nulong OffsetOf(ulong a, ulong p) => a % p;\n// note" + lineBreak + otherKernel +
            "\nSystem.IO.File.ReadAllText \"/etc/passwd\"";
        var findings = _chapter.Screen.Screen(_chapter.OffsetOf, code);
        var first = Assert.Single(findings);
        Assert.Equal(3, first.Line);
        Assert.Contains($"U+{(int)lineBreak[0]:X4}", first.Construct);
    }

    [Theory]
    [InlineData("#!fsharp\nlet x = 1", 2, "another kernel")]
    [InlineData("#!pwsh\nGet-ChildItem /", 2, "another kernel")]
    [InlineData("  #!csharp\nvar y = 1;", 2, "#!csharp")]
    [InlineData("#!set --name y --value 1", 2, "a magic command")]
    [InlineData("#!time", 2, "a magic command")]
    [InlineData("#!whos", 2, "a magic command")]
    public void A_cell_the_kernel_would_split_or_run_as_a_magic_is_refused_with_its_line(string line, int lineNumber, string construct)
    {
        var findings = _chapter.Screen.Screen(_chapter.OffsetOf, "ulong OffsetOf(ulong a, ulong p) => a % p;\n" + line);
        Assert.Contains(findings, f => f.Line == lineNumber && f.Construct.Contains(construct.Split(' ')[^1]));
    }

    [Theory]
    [InlineData("#if INTERACTIVE\nSystem.IO.File.Delete(\"x\");\n#endif")]
    [InlineData("#load \"other.csx\"")]
    [InlineData("#i \"nuget:https://example.invalid/feed\"")]
    [InlineData("#define X")]
    public void A_preprocessor_line_is_refused(string lines)
    {
        var findings = _chapter.Screen.Screen(_chapter.OffsetOf, "ulong OffsetOf(ulong a, ulong p) => a % p;\n" + lines);
        Assert.Contains(findings, f => f.Line == 2);
    }

    [Fact]
    public void A_dib_exercise_cell_holding_a_vertical_tab_before_another_kernel_is_refused_by_the_reader_and_by_the_screen()
    {
        string dib = "#!csharp\n\n// exercise: offset-of\nulong OffsetOf(ulong a, ulong p) => a % p; // done\v#!fsharp\nprintfn \"hi\"\n";
        // The .dib reader refuses the file, naming the line (the kernel would split the cell there) ...
        var refused = Assert.Throws<NotebookFormatException>(() => NotebookFile.Parse(dib, "student.dib"));
        Assert.StartsWith("student.dib:4:", refused.Message);
        Assert.Contains("\\x0b", refused.Message);
        // ... and the screen, given the cell's text however it arrives, refuses it too.
        string cell = "// exercise: offset-of\nulong OffsetOf(ulong a, ulong p) => a % p; // done\v#!fsharp\nprintfn \"hi\"";
        Assert.Contains(_chapter.Screen.Screen(_chapter.OffsetOf, cell), f => f.Line == 2 && f.Construct.Contains("U+000B"));
    }

    [Theory]
    [InlineData("long pagesIn32Bits = (long)new AddressSpaceGeometry(32, 4096, 4).Pages;", "AddressSpaceGeometry")]
    [InlineData("long pagesIn32Bits = new[] { 1L << 20 }.AsQueryable().First();", "System.Linq.Queryable")]
    [InlineData("System.Linq.Expressions.Expression<Func<long>> tree = () => 1L << 20;\nlong pagesIn32Bits = tree.Compile()();", "System.Linq.Expressions")]
    [InlineData("long pagesIn32Bits = \"x\".GetType().Name.Length;", "object.GetType")]
    [InlineData("long pagesIn32Bits = typeof(long).Name.Length;", "typeof")]
    [InlineData("long pagesIn32Bits = new System.Text.RegularExpressions.Regex(\"x\").GetHashCode();", "System.Text.RegularExpressions.Regex")]
    public void What_is_not_on_the_allow_list_is_refused_however_it_is_written(string code, string construct)
    {
        int pages = ExerciseMarkers.Exercises(_chapter.Source).Single(e => e.Name == "pages-in-32-bit").CellIndex;
        Assert.Contains(_chapter.Screen.Screen(pages, code), f => f.Construct.Contains(construct, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("long pagesIn32Bits = (long)Math.Pow(2, 32) / 4096;")]
    [InlineData("long pagesIn32Bits = 1;\nfor (int i = 0; i < 20; i++) pagesIn32Bits *= 2;")]
    [InlineData("var sizes = new List<long> { 4096 };\nlong pagesIn32Bits = (1L << 32) / sizes.Single();")]
    [InlineData("long pagesIn32Bits = Convert.ToInt64(\"100000\", 16);")]
    [InlineData("long pagesIn32Bits = (long)System.Numerics.BitOperations.RoundUpToPowerOf2(1000000UL);")]
    public void Honest_answers_written_other_ways_pass(string code)
    {
        int pages = ExerciseMarkers.Exercises(_chapter.Source).Single(e => e.Name == "pages-in-32-bit").CellIndex;
        Assert.Empty(_chapter.Screen.Screen(pages, code));
    }
}
