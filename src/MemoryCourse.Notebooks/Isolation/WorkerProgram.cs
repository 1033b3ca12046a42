namespace MemoryCourse.Notebooks.Isolation;
internal static class WorkerProgram { public static int Main(string[] args) { Console.WriteLine("worker"); return 0; } }
