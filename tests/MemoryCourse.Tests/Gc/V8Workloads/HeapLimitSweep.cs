using System.Globalization;
using MemoryCourse.Gc.V8Heap;

namespace MemoryCourse.Tests.Gc.V8Workloads;

/// <summary>
/// The node runs of data/node/heap-limit/sweep (recorded by its record.sh): alloc.js under
/// --max-old-space-size from 16 to 512 MiB, each workload run several times. One <see cref="Run"/> per
/// line of PLAN.tsv; <see cref="Workloads"/> groups the repeats of one (limit, N, K, S).
/// </summary>
internal static class HeapLimitSweep
{
    /// <summary>One node run: its settings, exit code, the last PROGRESS, V8's verdict and its GC letters.</summary>
    public sealed record Run(long LimitMiB, long Objects, int RetainEvery, int Elements, int Repeat, int ExitCode, long WallMs,
        long Progress, string Verdict, IReadOnlyList<char> Gc)
    {
        public int Scavenges => Gc.Count(c => c == 's');
        public int MarkCompacts => Gc.Count(c => c is 'm' or 'r');
        public bool Died => Verdict != "finished";
    }

    /// <summary>The repeats of one workload and what they agree on.</summary>
    public sealed record Workload(long LimitMiB, long Objects, int RetainEvery, int Elements, IReadOnlyList<Run> Runs)
    {
        /// <summary>Bytes per array on V8's heap: a 32-byte JSArray and its elements (16 + 8 per element).</summary>
        public int ObjectSize => 48 + 8 * Elements;
        public double MedianScavenges => Median(Runs.Select(r => (double)r.Scavenges));
        public double MedianMarkCompacts => Median(Runs.Select(r => (double)r.MarkCompacts));
        public double MedianProgress => Median(Runs.Select(r => (double)r.Progress));
        /// <summary>Node's verdict when every repeat gave the same one, else null.</summary>
        public string? StableVerdict => Runs.Select(r => r.Verdict).Distinct().Count() == 1 ? Runs[0].Verdict : null;
        /// <summary>Whether every repeat died, or every one finished.</summary>
        public bool? StableDeath => Runs.Select(r => r.Died).Distinct().Count() == 1 ? Runs[0].Died : null;
        public string Name => $"{LimitMiB} MiB, K={RetainEvery}, {ObjectSize} B{(Objects < 100_000_000 ? $", N={Objects / 1000}k" : "")}";
        public override string ToString() => Name;
    }

    public static string PathOf(string plan) => RepositoryFiles.InRepo("data", "node", "heap-limit", "sweep", plan + ".tsv");

    public static IReadOnlyList<Run> Read(string plan)
    {
        string path = PathOf(plan);
        var runs = new List<Run>();
        string[] lines = File.ReadAllLines(path);
        bool header = false;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (!header) { header = true; continue; }   // the column names
            string[] f = line.Split('\t');
            if (f.Length != 10) throw new FormatException($"{path}: line {i + 1}: expected 10 tab-separated fields, got {f.Length}.");
            long L(int k) => long.Parse(f[k], CultureInfo.InvariantCulture);
            var gc = f[9].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => t[0]).ToList();
            if (gc.Any(c => c is not ('s' or 'm' or 'r'))) throw new FormatException($"{path}: line {i + 1}: GC letters must be s, m or r.");
            runs.Add(new Run(L(0), L(1), (int)L(2), (int)L(3), (int)L(4), (int)L(5), L(6), L(7), f[8], gc));
        }
        return runs;
    }

    public static IReadOnlyList<Workload> Workloads(string plan) =>
        Read(plan).GroupBy(r => (r.LimitMiB, r.Objects, r.RetainEvery, r.Elements))
            .Select(g => new Workload(g.Key.LimitMiB, g.Key.Objects, g.Key.RetainEvery, g.Key.Elements, g.ToList()))
            .ToList();

    /// <summary>The verdict words of <see cref="OutOfMemoryVerdict"/> as node prints them, or "finished".</summary>
    public static string VerdictText(HeapOutOfMemory? oom) => oom is null ? "finished" : oom.Reason;

    private static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }
}
