using MemoryCourse.Notebooks.Execution;

namespace MemoryCourse.Notebooks.Tests.Execution;

/// <summary>How a failed cell is worded: for the run's report from how the kernel's process ended, and briefly for a grade's row.</summary>
public class FailureWordingTests
{
    [Fact]
    public void A_stack_overflow_on_standard_error_is_named_whatever_the_exit_code()
    {
        var f = FailureWording.KernelDied(false, "Stack overflow.\n   at Submission#3.Fact(Int32)\n", 134);
        Assert.Equal(FailureKind.StackOverflow, f.Kind);
        Assert.Contains("recursion without a base case", f.Message);
    }

    [Fact]
    public void A_signal_is_named_by_its_number_and_the_first_lines_the_process_wrote()
    {
        var f = FailureWording.KernelDied(false, "one\ntwo\nthree\nfour\nfive\nsix", 137);
        Assert.Equal(FailureKind.Crash, f.Kind);
        Assert.Equal("the kernel's process was killed by signal 9 (SIGKILL): one\ntwo\nthree\nfour\nfive", f.Message);
    }

    [Fact]
    public void A_silent_exit_is_the_cells_own_exit_with_its_code()
    {
        var f = FailureWording.KernelDied(false, "  ", 3);
        Assert.Equal(FailureKind.ProcessExit, f.Kind);
        Assert.Contains("exit code 3", f.Message);
    }

    [Fact]
    public void The_output_limit_comes_first_because_the_engine_itself_stopped_the_process()
    {
        Assert.Equal(FailureKind.OutputLimit, FailureWording.KernelDied(true, "Stack overflow.", 137).Kind);
    }

    [Fact]
    public void The_report_names_the_limit_and_its_option_and_the_grade_row_neither()
    {
        var timeout = FailureWording.Timeout(TimeSpan.FromSeconds(2.5));
        Assert.Contains("2.5 s cell timeout (--timeout)", timeout.Message);
        Assert.Equal("it ran past the time limit (an endless loop?)", FailureWording.Brief(timeout));
        var memory = FailureWording.MemoryCap(1536);
        Assert.Contains("1536 MiB memory cap (--memory)", memory.Message);
        Assert.Equal("it used more memory than a submission may", FailureWording.Brief(memory));
    }

    [Fact]
    public void A_crash_keeps_what_the_process_said_in_the_brief_wording()
    {
        var crash = FailureWording.KernelDied(false, "Fatal error.", 139);
        Assert.Equal($"the process crashed: {crash.Message}", FailureWording.Brief(crash));
    }

    [Fact]
    public void A_failed_check_is_told_without_the_exception_type_name()
    {
        var check = new CellFailure(FailureKind.Exception, 3, "MemoryCourse.Teaching.Checks.CheckFailedException: expected 4, got 5");
        Assert.Equal("Exception: expected 4, got 5", FailureWording.Brief(check));
    }
}
