using MemoryCourse.Ostep.Simulators;

namespace MemoryCourse.Tests.Ostep.Simulators;

public class MallocSimulatorTests
{
    // Examples/ holds runs of the original malloc.py (see Examples/README.md): "$ python3 malloc.py FLAGS" then stdout.
    [Theory]
    [InlineData("malloc-000.txt")]
    [InlineData("malloc-015.txt")]
    [InlineData("malloc-negative-heap.txt")]
    [InlineData("malloc-negative-header.txt")]
    [InlineData("malloc-empty-heap.txt")]
    [InlineData("malloc-negative-header-first-coalesce.txt")]
    [InlineData("malloc-negative-sizes-list.txt")]
    public void Output_matches_the_original_script_byte_for_byte(string example)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryFiles.OstepExamples, example));
        int newline = text.IndexOf('\n');
        var command = text[..newline];
        const string Prefix = "$ python3 malloc.py ";
        Assert.StartsWith(Prefix, command);
        var args = command[Prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);

        var run = new MallocSimulator().Run(args);

        Assert.Equal(text[(newline + 1)..], run.Stdout);
        Assert.Equal("", run.Stderr);
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void Is_registered_under_its_script_name()
    {
        Assert.IsType<MallocSimulator>(OstepSimulators.Find("malloc"));
    }

    // Worked by hand from the semantics: 100 bytes at 1000, header 4, alignment 4, first fit, insert-front.
    // +3 -> 4+4=8 bytes at 1000; +10 -> 12+4=16 at 1008; -0 puts (1000,8) at the front; +1 -> 4+4=8 fits it exactly.
    [Fact]
    public void A_list_of_ops_prints_raw_block_addresses_and_the_free_list()
    {
        var run = new MallocSimulator().Run(["-H", "4", "-a", "4", "-p", "FIRST", "-l", "INSERT-FRONT", "-A", "+3,+10,-0,+1", "-c"]);

        var expectedOps = string.Join("\n",
            "ptr[0] = Alloc(3) returned 1000 (searched 1 elements)",
            "Free List [ Size 1 ]: [ addr:1008 sz:92 ]",
            "",
            "ptr[1] = Alloc(10) returned 1008 (searched 1 elements)",
            "Free List [ Size 1 ]: [ addr:1024 sz:76 ]",
            "",
            "Free(ptr[0])",
            "returned 0",
            "Free List [ Size 2 ]: [ addr:1000 sz:8 ][ addr:1024 sz:76 ]",
            "",
            "ptr[2] = Alloc(1) returned 1000 (searched 1 elements)",
            "Free List [ Size 1 ]: [ addr:1024 sz:76 ]",
            "", "");
        Assert.EndsWith("compute True\n\n" + expectedOps, run.Stdout);
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void A_free_beyond_the_allocated_pointers_is_skipped()
    {
        var run = new MallocSimulator().Run(["-A", "+5,-3", "-c"]);

        Assert.EndsWith("Invalid Free: Skipping\n", run.Stdout);
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void Freeing_a_pointer_twice_returns_minus_one()
    {
        var run = new MallocSimulator().Run(["-A", "+5,-0,-0", "-c"]);

        Assert.Contains("Free(ptr[0])\nreturned -1\n", run.Stdout);
    }

    [Fact]
    public void A_request_larger_than_the_heap_returns_minus_one()
    {
        var run = new MallocSimulator().Run(["-A", "+101", "-c"]);

        Assert.Contains("ptr[0] = Alloc(101) returned -1 (searched 1 elements)\n", run.Stdout);
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public void Freeing_the_hole_left_by_a_failed_allocation_crashes_like_the_original()
    {
        var run = new MallocSimulator().Run(["-A", "+101,+5,-0", "-c"]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("malloc.py: ", run.Stderr);
        Assert.Contains("(KeyError: 0)", run.Stderr);
        Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
    }

    // The original's constructor asserts policy, list order and alignment before printing anything.
    [Theory]
    [InlineData(new[] { "-p", "BOGUS" }, "-p: policy 'BOGUS' is not FIRST, BEST or WORST (AssertionError)")]
    [InlineData(new[] { "-p", "best" }, "-p: policy 'best' is not FIRST, BEST or WORST (AssertionError)")]
    [InlineData(new[] { "-l", "BOGUS" }, "-l: list order 'BOGUS' is not ADDRSORT, SIZESORT+, SIZESORT-, INSERT-FRONT or INSERT-BACK (AssertionError)")]
    [InlineData(new[] { "-a", "0" }, "-a: alignment 0 is neither -1 nor positive (AssertionError)")]
    [InlineData(new[] { "-a", "-5" }, "-a: alignment -5 is neither -1 nor positive (AssertionError)")]
    public void An_argument_the_original_asserts_against_stops_before_any_output(string[] args, string message)
    {
        var run = new MallocSimulator().Run([.. args, "-c"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal($"malloc.py: {message} (the Python original stops here with a traceback)\n", run.Stderr);
    }

    [Fact]
    public void An_operand_that_is_neither_plus_nor_minus_names_the_originals_NameError()
    {
        // The script calls abort(), which it never defines.
        var run = new MallocSimulator().Run(["-A", "+5,*3", "-c"]);

        Assert.Equal(1, run.ExitCode);
        Assert.EndsWith("Free List [ Size 1 ]: [ addr:1005 sz:95 ]\n\n", run.Stdout);
        Assert.Contains("NameError: name 'abort' is not defined", run.Stderr);
    }

    [Fact]
    public void A_zero_size_block_allocated_twice_fails_the_originals_assertion()
    {
        var run = new MallocSimulator().Run(["-A", "+0,+0", "-c"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("(AssertionError in addToMap)", run.Stderr);
    }

    [Fact]
    public void More_operations_than_the_port_prints_are_refused_before_any_is_made()
    {
        var run = new MallocSimulator().Run(["-n", "100000000", "-c"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal(
            "malloc.py: -n 100000000: this port prints at most 1000000 operations per run (a limit of this port; the Python original would go on)\n",
            run.Stderr);
    }

    [Fact]
    public void A_number_beyond_64_bits_is_a_limit_of_the_port_not_a_wrapped_value()
    {
        var run = new MallocSimulator().Run(["-S", "99999999999999999999999", "-c"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("-S: value 99999999999999999999999 is too large", run.Stderr);
        Assert.Contains("a limit of this port", run.Stderr);
    }

    [Theory]
    [InlineData("-S", "-100", "Free List [ Size 1 ]: [ addr:1000 sz:-100 ]")]
    [InlineData("-S", "0", "Free List [ Size 1 ]: [ addr:1000 sz:0 ]")]
    public void A_heap_of_size_zero_or_less_is_one_entry_that_nothing_fits(string flag, string value, string list)
    {
        // Recorded runs of the original are in Examples/malloc-negative-heap.txt and malloc-empty-heap.txt.
        var run = new MallocSimulator().Run([flag, value, "-A", "+3", "-c"]);

        Assert.Equal(0, run.ExitCode);
        Assert.EndsWith($"ptr[0] = Alloc(3) returned -1 (searched 1 elements)\n{list}\n\n", run.Stdout);
    }

    [Fact]
    public void An_invalid_integer_flag_is_an_optparse_usage_error()
    {
        var run = new MallocSimulator().Run(["-s", "x1"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("Usage: malloc.py [options]\n\nmalloc.py: error: option -s: invalid integer value: 'x1'\n", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void Flags_accept_optparse_spellings()
    {
        // "-s0x1" is hex 1, "--num=20" abbreviates --numOps, "-Cc" clusters two switches.
        var spelled = new MallocSimulator().Run(["-s0x1", "--num=30", "-pFIRST", "-Cc"]);
        var plain = new MallocSimulator().Run(["-s", "1", "-n", "30", "-p", "FIRST", "-l", "ADDRSORT", "-C", "-c"]);

        Assert.Equal(plain.Stdout, spelled.Stdout);
    }

    [Fact]
    public void Zero_percent_allocations_fails_the_scripts_assertion_after_the_header()
    {
        var run = new MallocSimulator().Run(["-P", "0"]);

        Assert.Equal(1, run.ExitCode);
        Assert.EndsWith("compute False\n\n", run.Stdout);
        Assert.Contains("AssertionError", run.Stderr);
    }
}
