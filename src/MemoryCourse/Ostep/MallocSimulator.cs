using System.Globalization;
using System.Numerics;
using System.Text;
using MemoryCourse.FreeList;
using MemoryCourse.Randomness;

namespace MemoryCourse.Ostep;

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
        var parser = new OptionParser("malloc.py");
        var parsed = parser.Parse(args);
        if (parsed.Help) return new OstepRun(parser.Help(), "", 0);
        if (parsed.Error is not null) return new OstepRun("", $"Usage: malloc.py [options]\n\nmalloc.py: error: {parsed.Error}\n", 2);
        return Simulate(parsed.Values);
    }

    private static OstepRun Simulate(IReadOnlyDictionary<string, object> o)
    {
        var seed = (BigInteger)o["seed"];
        var heapSize = (BigInteger)o["heapSize"];
        var baseAddr = (BigInteger)o["baseAddr"];
        var headerSize = (BigInteger)o["headerSize"];
        var alignment = (BigInteger)o["alignment"];
        var policyName = (string)o["policy"];
        var orderName = (string)o["order"];
        bool coalesce = (bool)o["coalesce"];
        var opsNum = (BigInteger)o["opsNum"];
        var opsRange = (BigInteger)o["opsRange"];
        var opsPAlloc = (BigInteger)o["opsPAlloc"];
        var opsList = (string)o["opsList"];
        bool solve = (bool)o["solve"];

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

    /// <summary>Python optparse, reduced to what malloc.py declares: -h, store (int or string) and store_true options.</summary>
    private sealed class OptionParser(string prog)
    {
        private sealed record Option(string Short, string Long, string Dest, string Type, object Default, string HelpText);

        // The options malloc.py declares, in its order, with its defaults and help strings.
        private static readonly Option[] Options =
        [
            new("-s", "--seed", "seed", "int", (BigInteger)0, "the random seed"),
            new("-S", "--size", "heapSize", "int", (BigInteger)100, "size of the heap"),
            new("-b", "--baseAddr", "baseAddr", "int", (BigInteger)1000, "base address of heap"),
            new("-H", "--headerSize", "headerSize", "int", (BigInteger)0, "size of the header"),
            new("-a", "--alignment", "alignment", "int", (BigInteger)(-1), "align allocated units to size; -1->no align"),
            new("-p", "--policy", "policy", "string", "BEST", "list search (BEST, WORST, FIRST)"),
            new("-l", "--listOrder", "order", "string", "ADDRSORT", "list order (ADDRSORT, SIZESORT+, SIZESORT-, INSERT-FRONT, INSERT-BACK)"),
            new("-C", "--coalesce", "coalesce", "bool", false, "coalesce the free list?"),
            new("-n", "--numOps", "opsNum", "int", (BigInteger)10, "number of random ops to generate"),
            new("-r", "--range", "opsRange", "int", (BigInteger)10, "max alloc size"),
            new("-P", "--percentAlloc", "opsPAlloc", "int", (BigInteger)50, "percent of ops that are allocs"),
            new("-A", "--allocList", "opsList", "string", "", "instead of random, list of ops (+10,-0,etc)"),
            new("-c", "--compute", "solve", "bool", false, "compute answers for me"),
        ];

        public sealed record Result(Dictionary<string, object> Values, bool Help, string? Error);

        public Result Parse(IReadOnlyList<string> args)
        {
            var values = Options.ToDictionary(o => o.Dest, o => o.Default);
            int i = 0;
            while (i < args.Count)
            {
                string arg = args[i++];
                if (arg == "--") break;
                if (arg.StartsWith("--", StringComparison.Ordinal))
                {
                    string name = arg, value = null!;
                    bool hasValue = false;
                    int eq = arg.IndexOf('=');
                    if (eq >= 0) { name = arg[..eq]; value = arg[(eq + 1)..]; hasValue = true; }
                    var matches = LongNames().Where(l => l == name).ToList();
                    if (matches.Count == 0) matches = LongNames().Where(l => l.StartsWith(name, StringComparison.Ordinal)).ToList();
                    if (matches.Count == 0) return new(values, false, $"no such option: {name}");
                    if (matches.Count > 1) return new(values, false, $"ambiguous option: {name} ({string.Join(", ", matches)}?)");
                    name = matches[0];
                    if (name == "--help") return new(values, true, null);
                    var option = Options.First(o => o.Long == name);
                    if (option.Type == "bool")
                    {
                        if (hasValue) return new(values, false, $"{name} option does not take a value");
                        values[option.Dest] = true;
                        continue;
                    }
                    if (!hasValue)
                    {
                        if (i >= args.Count) return new(values, false, $"{name} option requires 1 argument");
                        value = args[i++];
                    }
                    var error = Store(values, option, name, value);
                    if (error is not null) return new(values, false, error);
                }
                else if (arg.StartsWith('-') && arg.Length > 1)
                {
                    // A cluster of short options: "-cC", "-s5", "-Cs" "5".
                    for (int k = 1; k < arg.Length; k++)
                    {
                        string flag = "-" + arg[k];
                        if (flag == "-h") return new(values, true, null);
                        var option = Options.FirstOrDefault(o => o.Short == flag);
                        if (option is null) return new(values, false, $"no such option: {flag}");
                        if (option.Type == "bool") { values[option.Dest] = true; continue; }
                        string value;
                        if (k + 1 < arg.Length) value = arg[(k + 1)..];
                        else if (i < args.Count) value = args[i++];
                        else return new(values, false, $"{flag} option requires 1 argument");
                        var error = Store(values, option, flag, value);
                        if (error is not null) return new(values, false, error);
                        break;
                    }
                }
                // Positional arguments are accepted and ignored, as malloc.py ignores them.
            }
            return new(values, false, null);
        }

        private static IEnumerable<string> LongNames() => Options.Select(o => o.Long).Prepend("--help");

        private static string? Store(Dictionary<string, object> values, Option option, string typed, string value)
        {
            if (option.Type == "string") { values[option.Dest] = value; return null; }
            var number = ParseOptparseInt(value);
            if (number is null) return $"option {typed}: invalid integer value: '{value}'";
            values[option.Dest] = number.Value;
            return null;
        }

        // optparse's _parse_num: 0x -> base 16, 0b -> base 2, leading 0 -> base 8, else base 10; then Python int(text, base).
        private static BigInteger? ParseOptparseInt(string value)
        {
            int radix;
            string text = value;
            if (value.Length >= 2 && value[..2].Equals("0x", StringComparison.OrdinalIgnoreCase)) radix = 16;
            else if (value.Length >= 2 && value[..2].Equals("0b", StringComparison.OrdinalIgnoreCase)) { radix = 2; text = value[2..]; if (text.Length == 0) text = "0"; }
            else if (value.StartsWith('0')) radix = 8;
            else radix = 10;
            return PythonIntWithBase(text, radix);
        }

        private static BigInteger? PythonIntWithBase(string text, int radix)
        {
            var s = text.Trim();
            bool negative = false;
            if (s.StartsWith('+') || s.StartsWith('-')) { negative = s[0] == '-'; s = s[1..]; }
            string prefix = radix switch { 16 => "0x", 8 => "0o", 2 => "0b", _ => "" };
            if (prefix.Length > 0 && s.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                s = s[2..];
                if (s.StartsWith('_')) s = s[1..]; // Python allows one underscore right after the prefix
            }
            if (s.Length == 0 || s.StartsWith('_') || s.EndsWith('_') || s.Contains("__")) return null;
            BigInteger result = 0;
            foreach (char ch in s)
            {
                if (ch == '_') continue;
                int digit = char.IsAsciiDigit(ch) ? ch - '0' : char.IsAsciiLetter(ch) ? char.ToLowerInvariant(ch) - 'a' + 10 : 99;
                if (digit >= radix) return null;
                result = result * radix + digit;
            }
            return negative ? -result : result;
        }

        // optparse's help layout: "Usage:" line, blank, "Options:", each option indented 2, help column at 24.
        public string Help()
        {
            var sb = new StringBuilder();
            sb.Append($"Usage: {prog} [options]\n\nOptions:\n");
            void Row(string left, string help)
            {
                if (left.Length <= 20) sb.Append("  ").Append(left.PadRight(22)).Append(help).Append('\n');
                else sb.Append("  ").Append(left).Append('\n').Append(new string(' ', 24)).Append(help).Append('\n');
            }
            Row("-h, --help", "show this help message and exit");
            foreach (var o in Options)
            {
                string metavar = o.Dest.ToUpperInvariant();
                Row(o.Type == "bool" ? $"{o.Short}, {o.Long}" : $"{o.Short} {metavar}, {o.Long}={metavar}", o.HelpText);
            }
            return sb.ToString();
        }
    }
}
