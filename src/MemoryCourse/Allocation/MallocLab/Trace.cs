using System.Globalization;
using System.Text;
using MemoryCourse.Foundation.Input;

namespace MemoryCourse.Allocation.MallocLab;

/// <summary>
/// An allocation trace in the CS:APP malloc-lab <c>.rep</c> format: four header numbers (suggested heap size,
/// number of block ids, number of ops, weight) and one op per line. Reading validates everything the lab's driver
/// relies on, and more: every line well formed, ids within range, the op count and the largest id agreeing with
/// the header, no block allocated twice, freed or resized before it is allocated. Numbers are bounded so that
/// nothing computed from them can overflow: the header's heap size and weight are not negative, a trace has at
/// most <see cref="MaxIds"/> block ids, and a block at most <see cref="MaxBlockSize"/> bytes. A problem is
/// reported as a <see cref="TraceFormatException"/> naming file and line.
/// </summary>
public sealed record Trace(string Name, long SuggestedHeapSize, int IdCount, int Weight, IReadOnlyList<TraceOp> Ops)
{
    /// <summary>Most block ids a trace may declare: far above the lab's largest traces (about 150,000).</summary>
    public const int MaxIds = 1 << 22;

    /// <summary>Largest block a trace may ask for, in bytes (2 GiB - 1, a C <c>int</c>); the allocators' heaps are far smaller.</summary>
    public const long MaxBlockSize = int.MaxValue;

    /// <summary>Largest trace file <see cref="Load"/> reads: 64 MiB (the lab's largest trace is under 1 MiB).</summary>
    public const long MaxFileBytes = 64L << 20;

    /// <summary>Reads and validates a trace file.</summary>
    public static Trace Load(string path)
    {
        string text;
        try { text = InputFile.ReadAllText(path, MaxFileBytes); }
        catch (InputFileException e)
        {
            throw new TraceFormatException(path, 0, $"cannot read the trace: {e.Problem}");
        }
        return Parse(text, path);
    }

    /// <summary>Parses and validates trace text; <paramref name="source"/> names it in error messages.</summary>
    public static Trace Parse(string text, string source)
    {
        var lines = InputText.WithoutByteOrderMark(text).Split('\n');
        var header = new List<(long Value, int Line)>();
        int i = 0;
        for (; i < lines.Length && header.Count < 4; i++)
            foreach (var token in Tokens(lines[i]))
            {
                if (header.Count == 4)
                    throw new TraceFormatException(source, i + 1, $"unexpected {InputText.Quote(token)} after the four header numbers on this line");
                if (!long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v))
                    throw new TraceFormatException(source, i + 1, IsInteger(token)
                        ? $"header value {InputText.Quote(token)} is too large"
                        : $"header value {InputText.Quote(token)} is not an integer");
                header.Add((v, i + 1));
            }
        if (header.Count < 4)
            throw new TraceFormatException(source, Math.Max(1, i), $"the header needs 4 numbers (heap size, ids, ops, weight), found {header.Count}");
        var (heapSize, heapLine) = header[0];
        var (idCount, idLine) = header[1];
        var (opCount, opLine) = header[2];
        var (weight, weightLine) = header[3];
        if (heapSize < 0) throw new TraceFormatException(source, heapLine, $"suggested heap size {heapSize} is negative");
        if (idCount < 0) throw new TraceFormatException(source, idLine, $"number of ids {idCount} is negative");
        if (idCount > MaxIds) throw new TraceFormatException(source, idLine, $"number of ids {idCount} is above the most a trace may have ({MaxIds})");
        if (opCount < 0) throw new TraceFormatException(source, opLine, $"number of ops {opCount} is negative");
        if (opCount > int.MaxValue)
            throw new TraceFormatException(source, opLine, $"number of ops {opCount} is above the most a trace may have ({int.MaxValue})");
        if (weight < 0 || weight > int.MaxValue) throw new TraceFormatException(source, weightLine, $"weight {weight} is outside 0..{int.MaxValue}");

