using MemoryCourse.Ostep.Simulators;

namespace MemoryCourse.Tests.Ostep.Simulators;

/// <summary>
/// Bad input to the ports: where the original prints an error it is the same text on stdout with exit
/// status 1 (texts and their order from ostep-semantics.md and the scripts' own checks); where the
/// original dies with a traceback the port exits 1 with a message on stderr.
/// </summary>
public class OstepErrorTests
{
    private static OstepRun Run(string script, params string[] args) => OstepSimulators.Find(script)!.Run(args);

    [Theory]
    [InlineData("0", "16k", "Error: must specify a non-zero address-space size.")]
    [InlineData("1k", "1", "Error: must specify a non-zero physical memory size.")]
    [InlineData("16k", "16k", "Error: physical memory size must be GREATER than address space size (for this simulation)")]
    public void Relocation_rejects_bad_sizes(string asize, string psize, string error)
    {
        var run = Run("relocation", "-a", asize, "-p", psize, "-c");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"\nARG seed 0\nARG address space size {asize}\nARG phys mem size {psize}\n\n{error}\n", run.Stdout);
    }

    [Fact]
    public void Relocation_rejects_a_base_and_limit_that_do_not_fit()
    {
        var run = Run("relocation", "-b", "16000", "-l", "1000", "-c");
        Assert.Equal(1, run.ExitCode);
        Assert.EndsWith("  Base   : 0x00003e80 (decimal 16000)\n  Limit  : 1000\n\n"
            + "Error: address space does not fit into physical memory with those base/bounds values.\n"
            + "Base + Limit: 17000   Psize: 16384\n", run.Stdout);
    }

    [Fact]
    public void Relocation_without_c_asks_the_question_instead_of_answering()
    {
        var run = Run("relocation", "-b", "100", "-l", "50", "-n", "1");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--> PA or segmentation violation?\n", run.Stdout);
        Assert.EndsWith("this problem, you should assume a simple virtual address space of a given size.\n\n", run.Stdout);
    }

    [Fact]
    public void Relocation_with_given_registers_translates_by_hand_computable_rules()
    {
        // Base 100, limit 50: VA v is valid iff v < 50, and then PA = v + 100.
        var run = Run("relocation", "-b", "100", "-l", "50", "-n", "20", "-c");
        foreach (var line in run.Stdout.Split('\n').Where(l => l.StartsWith("  VA ")))
        {
            int va = int.Parse(line.Split("decimal:")[1].Split(')')[0]);
            Assert.EndsWith(va < 50 ? $"(decimal: {va + 100,4})" : "SEGMENTATION VIOLATION", line);
        }
    }

    [Fact]
    public void Segmentation_reports_an_address_outside_the_space_after_the_earlier_ones()
    {
        var run = Run("segmentation", "-A", "5,5000", "-b", "0", "-l", "100", "-B", "4096", "-L", "100", "-c");
        Assert.Equal(1, run.ExitCode);
        Assert.EndsWith("Virtual Address Trace\n  VA  0: 0x00000005 (decimal:    5) --> VALID in SEG0: 0x00000005 (decimal:    5)\n"
            + "Error: virtual address 5000 cannot be generated in an address space of size 1024\n", run.Stdout);
    }

    [Fact]
    public void Segmentation_segment_one_grows_down_from_its_top()
    {
        // asize 1024, seg1 top 4096, limit 100: VA 1023 -> 4095, VA 924 -> 3996 (|924-1024| = 100 <= 100), VA 923 violates.
        var run = Run("segmentation", "-A", "1023,924,923", "-b", "0", "-l", "100", "-B", "4096", "-L", "100", "-c");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("VA  0: 0x000003ff (decimal: 1023) --> VALID in SEG1: 0x00000fff (decimal: 4095)", run.Stdout);
        Assert.Contains("VA  1: 0x0000039c (decimal:  924) --> VALID in SEG1: 0x00000f9c (decimal: 3996)", run.Stdout);
        Assert.Contains("VA  2: 0x0000039b (decimal:  923) --> SEGMENTATION VIOLATION (SEG1)", run.Stdout);
    }

    [Theory]
    [InlineData(new[] { "-a", "1k", "-p", "2k" }, "Error: physical memory must be 2x GREATER than address space size (if randomly generating base registers)")]
    [InlineData(new[] { "-l", "600", "-b", "0", "-B", "4096", "-L", "10" }, "Error: length0 register is too large for this address space")]
    [InlineData(new[] { "-p", "4" }, "Error: must specify a bigger physical memory size")]
    public void Segmentation_rejects_bad_registers(string[] args, string error)
    {
        var run = Run("segmentation", [.. args, "-c"]);
        Assert.Equal(1, run.ExitCode);
        Assert.EndsWith(error + "\n", run.Stdout);
    }

    [Theory]
    [InlineData(new[] { "-P", "3k" }, "Error in argument: address space must be a multiple of the pagesize")]
    [InlineData(new[] { "-a", "12k", "-P", "4k" }, "Error in argument: address space must be a power of 2")]
    [InlineData(new[] { "-a", "16k", "-p", "60k", "-P", "6k" }, "Error in argument: address space must be a multiple of the pagesize")]
    [InlineData(new[] { "-a", "1g", "-p", "2g" }, "Error: must use smaller sizes (less than 1 GB) for this simulation.")]
    public void Paging_linear_rejects_bad_geometry(string[] args, string error)
    {
        var run = Run("paging-linear-translate", [.. args, "-c"]);
        Assert.Equal(1, run.ExitCode);
        Assert.EndsWith("\n\n" + error + "\n", run.Stdout);
    }

    [Fact]
    public void Paging_linear_address_beyond_the_table_is_a_clear_crash()
    {
        var run = Run("paging-linear-translate", "-A", "20000", "-c");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("20000", run.Stderr);
        Assert.EndsWith("Virtual Address Trace\n", run.Stdout);
    }

    [Fact]
    public void Paging_multilevel_with_too_many_pages_is_a_clear_crash()
    {
        // -a 100 -s 3 needs more than the 128 physical pages (semantics: AssertionError in findFree).
        var run = Run("paging-multilevel-translate", "-a", "100", "-s", "3", "-c");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("ARG seed 3\nARG allocated 100\nARG num 10\n\n", run.Stdout);
        Assert.Contains("AssertionError", run.Stderr);
    }

    [Fact]
    public void Paging_policy_names_an_unknown_policy()
    {
        var run = Run("paging-policy", "-p", "LFU", "-c");
        Assert.Equal(1, run.ExitCode);
        Assert.EndsWith("ARG notrace False\n\nSolving...\n\nPolicy LFU is not yet implemented\n", run.Stdout);
    }

    [Fact]
    public void Paging_policy_policy_names_are_case_sensitive()
    {
        Assert.Equal(1, Run("paging-policy", "-p", "lru", "-c").ExitCode);
    }

    [Fact]
    public void Paging_policy_given_list_replays_by_hand()
    {
        // FIFO, 2 frames, 1 2 1 3 1: miss, miss, hit, miss (evicts 1), miss (evicts 2): 1 hit of 5 = 20.00.
        var run = Run("paging-policy", "-a", "1,2,1,3,1", "-C", "2", "-c");
        Assert.Equal(0, run.ExitCode);
        Assert.EndsWith("Solving...\n\n"
            + "Access: 1  MISS FirstIn ->          [1] <- Lastin  Replaced:- [Hits:0 Misses:1]\n"
            + "Access: 2  MISS FirstIn ->       [1, 2] <- Lastin  Replaced:- [Hits:0 Misses:2]\n"
            + "Access: 1  HIT  FirstIn ->       [1, 2] <- Lastin  Replaced:- [Hits:1 Misses:2]\n"
            + "Access: 3  MISS FirstIn ->       [2, 3] <- Lastin  Replaced:1 [Hits:1 Misses:3]\n"
            + "Access: 1  MISS FirstIn ->       [3, 1] <- Lastin  Replaced:2 [Hits:1 Misses:4]\n"
            + "\nFINALSTATS hits 1   misses 4   hitrate 20.00\n\n", run.Stdout);
    }

    [Fact]
    public void Paging_policy_reads_an_address_file_and_names_a_bad_line()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "1\n2\r\nseven\n");
            var run = Run("paging-policy", "-f", path, "-c");
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("line 3", run.Stderr);
            Assert.Contains("'seven'", run.Stderr);
            File.WriteAllText(path, "1\n2\r\n1");
            run = Run("paging-policy", "-f", path, "-c", "-N");
            Assert.Equal(0, run.ExitCode);
            Assert.EndsWith("\nFINALSTATS hits 1   misses 2   hitrate 33.33\n\n", run.Stdout);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Paging_policy_with_no_references_is_a_clear_crash()
    {
        var run = Run("paging-policy", "-n", "0", "-c");
        Assert.Equal(1, run.ExitCode);
        Assert.EndsWith("Solving...\n\n\n", run.Stdout);
        Assert.Contains("ZeroDivisionError", run.Stderr);
    }

    [Fact]
    public void Paging_policy_cache_of_zero_is_a_clear_crash()
    {
        var run = Run("paging-policy", "-C", "0", "-c");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("-C 0", run.Stderr);
    }

    [Fact]
    public void Paging_policy_bad_seed_is_a_clear_crash()
    {
        var run = Run("paging-policy", "-s", "x", "-c");
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("invalid literal for int() with base 10: 'x'", run.Stderr);
    }

    // Where the original would run for minutes or hours (or print gigabytes), a port answers at once with the
    // limit the run would exceed, and says that the original would go on.
    [Theory]
    [InlineData("relocation", new[] { "-n", "100000000", "-c" }, "-n 100000000: this port prints at most 1000000 addresses per run")]
    [InlineData("segmentation", new[] { "-n", "100000000", "-c" }, "-n 100000000: this port prints at most 1000000 addresses per run")]
    [InlineData("paging-linear-translate", new[] { "-n", "100000000", "-c" }, "-n 100000000: this port prints at most 1000000 addresses per run")]
    [InlineData("paging-multilevel-translate", new[] { "-n", "100000000", "-c" }, "-n 100000000: this port prints at most 1000000 addresses per run")]
    [InlineData("paging-policy", new[] { "-n", "100000000", "-c" }, "-n 100000000: this port prints at most 1000000 references per run")]
    [InlineData("paging-linear-translate", new[] { "-a", "512m", "-p", "600m", "-P", "256", "-c" },
        "-a 512m -P 256: a page table of 2097152 entries; this port prints at most 1000000")]
    [InlineData("relocation", new[] { "-a", "1k", "-p", "1g", "-l", "1073741823", "-c" },
        "a base for limit 1073741823 in physical memory of size 1073741824: nothing fit in 1000000 random draws")]
    [InlineData("paging-policy", new[] { "-n", "1000000", "-p", "OPT", "-C", "2000", "-m", "100000", "-c", "-N" },
        "1000000 references with up to 2000 pages resident: more than 250000000 steps for OPT")]
    [InlineData("paging-policy", new[] { "-n", "300000", "-p", "LRU", "-C", "50000", "-m", "100000", "-c" },
        "300000 references with up to 50000 pages resident: more than 250000000 steps for LRU")]
    [InlineData("paging-policy", new[] { "-n", "100000", "-p", "LRU", "-C", "2000", "-m", "100000", "-c" },
        "the output would grow beyond 134217728 characters")]
    public void A_run_beyond_what_the_port_holds_stops_naming_the_limit(string script, string[] args, string message)
    {
        var run = Run(script, args);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"{script}.py: {message} (a limit of this port; the Python original would go on)\n", run.Stderr);
    }

    [Fact]
    public void Paging_policy_address_file_that_is_a_folder_or_endless_is_a_clear_crash()
    {
        var folder = Directory.CreateTempSubdirectory("addresses-").FullName;
        var run = Run("paging-policy", "-f", folder, "-c");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            $"paging-policy.py: -f: cannot open address file '{folder}': it is a folder, not a file (the Python original stops here with a traceback)\n",
            run.Stderr);
        if (File.Exists("/dev/zero"))
            Assert.Contains("it is a device, not a regular file", Run("paging-policy", "-f", "/dev/zero", "-c").Stderr);
    }
}
