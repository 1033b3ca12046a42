using BenchmarkDotNet.Running;

namespace MemoryCourse.Benchmarks;

/// <summary>Entry point: each benchmark class lives in its own file, named after the concept it measures.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
