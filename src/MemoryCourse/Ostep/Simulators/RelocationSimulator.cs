using System.Text;
using MemoryCourse.Foundation.Randomness;
using MemoryCourse.Ostep.PythonCompat;
using MemoryCourse.Paging.Translation;
using static MemoryCourse.Ostep.PythonCompat.PythonOptionParser.Kind;

namespace MemoryCourse.Ostep.Simulators;

/// <summary>
/// OSTEP's relocation.py (chapter "Address Translation"): a random base-and-bounds pair and a trace of
/// virtual addresses to translate. Same flags, same random draws, same output as the Python original.
/// </summary>
public sealed class RelocationSimulator : IOstepSimulator
{
    public string Name => "relocation";

    public OstepRun Run(IReadOnlyList<string> args)
    {
        var parser = new PythonOptionParser("relocation.py")
            .Add("-s", "--seed", "seed", Int, 0, "the random seed")
            .Add("-a", "--asize", "asize", PythonOptionParser.Kind.String, "1k", "address space size (e.g., 16, 64k, 32m, 1g)")
            .Add("-p", "--physmem", "psize", PythonOptionParser.Kind.String, "16k", "physical memory size (e.g., 16, 64k, 32m, 1g)")
            .Add("-n", "--addresses", "num", Int, 5, "number of virtual addresses to generate")
            .Add("-b", "--b", "base", PythonOptionParser.Kind.String, "-1", "value of base register")
            .Add("-l", "--l", "limit", PythonOptionParser.Kind.String, "-1", "value of limit register")
            .Add("-c", "--compute", "solve", Flag, false, "compute answers for me");
        return OstepScript.Run("relocation.py", parser, args, Body);
    }

    private static void Body(PythonOptionParser.Result o, StringBuilder out_)
    {
        out_.Line();
        out_.Line($"ARG seed {o.Int("seed")}");
        out_.Line($"ARG address space size {o.Str("asize")}");
        out_.Line($"ARG phys mem size {o.Str("psize")}");
        out_.Line();

        var random = new PythonRandom(o.Int("seed"));
        long asize = OstepScript.ConvertSize(o.Str("asize"), "-a");
        long psize = OstepScript.ConvertSize(o.Str("psize"), "-p");
        if (psize <= 1) Fail(out_, "Error: must specify a non-zero physical memory size.");
        if (asize == 0) Fail(out_, "Error: must specify a non-zero address-space size.");
        if (psize <= asize) Fail(out_, "Error: physical memory size must be GREATER than address space size (for this simulation)");

        long limit = OstepScript.ConvertSize(o.Str("limit"), "-l");
        long @base = OstepScript.ConvertSize(o.Str("base"), "-b");
        if (limit == -1) limit = (long)(asize / 4.0 + asize / 4.0 * random.NextDouble());
        if (@base == -1)
        {
            // Expected psize/(psize-limit) draws; with limit >= psize no base fits and the original loops forever.
            if (limit >= psize) throw new OstepScript.Crash($"no base can fit limit {limit} in physical memory of size {psize})", hangs: true);
            long draws = 0;
            do
            {
                OstepScript.Redraw(ref draws, $"a base for limit {limit} in physical memory of size {psize}");
                @base = (long)(psize * random.NextDouble());
            }
            while (@base + limit >= psize);
        }

        out_.Line("Base-and-Bounds register information:");
        out_.Line();
        out_.Line($"  Base   : 0x{PythonText.Hex(@base, 8, true)} (decimal {PythonText.Dec(@base)})");
        out_.Line($"  Limit  : {PythonText.Dec(limit)}");
        out_.Line();

        if (@base + limit > psize)
        {
            out_.Line("Error: address space does not fit into physical memory with those base/bounds values.");
            out_.Line($"Base + Limit: {@base + limit}   Psize: {psize}");
            throw new OstepScript.Exit(1);
        }

        var registers = new BaseAndBounds(@base, limit);
        bool solve = o.Flag("solve");
        out_.Line("Virtual Address Trace");
        long num = OstepScript.Count(o.Int("num"), "-n", "addresses");
        for (long i = 0; i < num; i++)
        {
            long va = (long)(asize * random.NextDouble());
            string head = $"  VA {PythonText.Dec(i, 2)}: 0x{PythonText.Hex(va, 8, true)} (decimal: {PythonText.Dec(va, 4)}) --> ";
            if (!solve) { out_.Line(head + "PA or segmentation violation?"); continue; }
            // The original checks only va >= limit, so a negative va (negative -a) is "valid".
            long? pa = va < 0 ? (va >= limit ? null : va + @base) : registers.Translate(va).PhysicalAddress;
            out_.Line(pa is long p ? head + $"VALID: 0x{PythonText.Hex(p, 8, true)} (decimal: {PythonText.Dec(p, 4)})" : head + "SEGMENTATION VIOLATION");
        }
        out_.Line();
        if (!solve)
        {
            out_.Line("For each virtual address, either write down the physical address it translates to");
            out_.Line("OR write down that it is an out-of-bounds address (a segmentation violation). For");
            out_.Line("this problem, you should assume a simple virtual address space of a given size.");
            out_.Line();
        }
    }

    private static void Fail(StringBuilder out_, string message)
    {
        out_.Line(message);
        throw new OstepScript.Exit(1);
    }
}
