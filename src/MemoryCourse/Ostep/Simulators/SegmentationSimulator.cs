using System.Text;
using MemoryCourse.Foundation.Randomness;
using MemoryCourse.Ostep.PythonCompat;
using MemoryCourse.Paging.Translation;
using static MemoryCourse.Ostep.PythonCompat.PythonOptionParser.Kind;

namespace MemoryCourse.Ostep.Simulators;

/// <summary>
/// OSTEP's segmentation.py (chapter "Segmentation"): two segments, segment 1 growing downwards, random
/// bases and limits, and a trace of virtual addresses. Same flags, draws and output as the original.
/// </summary>
public sealed class SegmentationSimulator : IOstepSimulator
{
    public string Name => "segmentation";

    public OstepRun Run(IReadOnlyList<string> args)
    {
        const PythonOptionParser.Kind Str = PythonOptionParser.Kind.String;
        var parser = new PythonOptionParser("segmentation.py")
            .Add("-s", "--seed", "seed", Int, 0, "the random seed")
            .Add("-A", "--addresses", "addresses", Str, "-1", "a set of comma-separated pages to access; -1 means randomly generate")
            .Add("-a", "--asize", "asize", Str, "1k", "address space size (e.g., 16, 64k, 32m, 1g)")
            .Add("-p", "--physmem", "psize", Str, "16k", "physical memory size (e.g., 16, 64k, 32m, 1g)")
            .Add("-n", "--numaddrs", "num", Int, 5, "number of virtual addresses to generate")
            .Add("-b", "--b0", "base0", Str, "-1", "value of segment 0 base register")
            .Add("-l", "--l0", "len0", Str, "-1", "value of segment 0 limit register")
            .Add("-B", "--b1", "base1", Str, "-1", "value of segment 1 base register")
            .Add("-L", "--l1", "len1", Str, "-1", "value of segment 1 limit register")
            .Add("-c", null, "solve", Flag, false, "compute answers for me");
        return OstepScript.Run("segmentation.py", parser, args, Body);
    }

