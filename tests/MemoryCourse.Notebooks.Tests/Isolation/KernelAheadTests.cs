using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Isolation;

namespace MemoryCourse.Notebooks.Tests.Isolation;

/// <summary>
/// While a notebook runs, the next notebook's kernel is already starting; it is still that notebook's own
/// fresh kernel: a process of its own, in its own folder.
/// </summary>
public class KernelAheadTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("memcourse-ahead-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [KernelFact]
    public async Task The_next_notebooks_kernel_starts_while_one_runs_and_each_notebook_has_a_fresh_kernel_in_its_folder()
    {
        if (!OperatingSystem.IsLinux()) return; // the first notebook looks for the next kernel in /proc
        string first = Directory.CreateDirectory(Path.Combine(_root, "first")).FullName;
        string second = Directory.CreateDirectory(Path.Combine(_root, "second")).FullName;
        string third = Directory.CreateDirectory(Path.Combine(_root, "third")).FullName;
        const string WhoAmI = "Console.WriteLine($\"{Environment.ProcessId} {Environment.CurrentDirectory}\");";
        // The first notebook watches, for a bounded time, for a kernel process working in the second notebook's folder.
        string watch = $$"""
            var deadline = DateTime.UtcNow.AddSeconds(45);
            bool seen = false;
            while (!seen && DateTime.UtcNow < deadline)
            {
                foreach (var p in System.IO.Directory.GetDirectories("/proc"))
                {
                    try
                    {
                        if (System.IO.File.ReadAllText(p + "/cmdline").Contains("Microsoft.DotNet.Interactive.App.dll")
                            && new System.IO.DirectoryInfo(p + "/cwd").LinkTarget == @"{{second}}") seen = true;
                    }
                    catch (Exception) { }
                }
                System.Threading.Thread.Sleep(100);
            }
            Console.WriteLine(seen ? "the next kernel is starting" : "no next kernel");
            """;
        var paths = new[]
        {
            Notebooks.Write(first, "a.dib", ("csharp", WhoAmI), ("csharp", watch)),
            Notebooks.Write(second, "b.dib", ("markdown", "# b"), ("csharp", WhoAmI)),
            Notebooks.Write(third, "c.dib", ("csharp", WhoAmI)),
        };

        var runs = await NotebookRunner.RunAllAsync(paths, RunOptions.Default with { Parallelism = 1 });

        Assert.All(runs, r => Assert.True(r.Passed, r.Describe()));
        Assert.Equal("the next kernel is starting\n", Stdout(runs[0], 1));
        var who = runs.Select(r => Stdout(r, r.Cells.First(c => c.Status == CellStatus.Passed).Index - 1).Trim().Split(' ', 2)).ToList();
        Assert.Equal([first, second, third], who.Select(w => w[1]));
        Assert.Equal(3, who.Select(w => w[0]).Distinct().Count());
    }

    private static string Stdout(NotebookRun run, int cell) =>
        string.Concat(run.Cells[cell].Outputs.OfType<Microsoft.DotNet.Interactive.Documents.TextElement>().Where(t => t.Name == "stdout").Select(t => t.Text));
}
