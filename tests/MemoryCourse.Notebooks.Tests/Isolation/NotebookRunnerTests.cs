using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Isolation;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Tests.Isolation;

/// <summary>
/// The negative fixtures, each run in its own kernel process as <c>memcourse run</c> does: every one must
/// fail for the right reason, at the right cell and line, without disturbing the others.
/// </summary>
public class NotebookRunnerTests : IClassFixture<NotebookRunnerTests.FailingRuns>
{
    public sealed class FailingRuns
    {
        public IReadOnlyDictionary<string, NotebookRun> ByName { get; }

        public FailingRuns()
        {
            var paths = Directory.GetFiles(Path.Combine(RepoPaths.Fixtures, "Failing"), "*.dib").Order(StringComparer.Ordinal).ToList();
            paths.Add(Path.Combine(RepoPaths.Fixtures, "Passing", "output-capture.dib")); // runs beside the failures, unharmed
            // A short timeout keeps the endless loop cheap, yet leaves a busy machine time to start the kernel;
            // a small cap keeps the memory bomb quick.
            var options = RunOptions.Default with { CellTimeout = TimeSpan.FromSeconds(30), MemoryLimitMiB = 700 };
            ByName = NotebookRunner.RunAllAsync(paths, options).GetAwaiter().GetResult().ToDictionary(r => r.Name);
        }
    }

    private readonly FailingRuns _runs;

    public NotebookRunnerTests(FailingRuns runs) => _runs = runs;

    private (CellResult Cell, CellFailure Failure) FailureOf(string name)
    {
        var run = _runs.ByName[name];
        Assert.False(run.Passed, $"{name} should fail");
        var cell = run.FirstFailure!;
        return (cell, cell.Failure!);
    }

    [Fact]
    public void A_compile_error_fails_its_cell_with_the_line_and_the_rest_is_not_run()
    {
        var (cell, f) = FailureOf("compile-error.dib");
        Assert.Equal((2, FailureKind.CompileError, 2), (cell.Index, f.Kind, f.Line));
        Assert.Equal(CellStatus.NotRun, _runs.ByName["compile-error.dib"].Cells[2].Status);
        Assert.Equal("compile-error.dib: cell 2, line 2 (line 12 of the file): CompileError: " +
            "(2,9): error CS0103: The name 'undefinedName' does not exist in the current context",
            _runs.ByName["compile-error.dib"].Describe());
    }

    [Fact]
    public void An_exception_fails_its_cell_with_type_and_the_line_of_the_call_that_threw()
    {
        var (cell, f) = FailureOf("exception.dib");
        Assert.Equal((2, FailureKind.Exception, 3), (cell.Index, f.Kind, f.Line));
        Assert.Contains("DivideByZeroException", f.Message);
        Assert.Contains(cell.Outputs, o => o is TextElement { Name: "stdout", Text: "before\n" });
    }

    [Fact]
    public void An_endless_loop_is_stopped_by_the_cell_timeout_which_the_message_quotes()
    {
        var (cell, f) = FailureOf("infinite-loop.dib");
        Assert.Equal((1, FailureKind.Timeout), (cell.Index, f.Kind));
        Assert.Contains("30 s cell timeout", f.Message);
        Assert.Equal(CellStatus.NotRun, _runs.ByName["infinite-loop.dib"].Cells[1].Status);
    }

    [Fact]
    public void A_stack_overflow_kills_only_its_own_notebook()
    {
        var (cell, f) = FailureOf("stack-overflow.dib");
        Assert.Equal((1, FailureKind.StackOverflow), (cell.Index, f.Kind));
        Assert.True(_runs.ByName["output-capture.dib"].Passed, _runs.ByName["output-capture.dib"].Describe());
    }

    [Fact]
    public void Environment_exit_is_reported_with_its_exit_code()
    {
        var (cell, f) = FailureOf("environment-exit.dib");
        Assert.Equal((1, FailureKind.ProcessExit), (cell.Index, f.Kind));
        Assert.Contains("exit code 3", f.Message);
    }

    [Fact]
    public void A_kernel_killed_mid_notebook_is_reported_at_the_cell_it_was_running()
    {
        var (cell, f) = FailureOf("kernel-crash.dib");
        Assert.Equal((1, FailureKind.Crash), (cell.Index, f.Kind));
        Assert.Contains("killed by signal 9", f.Message);
        Assert.Equal(CellStatus.NotRun, _runs.ByName["kernel-crash.dib"].Cells[1].Status);
    }

    [Fact]
    public void A_memory_bomb_hits_the_memory_cap_which_the_message_quotes()
    {
        var (cell, f) = FailureOf("memory-bomb.dib");
        Assert.Equal((1, FailureKind.OutOfMemory), (cell.Index, f.Kind));
        Assert.Contains("700 MiB memory cap", f.Message);
    }