    private static void Body(PythonOptionParser.Result o, StringBuilder out_)
    {
        out_.Line($"ARG seed {o.Int("seed")}");
        out_.Line($"ARG address space size {o.Str("asize")}");
        out_.Line($"ARG phys mem size {o.Str("psize")}");
        out_.Line();

        var random = new PythonRandom(o.Int("seed"));
        long asize = OstepScript.ConvertSize(o.Str("asize"), "-a");
        long psize = OstepScript.ConvertSize(o.Str("psize"), "-p");
        string addresses = o.Str("addresses");

        AbortIf(out_, psize <= 4, "must specify a bigger physical memory size");
        AbortIf(out_, asize == 0, "must specify a non-zero address-space size");
        AbortIf(out_, psize <= asize, "physical memory size > address space size (for this simulation)");

        long len0 = OstepScript.ConvertSize(o.Str("len0"), "-l");
        long len1 = OstepScript.ConvertSize(o.Str("len1"), "-L");
        long base0 = OstepScript.ConvertSize(o.Str("base0"), "-b");
        long base1 = OstepScript.ConvertSize(o.Str("base1"), "-B");

        if (len0 == -1) len0 = (long)(asize / 4.0 + asize / 4.0 * random.NextDouble());
        if (len1 == -1) len1 = (long)(asize / 4.0 + asize / 4.0 * random.NextDouble());

        if (base0 == -1 || base1 == -1)
            AbortIf(out_, psize <= 2 * asize, "physical memory must be 2x GREATER than address space size (if randomly generating base registers)");

        if (base0 == -1)
        {
            if (len0 >= psize) throw new OstepScript.Crash($"segment 0 of length {len0} cannot be placed in physical memory of size {psize})", hangs: true);
            long draws = 0;
            do
            {
                OstepScript.Redraw(ref draws, $"a base for segment 0 of length {len0} in physical memory of size {psize}");
                base0 = (long)(psize * random.NextDouble());
            }
            while (base0 + len0 >= psize);
        }

        // Internally base1 is the segment's lowest byte; the user's -B is its top.
        if (base1 == -1)
        {
            if (!Segment1CanBePlaced(psize, base0, len0, len1))
                throw new OstepScript.Crash($"segment 1 of length {len1} cannot be placed beside segment 0 in physical memory of size {psize})", hangs: true);
            long draws = 0;
            while (true)
            {
                OstepScript.Redraw(ref draws, $"a base for segment 1 of length {len1} beside segment 0 in physical memory of size {psize}");
                base1 = (long)(psize * random.NextDouble());
                if (base1 + len1 < psize && (base1 > base0 + len0 || base1 + len1 < base0)) break;
            }
        }
        else base1 -= len1;

        AbortIf(out_, psize < base0 + len0 - 1, "seg0 is not in physical memory");
        AbortIf(out_, psize < base1, "seg1 is not in physical memory");
        AbortIf(out_, len0 > asize / 2.0, "length0 register is too large for this address space");
        AbortIf(out_, len1 > asize / 2.0, "length1 register is too large for this address space");

        long top1 = base1 + len1;
        out_.Line("Segment register information:");
        out_.Line();
        out_.Line($"  Segment 0 base  (grows positive) : 0x{PythonText.Hex(base0, 8, true)} (decimal {PythonText.Dec(base0)})");
        out_.Line($"  Segment 0 limit                  : {PythonText.Dec(len0)}");
        out_.Line();
        out_.Line($"  Segment 1 base  (grows negative) : 0x{PythonText.Hex(top1, 8, true)} (decimal {PythonText.Dec(top1)})");
        out_.Line($"  Segment 1 limit                  : {PythonText.Dec(len1)}");
        out_.Line();

        AbortIf(out_, len0 + base0 > base1 && base1 > base0, "segments overlap in physical memory");

        var vaList = new List<string>();
        if (addresses == "-1")
        {
            long num = OstepScript.Count(o.Int("num"), "-n", "addresses");
            for (long i = 0; i < num; i++) vaList.Add(((long)(asize * random.NextDouble())).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else vaList.AddRange(addresses.Split(','));

        var space = new TwoSegmentAddressSpace(asize, base0, len0, top1, len1);
        bool solve = o.Flag("solve");
        out_.Line("Virtual Address Trace");
        int index = 0;
        foreach (var text in vaList)
        {
            long va = OstepScript.ToLong(OstepScript.PyInt(text, "-A"), "-A");
            if (va < 0 || va >= asize)
            {
                out_.Line($"Error: virtual address {va} cannot be generated in an address space of size {asize}");
                throw new OstepScript.Exit(1);
            }
            string head = $"  VA {PythonText.Dec(index, 2)}: 0x{PythonText.Hex(va, 8, true)} (decimal: {PythonText.Dec(va, 4)}) --> ";
            if (!solve) out_.Line(head + "PA or segmentation violation?");
            else
            {
                var t = space.Translate(va);
                int seg = space.SegmentOf(va);
                out_.Line(t.PhysicalAddress is long pa
                    ? head + $"VALID in SEG{seg}: 0x{PythonText.Hex(pa, 8, true)} (decimal: {PythonText.Dec(pa, 4)})"
                    : head + $"SEGMENTATION VIOLATION (SEG{seg})");
            }
            index++;
        }
        out_.Line();
        if (!solve)
        {
            out_.Line("For each virtual address, either write down the physical address it translates to");
            out_.Line("OR write down that it is an out-of-bounds address (a segmentation violation). For");
            out_.Line("this problem, you should assume a simple address space with two segments: the top");
            out_.Line("bit of the virtual address can thus be used to check whether the virtual address");
            out_.Line("is in segment 0 (topbit=0) or segment 1 (topbit=1). Note that the base/limit pairs");
            out_.Line("given to you grow in different directions, depending on the segment, i.e., segment 0");
            out_.Line("grows in the positive direction, whereas segment 1 in the negative. ");
            out_.Line();
        }
    }

    // Is there any lo in [0, psize) with lo+len1 < psize and (lo > base0+len0 or lo+len1 < base0)?
    private static bool Segment1CanBePlaced(long psize, long base0, long len0, long len1)
    {
        long highest = Math.Min(psize - 1, psize - len1 - 1);
        bool above = Math.Max(0, base0 + len0 + 1) <= highest;
        bool below = 0 <= Math.Min(highest, base0 - len1 - 1);
        return above || below;
    }

    private static void AbortIf(StringBuilder out_, bool condition, string message)
    {
        if (!condition) return;
        out_.Line("Error: " + message);
        throw new OstepScript.Exit(1);
    }
}