        var ops = new List<TraceOp>();
        var liveSince = new Dictionary<int, int>(); // id -> line it was allocated on
        int maxId = -1;
        for (; i < lines.Length; i++)
        {
            var tokens = Tokens(lines[i]).ToArray();
            if (tokens.Length == 0) continue;
            int line = i + 1;
            var op = ParseOp(tokens, source, line, (int)idCount);
            maxId = Math.Max(maxId, op.Id);
            switch (op.Kind)
            {
                case TraceOpKind.Allocate:
                    if (liveSince.TryGetValue(op.Id, out int at))
                        throw new TraceFormatException(source, line, $"block {op.Id} is allocated again while still live (allocated on line {at})");
                    liveSince[op.Id] = line;
                    break;
                case TraceOpKind.Reallocate:
                    if (!liveSince.ContainsKey(op.Id)) throw new TraceFormatException(source, line, $"realloc of block {op.Id}, which is not allocated");
                    break;
                case TraceOpKind.Free:
                    if (!liveSince.Remove(op.Id)) throw new TraceFormatException(source, line, $"free of block {op.Id}, which is not allocated");
                    break;
            }
            ops.Add(op);
        }
        if (ops.Count != opCount)
            throw new TraceFormatException(source, opLine, $"the header says {opCount} ops but the file has {ops.Count}");
        if (maxId != idCount - 1)
            throw new TraceFormatException(source, idLine, $"the header says {idCount} ids but the largest id used is {maxId}");
        return new Trace(Path.GetFileName(source), heapSize, (int)idCount, (int)weight, ops);
    }

    /// <summary>The trace in <c>.rep</c> format, one header number per line as the lab's traces are written.</summary>
    public string ToRepText()
    {
        var sb = new StringBuilder();
        sb.Append(SuggestedHeapSize).Append('\n').Append(IdCount).Append('\n').Append(Ops.Count).Append('\n').Append(Weight).Append('\n');
        foreach (var op in Ops) sb.Append(op.ToString()).Append('\n');
        return sb.ToString();
    }

    private static TraceOp ParseOp(string[] t, string source, int line, int idCount)
    {
        TraceOpKind kind = t[0] switch
        {
            "a" => TraceOpKind.Allocate,
            "r" => TraceOpKind.Reallocate,
            "f" => TraceOpKind.Free,
            _ => throw new TraceFormatException(source, line, $"unknown op {InputText.Quote(t[0])} (expected a, r or f)"),
        };
        int wanted = kind == TraceOpKind.Free ? 2 : 3;
        if (t.Length != wanted)
            throw new TraceFormatException(source, line, kind == TraceOpKind.Free ? "expected 'f ID'" : $"expected '{t[0]} ID SIZE'");
        if (!int.TryParse(t[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int id))
            throw new TraceFormatException(source, line, IsInteger(t[1])
                ? $"block id {InputText.Quote(t[1])} is outside 0..{idCount - 1} (the header says {idCount} ids)"
                : $"block id {InputText.Quote(t[1])} is not an integer");
        if (id < 0 || id >= idCount)
            throw new TraceFormatException(source, line, $"block id {id} is outside 0..{idCount - 1} (the header says {idCount} ids)");
        long size = 0;
        if (kind != TraceOpKind.Free)
        {
            if (!IsInteger(t[2]))
                throw new TraceFormatException(source, line, $"size {InputText.Quote(t[2])} is not an integer");
            bool parsed = long.TryParse(t[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out size);
            string shown = parsed ? size.ToString(CultureInfo.InvariantCulture) : InputText.Quote(t[2]);
            if (parsed ? size <= 0 : t[2][0] == '-')
                throw new TraceFormatException(source, line, $"size {shown} of block {id} must be positive");
            if (!parsed || size > MaxBlockSize)
                throw new TraceFormatException(source, line,
                    $"size {shown} of block {id} is above the largest block a trace may ask for ({MaxBlockSize} bytes)");
        }
        return new TraceOp(kind, id, size, line);
    }

    // An optional sign and decimal digits: a number, however large (so "too large" can be told from "not a number").
    private static bool IsInteger(string token)
    {
        int start = token.Length > 1 && token[0] is '-' or '+' ? 1 : 0;
        if (start == token.Length) return false;
        for (int i = start; i < token.Length; i++)
            if (!char.IsAsciiDigit(token[i])) return false;
        return true;
    }

    private static IEnumerable<string> Tokens(string line) =>
        line.Split([' ', '\t', '\r', '\f', '\v'], StringSplitOptions.RemoveEmptyEntries);
}
