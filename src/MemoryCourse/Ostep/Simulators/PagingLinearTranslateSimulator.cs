using System.Globalization;
using System.Text;
using MemoryCourse.Foundation.Randomness;
using MemoryCourse.Ostep.PythonCompat;
using MemoryCourse.Paging.Translation;
using static MemoryCourse.Ostep.PythonCompat.PythonOptionParser.Kind;

namespace MemoryCourse.Ostep.Simulators;

/// <summary>
/// OSTEP's paging-linear-translate.py (chapter "Paging: Introduction"): a random linear page table and a
/// trace of virtual addresses to translate through it. Same flags, draws and output as the original.
/// </summary>
public sealed class PagingLinearTranslateSimulator : IOstepSimulator
{
    public string Name => "paging-linear-translate";

    public OstepRun Run(IReadOnlyList<string> args)
    {
        const PythonOptionParser.Kind Str = PythonOptionParser.Kind.String;
        var parser = new PythonOptionParser("paging-linear-translate.py")
            .Add("-A", "--addresses", "addresses", Str, "-1", "a set of comma-separated pages to access; -1 means randomly generate")
            .Add("-s", "--seed", "seed", Int, 0, "the random seed")
            .Add("-a", "--asize", "asize", Str, "16k", "address space size (e.g., 16, 64k, 32m, 1g)")
            .Add("-p", "--physmem", "psize", Str, "64k", "physical memory size (e.g., 16, 64k, 32m, 1g)")
            .Add("-P", "--pagesize", "pagesize", Str, "4k", "page size (e.g., 4k, 8k, whatever)")
            .Add("-n", "--numaddrs", "num", Int, 5, "number of virtual addresses to generate")
            .Add("-u", "--used", "used", Int, 50, "percent of virtual address space that is used")
            .Add("-v", null, "verbose", Flag, false, "verbose mode")
            .Add("-c", null, "solve", Flag, false, "compute answers for me");
        return OstepScript.Run("paging-linear-translate.py", parser, args, Body);
    }

