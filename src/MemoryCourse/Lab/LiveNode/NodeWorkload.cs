using System.Globalization;

namespace MemoryCourse.Lab.LiveNode;

/// <summary>
/// A JavaScript program for the lab to run: a script in the lab's folder (data/node/lab), the V8 and node
/// flags to run it with, its arguments, and how long it may take. The factory methods build the course's
/// workloads; <see cref="CommandLine"/> is also the key under which a captured run of it is stored.
/// </summary>
/// <param name="Script">The file name in the lab folder (alloc.js, usage.js, request.js).</param>
/// <param name="NodeFlags">Flags before the script, e.g. <c>--trace-gc</c>, <c>--max-old-space-size=64</c>.</param>
/// <param name="Arguments">The script's own arguments.</param>
/// <param name="TimeLimit">The run is stopped (its whole process tree killed) after this long.</param>
public sealed record NodeWorkload(string Script, IReadOnlyList<string> NodeFlags, IReadOnlyList<string> Arguments, TimeSpan TimeLimit)
{
    /// <summary>The command as a learner would type it: <c>node FLAGS SCRIPT ARGS</c>.</summary>
    public string CommandLine => string.Join(' ', new[] { "node" }.Concat(NodeFlags).Append(Script).Concat(Arguments));

    /// <summary>
    /// alloc.js (the course's GC workload): <paramref name="objects"/> arrays of 16 small integers, every
    /// <paramref name="retainEvery"/>-th kept, with <c>--trace-gc</c> (or <c>--trace-gc-nvp</c>, whose lines also
    /// give the promoted bytes) and <c>--no-turbo-escape</c> (so V8 really allocates every array, as the
    /// model does). <paramref name="maxOldSpaceMiB"/> sets <c>--max-old-space-size</c>; <paramref name="semiSpaceMiB"/>
    /// (when not 0) fixes the semi-space with <c>--min-semi-space-size</c> and <c>--max-semi-space-size</c>;
    /// <paramref name="progressEvery"/> makes the script report how far it got, which tells where a run
    /// killed by the heap limit stopped.
    /// </summary>
    public static NodeWorkload AllocJs(long objects, int retainEvery, long? maxOldSpaceMiB = null, bool nameValueTrace = false,
        long progressEvery = 0, int semiSpaceMiB = 0, TimeSpan? timeLimit = null)
    {
        var flags = new List<string> { nameValueTrace ? "--trace-gc-nvp" : "--trace-gc", "--no-turbo-escape" };
        if (semiSpaceMiB != 0) flags.AddRange([$"--min-semi-space-size={semiSpaceMiB}", $"--max-semi-space-size={semiSpaceMiB}"]);
        if (maxOldSpaceMiB is long mib) flags.Add($"--max-old-space-size={mib}");
        var args = new List<string> { Invariant(objects), Invariant(retainEvery) };
        if (progressEvery > 0) args.Add(Invariant(progressEvery));
        return new NodeWorkload("alloc.js", flags, args, timeLimit ?? TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// usage.js: samples <c>process.memoryUsage()</c> and <c>process.cpuUsage()</c> while it allocates
    /// <paramref name="heapMiB"/> of JS objects, then a <paramref name="bufferMiB"/> Buffer, then keeps
    /// <paramref name="threads"/> threads of libuv's pool busy hashing for <paramref name="busyMs"/> ms.
    /// </summary>
    public static NodeWorkload Usage(int heapMiB, int bufferMiB, int threads, int busyMs, TimeSpan? timeLimit = null) =>
        new("usage.js", ["--expose-gc"], [Invariant(heapMiB), Invariant(bufferMiB), Invariant(threads), Invariant(busyMs)],
            timeLimit ?? TimeSpan.FromSeconds(30));

    /// <summary>
    /// request.js: seed 004's request on loopback. A server (a child node process) sends a response of
    /// <paramref name="responseMiB"/> MiB; the client holds it in Buffers, joins it, drops the pieces and builds
    /// <paramref name="records"/> JS objects from it, sampling <c>memoryUsage()</c> all along.
    /// </summary>
    public static NodeWorkload Request(int responseMiB, int records, TimeSpan? timeLimit = null) =>
        new("request.js", [], [Invariant(responseMiB), Invariant(records)], timeLimit ?? TimeSpan.FromSeconds(60));

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