    [Fact]
    public void Malformed_meta_json_makes_the_notebook_unreadable_with_file_and_line()
    {
        var run = _runs.ByName["malformed-meta.dib"];
        Assert.Contains("malformed-meta.dib:3: the #!meta header is not valid JSON", run.LoadError);
    }

    [Fact]
    public void An_unknown_kernel_line_is_an_unknown_magic_command_at_its_line()
    {
        var (cell, f) = FailureOf("unknown-kernel.dib");
        Assert.Equal((1, FailureKind.MagicCommand, 3), (cell.Index, f.Kind, f.Line));
        Assert.Contains("Unknown magic command '#!python'", f.Message);
    }

    [Fact]
    public void A_javascript_cell_runs_in_the_editor_so_a_headless_run_reports_it_unsupported()
    {
        var (cell, f) = FailureOf("javascript-cell.dib");
        Assert.Equal((2, FailureKind.UnsupportedKernel), (cell.Index, f.Kind));
        Assert.Contains("webview", f.Message);
    }

    [Fact]
    public void A_package_that_cannot_be_restored_fails_its_cell_naming_the_package()
    {
        var (cell, f) = FailureOf("missing-package.dib");
        Assert.Equal(1, cell.Index);
        Assert.Contains("MemoryCourse.NoSuchPackage", f.Message);
    }

    [Fact]
    public void Console_output_and_displays_are_captured_per_cell_in_order()
    {
        var run = _runs.ByName["output-capture.dib"];
        var outputs = run.Cells[1].Outputs;
        Assert.Equal(["stdout:to stdout\n", "stderr:to stderr\n", "display", "stdout:after"],
            outputs.Select(o => o is TextElement t ? $"{t.Name}:{t.Text}" : "display"));
        Assert.Equal("between", Notebooks.Text(outputs[2]));
    }

    [Fact]
    public async Task Parameters_run_as_part_of_the_parameters_cell_and_cells_keep_their_numbers()
    {
        string path = Path.Combine(RepoPaths.Fixtures, "Passing", "output-capture.dib");
        var run = await NotebookRunner.RunAsync(path, RunOptions.Default with { Parameters = new Dictionary<string, string> { ["frames"] = "21" } });
        Assert.True(run.Passed, run.Describe());
        Assert.Equal(4, run.Executed!.Elements.Count);
        Assert.Equal([1, 2, 3, 4], run.Cells.Select(c => c.Index));
        Assert.Contains("42", Notebooks.Text(run.Cells[3].Outputs.Single()));
    }

    [Fact]
    public async Task A_parameter_of_the_wrong_type_is_refused_before_anything_runs()
    {
        string path = Path.Combine(RepoPaths.Fixtures, "Passing", "output-capture.dib");
        var run = await NotebookRunner.RunAsync(path, RunOptions.Default with { Parameters = new Dictionary<string, string> { ["frames"] = "eight" } });
        Assert.Null(run.Executed);
        Assert.Contains("parameter 'frames' is an int (cell 3), and 'eight' is not a whole number", run.LoadError);
    }

    [Fact]
    public async Task A_timeout_after_parameters_names_the_parameters()
    {
        string dir = Directory.CreateTempSubdirectory("memcourse-params-").FullName;
        string path = Notebooks.Write(dir, "spin.dib",
            ("csharp", "// parameters\nint spins = 1;"),
            ("csharp", "for (long i = 0; i < spins; i++) System.Threading.Thread.SpinWait(1000);"));
        var run = await NotebookRunner.RunAsync(path, RunOptions.Default with
        {
            CellTimeout = TimeSpan.FromSeconds(20),
            Parameters = new Dictionary<string, string> { ["spins"] = "2000000000" },
        });
        Assert.Equal((2, FailureKind.Timeout), (run.FirstFailure!.Index, run.FirstFailure.Failure!.Kind));
        Assert.Contains("this run set -p spins=2000000000", run.FirstFailure.Failure.Message);
    }

    [Fact]
    public async Task Continue_on_error_runs_the_cells_after_a_failure()
    {
        string path = Path.Combine(RepoPaths.Fixtures, "Failing", "compile-error.dib");
        var run = await NotebookRunner.RunAsync(path, RunOptions.Default with { ContinueOnError = true });
        Assert.Equal([CellStatus.Passed, CellStatus.Failed, CellStatus.Passed], run.Cells.Select(c => c.Status));
    }

    [Fact]
    public async Task A_missing_kernel_is_reported_naming_the_notebook()
    {
        string path = Path.Combine(RepoPaths.Fixtures, "Passing", "output-capture.dib");
        var run = await NotebookRunner.RunAsync(path, RunOptions.Default with { KernelDll = "/nonexistent/Microsoft.DotNet.Interactive.App.dll" });
        Assert.False(run.Passed);
        Assert.Equal("output-capture.dib: not run: output-capture.dib cannot run: " +
            "the kernel /nonexistent/Microsoft.DotNet.Interactive.App.dll does not exist", run.Describe());
    }
}
