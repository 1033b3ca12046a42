using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Isolation;

namespace MemoryCourse.Notebooks.Tests.Isolation;

/// <summary>
/// The negative fixtures, each run in its own worker process as <c>memcourse run</c> does: every one must
/// fail for the right reason, at the right cell and line, without disturbing the others.
/// </summary>
public class NotebookRunnerTests : IClassFixture<NotebookRunnerTests.FailingRuns>
{
    public sealed class FailingRuns
    {
        public IReadOnlyDictionary<string, NotebookRun> ByName { get; }

        public FailingRuns()
        {
            var paths = Directory.GetFiles(Path.Combine(RepoPaths.Fixtures, "Failing"), "*.dib").OrderBy(p => p).ToList();
            // A shorter timeout keeps the endless loop cheap, yet leaves a busy machine time to compile the
            // first cell; a small cap keeps the memory bomb quick.
            var options = RunOptions.Default with { CellTimeout = TimeSpan.FromSeconds(30), MemoryLimitMiB = 384 };
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
        Assert.Contains("undefinedName", f.Message);
        Assert.Equal(CellStatus.NotRun, _runs.ByName["compile-error.dib"].Cells[2].Status);
        Assert.Equal("compile-error.dib: cell 2, line 2: CompileError: (2,9): error CS0103: The name 'undefinedName' does not exist in the current context",
            _runs.ByName["compile-error.dib"].Describe());
    }

    [Fact]
    public void An_exception_fails_its_cell_with_type_and_line()
    {
        var (cell, f) = FailureOf("exception.dib");
        Assert.Equal((2, FailureKind.Exception, 3), (cell.Index, f.Kind, f.Line));
        Assert.Contains("DivideByZeroException", f.Message);
        Assert.Contains(cell.Outputs, o => o.Kind == OutputKind.Stream && o.Text == "before\n");
    }

    [Fact]
    public void An_endless_loop_is_stopped_by_the_cell_timeout()
    {
        var (cell, f) = FailureOf("infinite-loop.dib");
        Assert.Equal((1, FailureKind.Timeout), (cell.Index, f.Kind));
        Assert.Equal(CellStatus.NotRun, _runs.ByName["infinite-loop.dib"].Cells[1].Status);
    }

    [Fact]
    public void A_stack_overflow_kills_only_its_own_notebook()
    {
        var (cell, f) = FailureOf("stack-overflow.dib");
        Assert.Equal((1, FailureKind.StackOverflow), (cell.Index, f.Kind));
    }

    [Fact]
    public void Environment_exit_is_reported_with_its_exit_code()
    {
        var (cell, f) = FailureOf("environment-exit.dib");
        Assert.Equal((1, FailureKind.ProcessExit), (cell.Index, f.Kind));
        Assert.Contains("Environment.Exit(3)", f.Message);
    }

    [Fact]
    public void A_memory_bomb_hits_the_memory_cap()
    {
        var (cell, f) = FailureOf("memory-bomb.dib");
        Assert.Equal((1, FailureKind.OutOfMemory), (cell.Index, f.Kind));
    }

    [Fact]
    public void Malformed_meta_json_makes_the_notebook_unreadable_with_file_and_line()
    {
        var run = _runs.ByName["malformed-meta.dib"];
        Assert.NotNull(run.LoadError);
        Assert.Contains("malformed-meta.dib:3: the #!meta line is not valid JSON", run.LoadError);
    }

    [Fact]
    public void An_unknown_kernel_line_is_an_unknown_magic_command_at_its_line()
    {
        var (cell, f) = FailureOf("unknown-kernel.dib");
        Assert.Equal((1, FailureKind.MagicCommand, 3), (cell.Index, f.Kind, f.Line));
        Assert.Contains("'#!python'", f.Message);
    }

    [Fact]
    public void A_known_kernel_this_engine_cannot_run_is_reported_as_unsupported()
    {
        var (cell, f) = FailureOf("unsupported-kernel.dib");
        Assert.Equal((2, FailureKind.UnsupportedKernel), (cell.Index, f.Kind));
        Assert.Contains("fsharp", f.Message);
    }

    [Fact]
    public async Task Console_output_is_captured_per_cell_in_order_and_parameters_are_injected()
    {
        string path = Path.Combine(RepoPaths.Fixtures, "Passing", "output-capture.dib");
        var options = RunOptions.Default with { Parameters = new Dictionary<string, string> { ["frames"] = "21" } };
        var run = await NotebookRunner.RunAsync(path, options);
        Assert.True(run.Passed, run.Describe());
        var outputs = run.Cells[1].Outputs;
        Assert.Equal([OutputKind.Stream, OutputKind.Stream, OutputKind.DisplayData, OutputKind.Stream], outputs.Select(o => o.Kind));
        Assert.Equal(["stdout", "stderr", null, "stdout"], outputs.Select(o => o.StreamName));
        Assert.Equal("after", outputs[3].Text);
        Assert.Equal(5, run.Executed!.Cells.Count); // the injected cell follows the parameters cell
        Assert.StartsWith(NotebookParameters.InjectedMarker, run.Executed.Cells[3].Source);
        Assert.Contains("42", run.Cells[4].Outputs.Single().Data.Values.First());
    }

    [Fact]
    public async Task Continue_on_error_runs_the_cells_after_a_failure()
    {
        string path = Path.Combine(RepoPaths.Fixtures, "Failing", "compile-error.dib");
        var run = await NotebookRunner.RunAsync(path, RunOptions.Default with { ContinueOnError = true });
        Assert.Equal([CellStatus.Passed, CellStatus.Failed, CellStatus.Passed], run.Cells.Select(c => c.Status));
    }
}
