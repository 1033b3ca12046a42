using System.Text;
using MemoryCourse.Allocation.FreeList;
using MemoryCourse.Foundation.Randomness;
using MemoryCourse.Ostep.PythonCompat;
using static MemoryCourse.Ostep.PythonCompat.PythonOptionParser.Kind;

namespace MemoryCourse.Ostep.Simulators;

/// <summary>
/// OSTEP's <c>malloc.py</c> (homework of chapter 17, free-space management): generates a random sequence of
/// allocations and frees (or takes one from <c>-A</c>), runs it on a <see cref="FreeListAllocator"/> and, with
/// <c>-c</c>, prints each result and the free list after every operation. Flags are parsed as Python's optparse
/// parses them, random draws come from <see cref="PythonRandom"/>, and the output is what Python 3 prints, for
/// odd numbers too (a negative heap or header, a heap of size 0). Where the original dies (a policy it does not
/// know, a free of a failed allocation) the port exits 1 with the traceback's last line; where it would go on
/// beyond 64-bit numbers or <see cref="OstepScript.MaxItems"/> operations, the port says so at once.
/// </summary>
public sealed class MallocSimulator : IOstepSimulator
{
    /// <inheritdoc />
    public string Name => "malloc";

    /// <inheritdoc />
    public OstepRun Run(IReadOnlyList<string> args)
    {
        // The options malloc.py declares, in its order, with its defaults and help strings.
        var parser = new PythonOptionParser("malloc.py")
            .Add("-s", "--seed", "seed", Int, 0, "the random seed")
            .Add("-S", "--size", "heapSize", Int, 100, "size of the heap")
            .Add("-b", "--baseAddr", "baseAddr", Int, 1000, "base address of heap")
            .Add("-H", "--headerSize", "headerSize", Int, 0, "size of the header")
            .Add("-a", "--alignment", "alignment", Int, -1, "align allocated units to size; -1->no align")
            .Add("-p", "--policy", "policy", PythonOptionParser.Kind.String, "BEST", "list search (BEST, WORST, FIRST)")
            .Add("-l", "--listOrder", "order", PythonOptionParser.Kind.String, "ADDRSORT",
                "list order (ADDRSORT, SIZESORT+, SIZESORT-, INSERT-FRONT, INSERT-BACK)")
            .Add("-C", "--coalesce", "coalesce", Flag, false, "coalesce the free list?")
            .Add("-n", "--numOps", "opsNum", Int, 10, "number of random ops to generate")
            .Add("-r", "--range", "opsRange", Int, 10, "max alloc size")
            .Add("-P", "--percentAlloc", "opsPAlloc", Int, 50, "percent of ops that are allocs")
            .Add("-A", "--allocList", "opsList", PythonOptionParser.Kind.String, "", "instead of random, list of ops (+10,-0,etc)")
            .Add("-c", "--compute", "solve", Flag, false, "compute answers for me");
        return OstepScript.Run("malloc.py", parser, args, Simulate);
    }

