using System.Globalization;
using System.Text;

namespace MemoryCourse.Allocation.MallocLab;

/// <summary>
/// An allocation trace in the CS:APP malloc-lab <c>.rep</c> format: four header numbers (suggested heap size,
/// number of block ids, number of ops, weight) and one op per line. Reading validates everything the lab's driver
/// relies on, and more: every line well formed, ids within range, the op count and the largest id agreeing with
/// the header, no block allocated twice, freed or resized before it is allocated. A problem is reported as a
/// <see cref="TraceFormatException"/> naming file and line.
/// </summary>
public sealed record Trace(string Name, long SuggestedHeapSize, int IdCount, int Weight, IReadOnlyList<TraceOp> Ops)
{
    /// <summary>Reads and validates a trace file.</summary>
    public static Trace Load(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TraceFormatException(path, 0, $"cannot read the trace: {e.Message}");
        }
        return Parse(text, path);
    }

    /// <summary>Parses and validates trace text; <paramref name="source"/> names it in error messages.</summary>
    public static Trace Parse(string text, string source)
    {
        var lines = text.Split('\n');
        var header = new List<(long Value, int Line)>();
        int i = 0;
        for (; i < lines.Length && header.Count < 4; i++)
            foreach (var token in Tokens(lines[i]))
            {
                if (header.Count == 4) throw new TraceFormatException(source, i + 1, $"unexpected '{token}' after the four header numbers on this line");
                if (!long.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long v))
                    throw new TraceFormatException(source, i + 1, $"header value '{token}' is not an integer");
                header.Add((v, i + 1));
            }
        if (header.Count < 4) throw new TraceFormatException(source, Math.Max(1, i), $"the header needs 4 numbers (heap size, ids, ops, weight), found {header.Count}");
        var (idCount, idLine) = header[1];
        var (opCount, opLine) = header[2];
        if (idCount < 0 || idCount > int.MaxValue) throw new TraceFormatException(source, idLine, $"number of ids {idCount} is out of range");
        if (opCount < 0) throw new TraceFormatException(source, opLine, $"number of ops {opCount} is negative");

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
        return new Trace(Path.GetFileName(source), header[0].Value, (int)idCount, (int)Math.Clamp(header[3].Value, int.MinValue, int.MaxValue), ops);
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
            _ => throw new TraceFormatException(source, line, $"unknown op '{t[0]}' (expected a, r or f)"),
        };
        int wanted = kind == TraceOpKind.Free ? 2 : 3;
        if (t.Length != wanted)
            throw new TraceFormatException(source, line, kind == TraceOpKind.Free ? "expected 'f ID'" : $"expected '{t[0]} ID SIZE'");
        if (!int.TryParse(t[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int id))
            throw new TraceFormatException(source, line, $"block id '{t[1]}' is not an integer");
        if (id < 0 || id >= idCount)
            throw new TraceFormatException(source, line, $"block id {id} is outside 0..{idCount - 1} (the header says {idCount} ids)");
        long size = 0;
        if (kind != TraceOpKind.Free)
        {
            if (!long.TryParse(t[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out size))
                throw new TraceFormatException(source, line, $"size '{t[2]}' is not an integer");
            if (size <= 0) throw new TraceFormatException(source, line, $"size {size} of block {id} must be positive");
        }
        return new TraceOp(kind, id, size, line);
    }

    private static IEnumerable<string> Tokens(string line) =>
        line.Split([' ', '\t', '\r', '\f', '\v'], StringSplitOptions.RemoveEmptyEntries);
}
