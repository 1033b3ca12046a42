using BenchmarkDotNet.Running;

// Each benchmark class lives in its own file, named after the concept it measures.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
