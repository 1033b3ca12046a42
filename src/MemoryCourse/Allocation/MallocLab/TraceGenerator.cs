using MemoryCourse.Foundation.Randomness;

namespace MemoryCourse.Allocation.MallocLab;

/// <summary>The kinds of workload <see cref="TraceGenerator"/> writes, each stressing allocators differently.</summary>
public enum Workload
{
    /// <summary>Small and large blocks interleaved, then every small one freed, then larger requests: the freed
    /// holes are too small for what comes next (external fragmentation).</summary>
    Binary,
    /// <summary>Two neighbours allocated and freed, then one block the size of both: only an allocator that
    /// coalesces reuses the space.</summary>
    Coalescing,
    /// <summary>Random sizes, frees of random live blocks.</summary>
    Random,
    /// <summary>One buffer grown by realloc again and again while small blocks come and go around it.</summary>
    Realloc,
}

/// <summary>
/// Writes balanced malloc-lab traces (every block freed by the end) from a seed, with CPython's random number
/// generator, so the same seed gives the same trace on every machine. The course's shipped traces in
/// <c>data/traces</c> are <see cref="Standard"/>.
/// </summary>
public static class TraceGenerator
{
    /// <summary>The traces shipped in <c>data/traces</c>: file name, workload, seed and number of block ids.</summary>
    public static IReadOnlyList<(string FileName, Workload Workload, int Seed, int Blocks)> Standard { get; } =
    [
        ("binary-gen.rep", Workload.Binary, 1, 3000),
        ("coalescing-gen.rep", Workload.Coalescing, 2, 3000),
        ("random-gen.rep", Workload.Random, 3, 2000),
        ("realloc-gen.rep", Workload.Realloc, 4, 2000),
    ];

    /// <summary>Generates a trace of <paramref name="workload"/> with about <paramref name="blocks"/> block ids.</summary>
    public static Trace Generate(Workload workload, int seed, int blocks, string? name = null)
    {
        if (blocks < 3) throw new ArgumentOutOfRangeException(nameof(blocks), blocks, "A generated trace needs at least 3 blocks.");
        var random = new PythonRandom(seed);
        long Draw(long min, long max) => min + (long)(random.NextDouble() * (max - min + 1)); // uniform in [min, max]
        var ops = new List<TraceOp>();
        void A(int id, long size) => ops.Add(new TraceOp(TraceOpKind.Allocate, id, size, 0));
        void R(int id, long size) => ops.Add(new TraceOp(TraceOpKind.Reallocate, id, size, 0));
        void F(int id) => ops.Add(new TraceOp(TraceOpKind.Free, id, 0, 0));
        int ids;

        switch (workload)
        {
            case Workload.Binary:
            {
                int pairs = blocks / 3;
                ids = pairs * 3;
                for (int i = 0; i < pairs; i++)
                {
                    A(2 * i, 8 * Draw(1, 8));        // 8..64 bytes
                    A(2 * i + 1, 8 * Draw(48, 63));  // 384..504 bytes
                }
                for (int i = 0; i < pairs; i++) F(2 * i);
                for (int i = 0; i < pairs; i++) A(2 * pairs + i, 8 * Draw(64, 80)); // 512..640: no small hole fits
                for (int i = 0; i < pairs; i++) F(2 * i + 1);
                for (int i = 0; i < pairs; i++) F(2 * pairs + i);
                break;
            }
            case Workload.Coalescing:
            {
                int rounds = blocks / 3;
                ids = rounds * 3;
                for (int i = 0; i < rounds; i++)
                {
                    long size = 8 * Draw(64, 512); // 512..4096 bytes
                    A(3 * i, size);
                    A(3 * i + 1, size);
                    F(3 * i);
                    F(3 * i + 1);
                    A(3 * i + 2, 2 * size);
                    F(3 * i + 2);
                }
                break;
            }
            case Workload.Random:
            {
                ids = blocks;
                var live = new List<int>();
                int next = 0;
                while (next < ids || live.Count > 0)
                {
                    if (next < ids && (live.Count == 0 || random.NextDouble() < 0.5))
                    {
                        A(next, Draw(1, 8192));
                        live.Add(next++);
                    }
                    else
                    {
                        int k = (int)(random.NextDouble() * live.Count);
                        F(live[k]);
                        live.RemoveAt(k);
                    }
                }
                break;
            }
            case Workload.Realloc:
            {
                ids = blocks;
                long size = 512;
                A(0, size);
                for (int i = 1; i < ids; i++)
                {
                    A(i, 8 * Draw(8, 24)); // 64..192 bytes
                    size += 8 * Draw(8, 32);
                    R(0, size);
                    if (i > 1) F(i - 1);
                }
                F(ids - 1);
                F(0);
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(workload), workload, "Unknown workload.");
        }

        long peak = 0, current = 0;
        var sizes = new long[ids];
        foreach (var op in ops)
        {
            current += op.Kind switch { TraceOpKind.Free => -sizes[op.Id], _ => op.Size - sizes[op.Id] };
            sizes[op.Id] = op.Kind == TraceOpKind.Free ? 0 : op.Size;
            peak = Math.Max(peak, current);
        }
        return new Trace(name ?? $"{workload.ToString().ToLowerInvariant()}-{seed}.rep", peak, ids, 1, ops);
    }
}
