using System.Globalization;
using System.Numerics;
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
/// parses them, random draws come from <see cref="PythonRandom"/>, and the output is what Python 3 prints.
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
            .Add("-l", "--listOrder", "order", PythonOptionParser.Kind.String, "ADDRSORT", "list order (ADDRSORT, SIZESORT+, SIZESORT-, INSERT-FRONT, INSERT-BACK)")
            .Add("-C", "--coalesce", "coalesce", Flag, false, "coalesce the free list?")
            .Add("-n", "--numOps", "opsNum", Int, 10, "number of random ops to generate")
            .Add("-r", "--range", "opsRange", Int, 10, "max alloc size")
            .Add("-P", "--percentAlloc", "opsPAlloc", Int, 50, "percent of ops that are allocs")
            .Add("-A", "--allocList", "opsList", PythonOptionParser.Kind.String, "", "instead of random, list of ops (+10,-0,etc)")
            .Add("-c", "--compute", "solve", Flag, false, "compute answers for me");
        var parsed = parser.Parse(args);
        return OstepScript.Stopped(parsed) ?? Simulate(parsed);
    }

    private static OstepRun Simulate(PythonOptionParser.Result o)
    {
        var seed = o.Int("seed");
        var heapSize = o.Int("heapSize");
        var baseAddr = o.Int("baseAddr");
        var headerSize = o.Int("headerSize");
        var alignment = o.Int("alignment");
        var policyName = o.Str("policy");
        var orderName = o.Str("order");
        bool coalesce = o.Flag("coalesce");
        var opsNum = o.Int("opsNum");
        var opsRange = o.Int("opsRange");
        var opsPAlloc = o.Int("opsPAlloc");
        var opsList = o.Str("opsList");
        bool solve = o.Flag("solve");

        var output = new StringBuilder();
        void Print(string line) => output.Append(line).Append('\n');

        FitPolicy? policy = policyName switch { "BEST" => FitPolicy.Best, "WORST" => FitPolicy.Worst, "FIRST" => FitPolicy.First, _ => null };
        ListOrder? order = orderName switch
        {
            "ADDRSORT" => ListOrder.AddressSorted, "SIZESORT+" => ListOrder.SizeAscending, "SIZESORT-" => ListOrder.SizeDescending,
            "INSERT-FRONT" => ListOrder.InsertFront, "INSERT-BACK" => ListOrder.InsertBack, _ => null,
        };
        if (order is null)
            return new OstepRun("", $"memcourse: list order '{orderName}' is not one of ADDRSORT, SIZESORT+, SIZESORT-, INSERT-FRONT, INSERT-BACK\n", 1);
        if (alignment == 0)
            return new OstepRun("", Traceback("ZeroDivisionError: integer division or modulo by zero"), 1);

        var m = new FreeListAllocator(new FreeListOptions(
            Policy: policy ?? FitPolicy.First, Order: order.Value, Coalesce: coalesce,
            HeaderSize: (long)headerSize, Alignment: (long)alignment, BaseAddress: (long)baseAddr, InitialSize: (long)heapSize,
            GrowthChunk: 0, UseSizeIndex: true, Name: "malloc.py"));

        // A policy malloc.py does not know matches no block: every allocation fails after examining the whole list.
        (long, long) Malloc(long size) => policy is null ? (-1, m.FreeList.Count) : m.MallocBlock(size);

        void Dump()
        {
            var line = new StringBuilder($"Free List [ Size {m.FreeList.Count} ]: ");
            foreach (var e in m.FreeList) line.Append($"[ addr:{e.Address} sz:{e.Size} ]");
            Print(line.ToString());
        }

        Print($"seed {seed}");
        Print($"size {heapSize}");
        Print($"baseAddr {baseAddr}");
        Print($"headerSize {headerSize}");
        Print($"alignment {alignment}");
        Print($"policy {policyName}");
        Print($"listOrder {orderName}");
        Print($"coalesce {(coalesce ? "True" : "False")}");
        Print($"numOps {opsNum}");
        Print($"range {opsRange}");
        Print($"percentAlloc {opsPAlloc}");
        Print($"allocList {opsList}");
        Print($"compute {(solve ? "True" : "False")}");
        Print("");

        double percent = (double)opsPAlloc / 100.0;
        var random = new PythonRandom(seed);
        if (!(percent > 0)) return new OstepRun(output.ToString(), Traceback("AssertionError"), 1);

        var p = new Dictionary<long, long>(); // pointer index -> address
        try
        {
            if (opsList.Length == 0)
            {
                var live = new List<long>(); // live pointer indices in allocation order
                long c = 0;
                for (BigInteger j = 0; j < opsNum;)
                {
                    bool printed = false;
                    if (random.NextDouble() < percent)
                    {
                        long size = (long)Math.Truncate(random.NextDouble() * (double)opsRange) + 1;
                        var (ptr, cnt) = Malloc(size);
                        if (ptr != -1) { p[c] = ptr; live.Add(c); }
                        Print(solve
                            ? $"ptr[{c}] = Alloc({size}) returned {ptr + (long)headerSize} (searched {cnt} elements)"
                            : $"ptr[{c}] = Alloc({size}) returned ?");
                        c++; j++; printed = true;
                    }
                    else if (p.Count > 0)
                    {
                        int d = (int)Math.Truncate(random.NextDouble() * live.Count);
                        int rc = m.FreeBlockAt(p[live[d]]);
                        Print($"Free(ptr[{live[d]}])");
                        Print(solve ? $"returned {rc}" : "returned ?");
                        p.Remove(live[d]);
                        live.RemoveAt(d);
                        j++; printed = true;
                    }
                    if (printed)
                    {
                        if (solve) Dump(); else Print("List? ");
                        Print("");
                    }
                }
            }
            else
            {
                long c = 0;
                foreach (var op in opsList.Split(','))
                {
                    if (op.Length == 0) throw new PythonError("IndexError: string index out of range");
                    if (op[0] == '+')
                    {
                        long size = ParsePythonInt(op.Split('+')[1]);
                        var (ptr, cnt) = Malloc(size);
                        if (ptr != -1) p[c] = ptr;
                        Print(solve ? $"ptr[{c}] = Alloc({size}) returned {ptr} (searched {cnt} elements)" : $"ptr[{c}] = Alloc({size}) returned ?");
                        c++;
                    }
                    else if (op[0] == '-')
                    {
                        long index = ParsePythonInt(op.Split('-')[1]);
                        if (index >= p.Count)
                        {
                            Print("Invalid Free: Skipping");
                            continue;
                        }
                        Print($"Free(ptr[{index}])");
                        if (!p.TryGetValue(index, out long address)) throw new PythonError($"KeyError: {index}");
                        int rc = m.FreeBlockAt(address);
                        Print(solve ? $"returned {rc}" : "returned ?");
                    }
                    else
                    {
                        throw new PythonError("badly specified operand: must be +Size or -Index");
                    }
                    if (solve) Dump(); else Print("List?");
                    Print("");
                }
            }
        }
        catch (PythonError e)
        {
            return new OstepRun(output.ToString(), Traceback(e.Message), 1);
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("AssertionError", StringComparison.Ordinal))
        {
            return new OstepRun(output.ToString(), Traceback("AssertionError"), 1);
        }
        return new OstepRun(output.ToString(), "", 0);
    }

    private static string Traceback(string error) =>
        $"Traceback (most recent call last):\n  File \"malloc.py\", in <module>\n{error}\n";

    private sealed class PythonError(string message) : Exception(message);

    // Python's int(str): optional surrounding whitespace, sign, decimal digits with single underscores between.
    private static long ParsePythonInt(string text)
    {
        var s = text.Trim();
        string digits = s.StartsWith('+') || s.StartsWith('-') ? s[1..] : s;
        if (digits.Length == 0 || digits.StartsWith('_') || digits.EndsWith('_') || digits.Contains("__") || !digits.All(ch => char.IsAsciiDigit(ch) || ch == '_'))
            throw new PythonError($"ValueError: invalid literal for int() with base 10: '{text}'");
        return long.Parse(s.Replace("_", ""), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }
}
