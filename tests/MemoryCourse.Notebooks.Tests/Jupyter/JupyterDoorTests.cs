using System.Diagnostics;
using System.Text.Json;
using MemoryCourse.Notebooks.Documents;

namespace MemoryCourse.Notebooks.Tests.Jupyter;

/// <summary>
/// The Jupyter door: every chapter, written as an .ipynb, runs through Jupyter's own client (nbclient, what
/// <c>jupyter nbconvert --to notebook --execute</c> uses) in the kernel's Jupyter kernelspec (.net-csharp, from
/// <c>dotnet-interactive jupyter install</c>), started in notebooks/ as VS Code starts it. No cell may end in an
/// error, and the chapter's charts must be there. Skipped, with the reason, where Jupyter is missing.
/// </summary>
public class JupyterDoorTests
{
    public static TheoryData<string> Chapters() =>
        new(Directory.GetFiles(RepoPaths.Notebooks, "*.dib").Select(Path.GetFileName).OfType<string>()
            .Where(n => char.IsDigit(n[0])).Order(StringComparer.Ordinal));

    [JupyterTheory]
    [MemberData(nameof(Chapters))]
    public void The_chapter_runs_in_Jupyter_without_an_error_and_draws_its_charts(string chapter)
    {
        string dir = Directory.CreateTempSubdirectory("memcourse-jupyter-").FullName;
        string input = Path.Combine(dir, Path.ChangeExtension(chapter, ".ipynb"));
        NotebookFile.SaveIpynb(NotebookFile.Load(Path.Combine(RepoPaths.Notebooks, chapter)), input);
        string output = Path.Combine(dir, "executed.ipynb");
        var (exit, stdout, stderr) = Jupyter.Run(Jupyter.Script, input, RepoPaths.Notebooks, output);
        Assert.True(exit == 0, $"{chapter}: nbclient exited with {exit}: {stderr}");
        var report = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]).RootElement;
        var errors = report.GetProperty("errors").EnumerateArray()
            .Select(e => $"cell {e.GetProperty("cell").GetInt32()}: {e.GetProperty("name").GetString()}: {e.GetProperty("value").GetString()}").ToList();
        Assert.True(errors.Count == 0, $"{chapter} in Jupyter: {string.Join(" | ", errors)}");
        Assert.True(report.GetProperty("charts").GetInt32() > 0, $"{chapter} in Jupyter: no Plotly.NET chart in the outputs");
    }
}

/// <summary>Debian's python3 with nbclient and the kernel's .net-csharp kernelspec, or why they are not there.</summary>
internal static class Jupyter
{
    public const string Python = "/usr/bin/python3";

    public static string Script => Path.Combine(RepoPaths.Root, "tests", "MemoryCourse.Notebooks.Tests", "Jupyter", "run_notebook.py");

    public static readonly string? WhyMissing = Find();

    private static string? Find()
    {
        if (!File.Exists(Python)) return "Jupyter is missing: no /usr/bin/python3 (apt install jupyter-nbconvert python3-nbclient jupyter-client)";
        if (Run("-c", "import nbclient, nbformat, jupyter_client").Exit != 0)
            return "Jupyter is missing: python3 has no nbclient (apt install jupyter-nbconvert python3-nbclient jupyter-client)";
        var specs = Run("-c", "from jupyter_client.kernelspec import KernelSpecManager; print(' '.join(KernelSpecManager().find_kernel_specs()))");
        if (specs.Exit != 0 || !specs.Stdout.Contains(".net-csharp", StringComparison.Ordinal))
            return "Jupyter has no .net-csharp kernel: run 'dotnet tool run dotnet-interactive -- jupyter install' in the repository";
        return null;
    }

    public static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepoPaths.Notebooks };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>A theory that needs Jupyter: skipped, with the reason, where it is missing.</summary>
internal sealed class JupyterTheoryAttribute : TheoryAttribute
{
    public JupyterTheoryAttribute()
    {
        if (Jupyter.WhyMissing is { } reason) Skip = reason;
    }
}
