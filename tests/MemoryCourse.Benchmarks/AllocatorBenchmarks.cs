using System.Diagnostics;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using MemoryCourse.Allocation.Allocators;
using MemoryCourse.Allocation.MallocLab;
using Trace = MemoryCourse.Allocation.MallocLab.Trace;

namespace MemoryCourse.Benchmarks;

/// <summary>
/// Replays each classic malloc-lab trace with the course's allocators and, in the same run, with glibc's malloc
/// (through glibc/replay.c, compiled with gcc when the benchmark starts and called in-process). One invocation is
/// one full replay of the trace on a fresh heap, so ops/s = ops in the trace / mean time.
///
/// Run from the repository root (the reference traces must sit in ../shared/reference/malloclab):
///   dotnet run -c Release --project tests/MemoryCourse.Benchmarks -- --filter '*AllocatorBenchmarks*'
/// Utilization, which BenchmarkDotNet does not measure, comes from
///   memcourse alloc replay ../shared/reference/malloclab/classic/traces --allocator NAME
/// and, for glibc, from the standalone driver: gcc -O2 -DMC_MAIN -o mcreplay tests/MemoryCourse.Benchmarks/glibc/replay.c
/// then ./mcreplay TRACE.rep 10 for each trace.
/// </summary>
[ShortRunJob]
public class AllocatorBenchmarks
{
    [ParamsSource(nameof(TraceNames))]
    public string TraceName { get; set; } = "";

    [ParamsSource(nameof(Allocators))]
    public string Allocator { get; set; } = "";

    public static IEnumerable<string> TraceNames =>
    [
        "amptjp-bal.rep", "cccp-bal.rep", "cp-decl-bal.rep", "expr-bal.rep", "coalescing-bal.rep", "random-bal.rep",
        "random2-bal.rep", "binary-bal.rep", "binary2-bal.rep", "realloc-bal.rep", "realloc2-bal.rep",
    ];

    public static IEnumerable<string> Allocators => ["glibc", "segregated", "buddy", "pool", "best", "explicit"];

    private Trace _trace = null!;
    private byte[] _kinds = [];
    private int[] _ids = [];
    private long[] _sizes = [];
    private IntPtr[] _slots = [];
    private readonly long[] _addresses = new long[20000];
    private static IntPtr _library;

    private delegate int ReplayFn(int nops, byte[] kinds, int[] ids, long[] sizes, int nids, IntPtr[] slots);
    private static ReplayFn? _replay;

    [GlobalSetup]
    public void Setup()
    {
        _trace = Trace.Load(Path.Combine(ReferenceTraces(), TraceName));
        _kinds = _trace.Ops.Select(o => (byte)o.Letter).ToArray();
        _ids = _trace.Ops.Select(o => o.Id).ToArray();
        _sizes = _trace.Ops.Select(o => o.Size).ToArray();
        _slots = new IntPtr[_trace.IdCount];
        if (Allocator == "glibc" && _replay is null)
        {
            _library = NativeLibrary.Load(CompileDriver());
            _replay = Marshal.GetDelegateForFunctionPointer<ReplayFn>(NativeLibrary.GetExport(_library, "mc_replay"));
        }
    }

    [Benchmark]
    public long Replay()
    {
        if (Allocator == "glibc") return _replay!(_kinds.Length, _kinds, _ids, _sizes, _slots.Length, _slots);
        var allocator = AllocatorCatalog.Create(Allocator);
        var address = _addresses.Length >= _trace.IdCount ? _addresses : new long[_trace.IdCount];
        foreach (var op in _trace.Ops)
        {
            switch (op.Kind)
            {
                case TraceOpKind.Allocate: address[op.Id] = allocator.Allocate(op.Size).Address; break;
                case TraceOpKind.Reallocate: address[op.Id] = allocator.Reallocate(address[op.Id], op.Size).Address; break;
                default: allocator.Free(address[op.Id]); break;
            }
        }
        return allocator.HeapSize;
    }

    private static string CompileDriver()
    {
        var source = Path.Combine(RepositoryRoot(), "tests", "MemoryCourse.Benchmarks", "glibc", "replay.c");
        var output = Path.Combine(Path.GetTempPath(), $"libmcreplay-{Environment.ProcessId}.so");
        var gcc = Process.Start(new ProcessStartInfo("gcc", ["-O2", "-shared", "-fPIC", "-o", output, source]) { RedirectStandardError = true })
            ?? throw new InvalidOperationException("gcc could not be started; the glibc comparison needs gcc on PATH.");
        string errors = gcc.StandardError.ReadToEnd();
        gcc.WaitForExit();
        if (gcc.ExitCode != 0) throw new InvalidOperationException($"gcc failed to build {source}:\n{errors}");
        return output;
    }

    private static string RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "MemoryCourse.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("MemoryCourse.sln not found above the benchmark's folder or the working directory.");
    }

    private static string ReferenceTraces()
    {
        for (var dir = new DirectoryInfo(RepositoryRoot()).Parent; dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "shared", "reference", "malloclab", "classic", "traces");
            if (Directory.Exists(path)) return path;
        }
        throw new DirectoryNotFoundException("The malloc-lab reference traces (shared/reference/malloclab) are missing beside the repository.");
    }
}