    private static void Simulate(PythonOptionParser.Result o, StringBuilder output)
    {
        var policyName = o.Str("policy");
        var orderName = o.Str("order");
        var alignment = o.Int("alignment");
        bool coalesce = o.Flag("coalesce");
        var opsList = o.Str("opsList");
        bool solve = o.Flag("solve");

        // malloc.__init__ asserts its arguments before anything is printed.
        FitPolicy policy = policyName switch
        {
            "BEST" => FitPolicy.Best, "WORST" => FitPolicy.Worst, "FIRST" => FitPolicy.First,
            _ => throw new OstepScript.Crash($"-p: policy {PythonText.StrRepr(policyName)} is not FIRST, BEST or WORST (AssertionError)"),
        };
        ListOrder order = orderName switch
        {
            "ADDRSORT" => ListOrder.AddressSorted, "SIZESORT+" => ListOrder.SizeAscending, "SIZESORT-" => ListOrder.SizeDescending,
            "INSERT-FRONT" => ListOrder.InsertFront, "INSERT-BACK" => ListOrder.InsertBack,
            _ => throw new OstepScript.Crash(
                $"-l: list order {PythonText.StrRepr(orderName)} is not ADDRSORT, SIZESORT+, SIZESORT-, INSERT-FRONT or INSERT-BACK (AssertionError)"),
        };
        if (alignment != -1 && alignment <= 0)
            throw new OstepScript.Crash($"-a: alignment {alignment} is neither -1 nor positive (AssertionError)");

        // Python's integers have no limit; this port's free list holds 64-bit numbers and at most MaxItems ops.
        long heapSize = OstepScript.ToLong(o.Int("heapSize"), "-S");
        long baseAddr = OstepScript.ToLong(o.Int("baseAddr"), "-b");
        long headerSize = OstepScript.ToLong(o.Int("headerSize"), "-H");
        long opsRange = OstepScript.ToLong(o.Int("opsRange"), "-r");
        long opsPAlloc = OstepScript.ToLong(o.Int("opsPAlloc"), "-P");
        long opsNum = opsList.Length == 0 ? OstepScript.Count(o.Int("opsNum"), "-n", "operations") : 0;

        var m = new FreeListAllocator(new FreeListOptions(
            Policy: policy, Order: order, Coalesce: coalesce,
            HeaderSize: headerSize, Alignment: (long)alignment, BaseAddress: baseAddr, InitialSize: heapSize,
            GrowthChunk: 0, UseSizeIndex: true, Name: "malloc.py"));

        void Dump()
        {
            var line = new StringBuilder($"Free List [ Size {m.FreeList.Count} ]: ");
            foreach (var e in m.FreeList) line.Append($"[ addr:{e.Address} sz:{e.Size} ]");
            output.Line(line.ToString());
        }

        output.Line($"seed {o.Int("seed")}");
        output.Line($"size {heapSize}");
        output.Line($"baseAddr {baseAddr}");
        output.Line($"headerSize {headerSize}");
        output.Line($"alignment {alignment}");
        output.Line($"policy {policyName}");
        output.Line($"listOrder {orderName}");
        output.Line($"coalesce {(coalesce ? "True" : "False")}");
        output.Line($"numOps {o.Int("opsNum")}");
        output.Line($"range {opsRange}");
        output.Line($"percentAlloc {opsPAlloc}");
        output.Line($"allocList {opsList}");
        output.Line($"compute {(solve ? "True" : "False")}");
        output.Line();

        double percent = opsPAlloc / 100.0;
        var random = new PythonRandom(o.Int("seed"));
        if (!(percent > 0)) throw new OstepScript.Crash($"-P {opsPAlloc}: the percentage of allocations must be positive (AssertionError)");

        (long Address, long Searched) Malloc(long size)
        {
            try { return m.MallocBlock(size); }
            catch (InvalidOperationException e) when (e.Message.StartsWith("AssertionError", StringComparison.Ordinal))
            {
                throw new OstepScript.Crash($"Alloc({size}) lands on an address that is already allocated (AssertionError in addToMap)");
            }
        }

        var p = new Dictionary<long, long>(); // pointer index -> address
        if (opsList.Length == 0)
        {
            var live = new List<long>(); // live pointer indices in allocation order
            long c = 0;
            for (long j = 0; j < opsNum;)
            {
                bool printed = false;
                if (random.NextDouble() < percent)
                {
                    long size = checked((long)Math.Truncate(random.NextDouble() * opsRange) + 1);
                    var (ptr, cnt) = Malloc(size);
                    if (ptr != -1) { p[c] = ptr; live.Add(c); }
                    output.Line(solve
                        ? $"ptr[{c}] = Alloc({size}) returned {checked(ptr + headerSize)} (searched {cnt} elements)"
                        : $"ptr[{c}] = Alloc({size}) returned ?");
                    c++; j++; printed = true;
                }
                else if (p.Count > 0)
                {
                    int d = (int)Math.Truncate(random.NextDouble() * live.Count);
                    int rc = m.FreeBlockAt(p[live[d]]);
                    output.Line($"Free(ptr[{live[d]}])");
                    output.Line(solve ? $"returned {rc}" : "returned ?");
                    p.Remove(live[d]);
                    live.RemoveAt(d);
                    j++; printed = true;
                }
                if (printed)
                {
                    if (solve) Dump(); else output.Line("List? ");
                    output.Line();
                }
            }
            return;
        }

        long count = 0;
        foreach (var op in opsList.Split(','))
        {
            if (op.Length == 0) throw new OstepScript.Crash("-A: an empty operation between commas (IndexError: string index out of range)");
            if (op[0] == '+')
            {
                long size = OstepScript.ToLong(OstepScript.PyInt(op.Split('+')[1], "-A " + op), "-A " + op);
                var (ptr, cnt) = Malloc(size);
                if (ptr != -1) p[count] = ptr;
                output.Line(solve ? $"ptr[{count}] = Alloc({size}) returned {ptr} (searched {cnt} elements)" : $"ptr[{count}] = Alloc({size}) returned ?");
                count++;
            }
            else if (op[0] == '-')
            {
                var index = OstepScript.PyInt(op.Split('-')[1], "-A " + op);
                if (index >= p.Count)
                {
                    output.Line("Invalid Free: Skipping");
                    continue;
                }
                output.Line($"Free(ptr[{index}])");
                if (!p.TryGetValue((long)index, out long address))
                    throw new OstepScript.Crash($"-A {op}: ptr[{index}] was never allocated, its Alloc failed (KeyError: {index})");
                int rc = m.FreeBlockAt(address);
                output.Line(solve ? $"returned {rc}" : "returned ?");
            }
            else
            {
                throw new OstepScript.Crash($"-A {op}: badly specified operand, must be +Size or -Index " +
                    "(the script calls abort(), which it never defines: NameError: name 'abort' is not defined)");
            }
            if (solve) Dump(); else output.Line("List?");
            output.Line();
        }
    }
}