    private static void Body(PythonOptionParser.Result o, StringBuilder out_)
    {
        bool verbose = o.Flag("verbose");
        out_.Line($"ARG seed {o.Int("seed")}");
        out_.Line($"ARG address space size {o.Str("asize")}");
        out_.Line($"ARG phys mem size {o.Str("psize")}");
        out_.Line($"ARG page size {o.Str("pagesize")}");
        out_.Line($"ARG verbose {(verbose ? "True" : "False")}");
        out_.Line($"ARG addresses {o.Str("addresses")}");
        out_.Line();

        var random = new PythonRandom(o.Int("seed"));
        long asize = OstepScript.ConvertSize(o.Str("asize"), "-a");
        long psize = OstepScript.ConvertSize(o.Str("psize"), "-p");
        long pagesize = OstepScript.ConvertSize(o.Str("pagesize"), "-P");
        string addresses = o.Str("addresses");

        if (psize <= 1) Fail(out_, "Error: must specify a non-zero physical memory size.");
        if (asize < 1) Fail(out_, "Error: must specify a non-zero address-space size.");
        if (psize <= asize) Fail(out_, "Error: physical memory size must be GREATER than address space size (for this simulation)");
        const long OneGig = 1024L * 1024 * 1024;
        if (psize >= OneGig || asize >= OneGig) Fail(out_, "Error: must use smaller sizes (less than 1 GB) for this simulation.");
        MustBeMultipleOf(out_, asize, pagesize, "address space must be a multiple of the pagesize");
        MustBeMultipleOf(out_, psize, pagesize, "physical memory must be a multiple of the pagesize");

        long pages = (long)((double)psize / pagesize);
        long vpages = (long)((double)asize / pagesize);
        // The original takes log2 through floating point, exactly like this, and compares 2^bits with the size.
        int vabits = (int)(Math.Log(asize) / Math.Log(2.0));
        if (Math.Pow(2, vabits) != asize) Fail(out_, "Error in argument: address space must be a power of 2");
        if (pagesize <= 0) throw new OstepScript.Crash($"-P: page size {pagesize} has no logarithm (ValueError: math domain error)");
        int pagebits = (int)(Math.Log(pagesize) / Math.Log(2.0));
        if (Math.Pow(2, pagebits) != pagesize) Fail(out_, "Error in argument: page size must be a power of 2");
        long pagemask = (1L << pagebits) - 1;
        long vpnmask = 0xFFFFFFFFL & ~pagemask;

        out_.Line();
        out_.Line("The format of the page table is simple:");
        out_.Line("The high-order (left-most) bit is the VALID bit.");
        out_.Line("  If the bit is 1, the rest of the entry is the PFN.");
        out_.Line("  If the bit is 0, the page is not valid.");
        out_.Line("Use verbose mode (-v) if you want to print the VPN # by");
        out_.Line("each entry of the page table.");
        out_.Line();

        out_.Line("Page Table (from entry 0 down to the max size)");
        if (vpages > OstepScript.MaxItems)
            throw new OstepScript.Crash(
                $"-a {o.Str("asize")} -P {o.Str("pagesize")}: a page table of {vpages} entries; this port prints at most {OstepScript.MaxItems}",
                OstepScript.Stop.PortLimit);
        double used = (double)o.Int("used");
        var table = new LinearPageTable(asize, pagesize);
        var frameUsed = new HashSet<long>(); // at most one frame per virtual page, however many frames there are
        for (int v = 0; v < vpages; v++)
        {
            // A collision re-draws both numbers, so a page can still end up invalid on the retry.
            while (true)
            {
                if (random.NextDouble() * 100.0 > 100.0 - used)
                {
                    long u = (long)(pages * random.NextDouble());
                    if (!frameUsed.Add(u)) continue;
                    table.Map(v, (uint)u);
                }
                break;
            }
            out_.Append(verbose ? $"  [{PythonText.Dec(v, 8)}]  " : "  ").Line($"0x{table.Entries[v]:x8}");
        }
        out_.Line();

        var vaList = new List<string>();
        if (addresses == "-1")
        {
            long num = OstepScript.Count(o.Int("num"), "-n", "addresses");
            for (long i = 0; i < num; i++) vaList.Add(((long)(asize * random.NextDouble())).ToString(CultureInfo.InvariantCulture));
        }
        else vaList.AddRange(addresses.Split(','));

        bool solve = o.Flag("solve");
        out_.Line("Virtual Address Trace");
        foreach (var text in vaList)
        {
            long va = OstepScript.ToLong(OstepScript.PyInt(text, "-A"), "-A");
            string head = $"  VA 0x{PythonText.Hex(va, 8, true)} (decimal: {PythonText.Dec(va, 8)}) --> ";
            if (!solve) { out_.Line(head + "PA or invalid address?"); continue; }
            long vpn = (va & vpnmask) >> pagebits;
            if (vpn >= vpages) throw new OstepScript.Crash($"-A: virtual address {va} has VPN {vpn}, outside the page table of {vpages} entries (IndexError)");
            // The 32-bit mask lets an address of 4 GiB or more wrap onto a small VPN, as in the original.
            var t = table.Translate((vpn << pagebits) | (va & pagemask));
            if (t.PhysicalAddress is long pa)
                out_.Line(head + $"{PythonText.Hex(pa, 8, true)} (decimal {PythonText.Dec(pa, 8)}) [VPN {vpn}]");
            else
                out_.Line($"  VA 0x{PythonText.Hex(va, 8, true)} (decimal: {PythonText.Dec(va, 8)}) -->  Invalid (VPN {vpn} not valid)");
        }
        out_.Line();
        if (!solve)
        {
            out_.Line("For each virtual address, write down the physical address it translates to");
            out_.Line("OR write down that it is an out-of-bounds address (e.g., segfault).");
            out_.Line();
        }
    }

    // The original compares int(float(a)/float(b)) with a/b (true division): true iff b divides a.
    private static void MustBeMultipleOf(StringBuilder out_, long big, long num, string message)
    {
        if (num == 0) throw new OstepScript.Crash("-P: page size 0 (ZeroDivisionError)");
        double q = (double)big / num;
        if (Math.Truncate(q) != q) Fail(out_, "Error in argument: " + message);
    }

    private static void Fail(StringBuilder out_, string message)
    {
        out_.Line(message);
        throw new OstepScript.Exit(1);
    }
}
