using MemoryCourse.Ostep.Simulators;

namespace MemoryCourse.Tests.Ostep.PythonCompat;

/// <summary>
/// The scripts' command lines are parsed as Python's optparse parses them. Expected texts were printed by
/// CPython 3's own optparse, configured with the scripts' options (stdout piped, so 80 columns).
/// </summary>
public class PythonOptionParserTests
{
    private static OstepRun Relocation(params string[] args) => new RelocationSimulator().Run(args);

    [Fact]
    public void Help_is_laid_out_as_optparse_lays_it_out()
    {
        var run = Relocation("-h");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            "Usage: relocation.py [options]\n" +
            "\n" +
            "Options:\n" +
            "  -h, --help            show this help message and exit\n" +
            "  -s SEED, --seed=SEED  the random seed\n" +
            "  -a ASIZE, --asize=ASIZE\n" +
            "                        address space size (e.g., 16, 64k, 32m, 1g)\n" +
            "  -p PSIZE, --physmem=PSIZE\n" +
            "                        physical memory size (e.g., 16, 64k, 32m, 1g)\n" +
            "  -n NUM, --addresses=NUM\n" +
            "                        number of virtual addresses to generate\n" +
            "  -b BASE, --b=BASE     value of base register\n" +
            "  -l LIMIT, --l=LIMIT   value of limit register\n" +
            "  -c, --compute         compute answers for me\n",
            run.Stdout);
    }

    [Fact]
    public void Long_help_texts_wrap_at_the_help_column()
    {
        var run = new PagingPolicySimulator().Run(["--help"]);
        Assert.Equal(
            "Usage: paging-policy.py [options]\n" +
            "\n" +
            "Options:\n" +
            "  -h, --help            show this help message and exit\n" +
            "  -a ADDRESSES, --addresses=ADDRESSES\n" +
            "                        a set of comma-separated pages to access; -1 means\n" +
            "                        randomly generate\n" +
            "  -f ADDRESSFILE, --addressfile=ADDRESSFILE\n" +
            "                        a file with a bunch of addresses in it\n" +
            "  -n NUMADDRS, --numaddrs=NUMADDRS\n" +
            "                        if -a (--addresses) is -1, this is the number of addrs\n" +
            "                        to generate\n" +
            "  -p POLICY, --policy=POLICY\n" +
            "                        replacement policy: FIFO, LRU, OPT, UNOPT, RAND, CLOCK\n" +
            "  -b CLOCKBITS, --clockbits=CLOCKBITS\n" +
            "                        for CLOCK policy, how many clock bits to use\n" +
            "  -C CACHESIZE, --cachesize=CACHESIZE\n" +
            "                        size of the page cache, in pages\n" +
            "  -m MAXPAGE, --maxpage=MAXPAGE\n" +
            "                        if randomly generating page accesses, this is the max\n" +
            "                        page number\n" +
            "  -s SEED, --seed=SEED  random number seed\n" +
            "  -N, --notrace         do not print out a detailed trace\n" +
            "  -c, --compute         compute answers for me\n",
            run.Stdout);
    }

    [Theory]
    [InlineData(new[] { "-x" }, "no such option: -x")]
    [InlineData(new[] { "-s", "abc" }, "option -s: invalid integer value: 'abc'")]
    [InlineData(new[] { "-s", "09" }, "option -s: invalid integer value: '09'")]
    [InlineData(new[] { "-s" }, "-s option requires 1 argument")]
    [InlineData(new[] { "--a", "1" }, "ambiguous option: --a (--addresses, --asize?)")]
    [InlineData(new[] { "--compute=1" }, "--compute option does not take a value")]
    public void Misuse_prints_optparse_usage_error_and_exits_2(string[] args, string message)
    {
        var run = Relocation(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Equal($"Usage: relocation.py [options]\n\nrelocation.py: error: {message}\n", run.Stderr);
    }

    [Fact]
    public void Clustered_flags_prefixes_and_radix_prefixes_parse_like_optparse()
    {
        // optparse reads -cs0x1f -n 0b11 --addr=010 as solve, seed 31, num 3 then 8 (octal), ignoring "pos".
        var clustered = Relocation("-cs0x1f", "-n", "0b11", "--addr=010", "pos");
        var plain = Relocation("-c", "-s", "31", "-n", "8");
        Assert.Equal(0, clustered.ExitCode);
        Assert.Equal(plain.Stdout, clustered.Stdout);
        Assert.Contains("ARG seed 31\n", clustered.Stdout);
    }
}
