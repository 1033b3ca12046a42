using System.Diagnostics;
using System.Text.RegularExpressions;
using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Isolation;
using MemoryCourse.Notebooks.Kernel;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Connection;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Events;

namespace MemoryCourse.Notebooks.Tests.Fidelity;

/// <summary>
/// A notebook passes under the engine exactly when it passes in the real kernel. Each small notebook in
/// Fixtures/Fidelity runs three ways, and the outcomes are compared cell by cell:
/// <list type="bullet">
/// <item>through the engine (<c>memcourse run</c>'s code path), in the fast kernel (the tool compiled ahead
/// of time, see <see cref="FastKernel"/>) and again in the plain tool: the two must agree on every cell;</item>
/// <item>through the same pinned dotnet-interactive tool, driven as VS Code drives it (a SubmitCode
/// envelope per cell on its standard input) by a small client written in this test, sharing no code with
/// the engine: the engine must agree with it on every cell;</item>
/// <item>through dotnet-repl 0.3.259 (same kernel packages, its own host): the engine must agree on
/// every cell but the documented differences between that host and the tool VS Code starts.</item>
/// </list>
/// The fixtures cover kernel magics, display and update, value sharing, #r of a dll and of a package, a
/// DataFrame, an unknown magic, a compile error, an exception, the Plotly.NET FSharp.Core trap and its bridge.
/// </summary>
public class FidelityTests : IClassFixture<FidelityTests.Runs>
{
    /// <summary>One cell's outcome in terms all three hosts can report.</summary>
    public sealed record Outcome(bool Failed, string Error, IReadOnlyList<string> Shown, string Console)
    {
        // Lists compare by content, so two hosts' outcomes are equal when they show the same things.
        public bool Equals(Outcome? other) =>
            other is not null && (Failed, Error, Console) == (other.Failed, other.Error, other.Console) && Shown.SequenceEqual(other.Shown);

        public override int GetHashCode() => HashCode.Combine(Failed, Error, Console, Shown.Count);

        public override string ToString() => $"{(Failed ? "failed: " + Error : "passed")}; shows [{string.Join(" | ", Shown)}]; console [{Console}]";
    }

    public sealed class Runs
    {
        public string Folder { get; } = Path.Combine(RepoPaths.Fixtures, "Fidelity");
        public IReadOnlyDictionary<string, IReadOnlyList<Outcome>> Engine { get; }
        public IReadOnlyDictionary<string, IReadOnlyList<Outcome>> EngineInPlainTool { get; }
        public KernelChoice Kernel { get; }
        public IReadOnlyDictionary<string, IReadOnlyList<Outcome>> Tool { get; }
        public IReadOnlyDictionary<string, IReadOnlyList<Outcome>> Repl { get; }

        public Runs()
        {
            var notebooks = Directory.GetFiles(Folder, "*.dib").Order(StringComparer.Ordinal).ToList();
            if (KernelTool.Find() is null) throw new InvalidOperationException("fidelity needs the pinned kernel: " + KernelTool.NotInstalledMessage);
            if (ReplDll() is null) throw new InvalidOperationException("fidelity needs dotnet-repl 0.3.259: run 'dotnet tool restore' in the repository");
            Kernel = FastKernel.ChooseAsync(null).GetAwaiter().GetResult();
            var engine = NotebookRunner.RunAllAsync(notebooks, FidelityOptions with { KernelDll = Kernel.Dll });
            var repl = Task.WhenAll(notebooks.Select(RunReplAsync));
            var tool = new Dictionary<string, IReadOnlyList<Outcome>>();
            foreach (var path in notebooks) tool[Path.GetFileName(path)] = RunThroughToolAsync(path).GetAwaiter().GetResult();
            Engine = Outcomes(engine.GetAwaiter().GetResult());
            EngineInPlainTool = Outcomes(NotebookRunner.RunAllAsync(notebooks, FidelityOptions with { KernelDll = KernelTool.FindPlain() })
                .GetAwaiter().GetResult());
            Tool = tool;
            Repl = notebooks.Zip(repl.GetAwaiter().GetResult()).ToDictionary(p => Path.GetFileName(p.First), p => p.Second);
        }
    }

    // Fidelity is about what cells do, not how fast: a generous cell timeout keeps a crowded machine from failing a cell.
    private static readonly RunOptions FidelityOptions = RunOptions.Default with { ContinueOnError = true, CellTimeout = TimeSpan.FromSeconds(300) };

    private static Dictionary<string, IReadOnlyList<Outcome>> Outcomes(IEnumerable<NotebookRun> runs) =>
        runs.ToDictionary(r => r.Name, r => (IReadOnlyList<Outcome>)r.Cells.Where(c => c.Status != CellStatus.Text).Select(FromEngine).ToList());

    // However slow the machine, a cell that takes this long is stuck, and the suite says so instead of hanging.
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(180);

    private readonly Runs _runs;

    public FidelityTests(Runs runs) => _runs = runs;

    public static TheoryData<string> Fixtures() =>
        new(Directory.GetFiles(Path.Combine(RepoPaths.Fixtures, "Fidelity"), "*.dib").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void The_fast_kernel_and_the_plain_tool_agree_on_every_cell(string notebook)
    {
        Assert.True(_runs.Kernel.ReadyToRun, $"the fast kernel could not be prepared here, so it was not compared: {_runs.Kernel.Note}");
        var fast = _runs.Engine[notebook];
        var plain = _runs.EngineInPlainTool[notebook];
        Assert.Equal(plain.Count, fast.Count);
        for (int i = 0; i < fast.Count; i++) Assert.Equal(plain[i], fast[i]);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void The_engine_and_the_tool_agree_on_every_cell(string notebook)
    {
        var engine = _runs.Engine[notebook];
        var tool = _runs.Tool[notebook];
        Assert.Equal(tool.Count, engine.Count);
        for (int i = 0; i < engine.Count; i++) Assert.Equal(tool[i], engine[i]);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void The_engine_and_dotnet_repl_agree_on_every_cell_but_the_known_differences(string notebook)
    {
        var engine = _runs.Engine[notebook];
        var repl = _runs.Repl[notebook];
        Assert.Equal(repl.Count, engine.Count);
        for (int i = 0; i < engine.Count; i++)
        {
            if (KnownDifference(notebook, engine[i], repl[i])) continue;
            Assert.Equal((repl[i].Failed, repl[i].Error), (engine[i].Failed, engine[i].Error));
            // dotnet-repl appends every update of a displayed value; the kernel (and VS Code) replace it in
            // place. So what the engine shows must appear, in order, among what dotnet-repl shows.
            // The two hosts load a package's kernel extension from different folders of the same package
            // (the tool from lib/, dotnet-repl from interactive-extensions/), so the message is compared by file name.
            Assert.True(IsSubsequence(engine[i].Shown.Select(ExtensionFileOnly).ToList(), repl[i].Shown.Select(ExtensionFileOnly).ToList()),
                $"cell {i + 1}: engine shows [{string.Join(" | ", engine[i].Shown)}], dotnet-repl [{string.Join(" | ", repl[i].Shown)}]");
        }
    }

    // The kernel shows a value as text/plain, or as HTML holding the text in a <pre>.
    private static string Plain(string shown) =>
        Regex.Match(shown, "<pre>(.*?)</pre>", RegexOptions.Singleline) is { Success: true } m ? m.Groups[1].Value : shown;

    private static string ExtensionFileOnly(string shown) =>
        Regex.Replace(shown, @"Loading extensions from `[^`]*/([^/`]+)`", "Loading extensions from `$1`");

    // #!time comes with the Jupyter magics the tool registers; dotnet-repl does not register them.
    private static bool KnownDifference(string notebook, Outcome engine, Outcome repl) =>
        notebook == "magics.dib" && !engine.Failed && repl.Error == "(1,1): error DNI101: Unknown magic command '#!time'";

    [Fact]
    public void Kernel_magics_behave_as_in_the_tool()
    {
        var cells = _runs.Engine["magics.dib"];
        Assert.Contains("alpha", cells[1].Shown.Single());          // #!whos lists the variables
        Assert.Equal("42", Plain(cells[3].Shown.Single()));          // a function #!import-ed from another notebook
        Assert.Equal("\"hello\"", Plain(cells[5].Shown.Single())); // #!set keeps the quotes as written
        Assert.Contains(cells[6].Shown, s => s.StartsWith("Wall time:", StringComparison.Ordinal));
        Assert.Equal("(1,1): error DNI101: Unknown magic command '#!nosuchmagic'", cells[7].Error);
    }

    [Fact]
    public void Display_update_value_sharing_and_failures_behave_as_in_the_tool()
    {
        var cells = _runs.Engine["display.dib"];
        // This kernel build gives an update a value id of its own, not the displayed value's, so the first
        // display stays as it was: in the tool VS Code starts, and so in the engine.
        Assert.Equal(_runs.Tool["display.dib"][0].Shown, cells[0].Shown);
        Assert.Equal(["first"], cells[0].Shown);
        Assert.Equal(["<b>bold</b>"], cells[1].Shown);
        Assert.Equal("out\n|err\n", cells[2].Console);
        Assert.Equal("42", Plain(cells[6].Shown.Single()));                  // C# -> F# (#!share) -> C# (#!set)
        Assert.Equal("(1,9): error CS0029: Cannot implicitly convert type 'string' to 'int'", cells[7].Error);
        Assert.Equal("System.InvalidOperationException: boom", cells[8].Error);
    }

    [Fact]
    public void A_dll_a_package_and_a_dataframe_load_as_in_the_tool()
    {
        var cells = _runs.Engine["packages.dib"];
        Assert.All(cells, c => Assert.False(c.Failed, c.Error));
        Assert.Equal("MemoryCourse", cells[1].Shown.Single());
        Assert.Contains(cells[2].Shown, s => s.Contains("Installed Packages") && s.Contains("Microsoft.Data.Analysis, 0.24.0"));
        Assert.Matches("<table><thead><tr><th><i>index</i></th><th>policy</th><th>bytes</th>", cells[3].Shown.Single());
    }

    [Fact]
    public void Plotly_NET_fails_on_FSharp_Core_in_the_tool_as_in_VS_Code()
    {
        var cells = _runs.Engine["plotly-trap.dib"];
        Assert.False(cells[0].Failed, cells[0].Error);
        Assert.StartsWith("System.IO.FileNotFoundException: Could not load file or assembly 'FSharp.Core, Version=10.1.0.0", cells[1].Error);
        Assert.Contains("FSharp.Core, Version=10.1.0.0", _runs.Repl["plotly-trap.dib"][1].Error);
    }

    // plotly-bridge.dib is plotly-trap.dib with setup.dib's bridge as its first cell: the bridge alone makes
    // Plotly.NET draw, a plain chart and a course chart that moves, in the engine, the tool and dotnet-repl alike.
    [Fact]
    public void The_FSharp_Core_bridge_is_what_makes_Plotly_NET_draw()
    {
        string Cells(string name) => File.ReadAllText(Path.Combine(_runs.Folder, name)).Replace("\r\n", "\n");
        string bridged = Cells("plotly-bridge.dib"), trapped = Cells("plotly-trap.dib");
        int bridgeEnd = bridged.IndexOf("#!csharp", bridged.IndexOf("#!csharp", StringComparison.Ordinal) + 1, StringComparison.Ordinal);
        int bridgeStart = bridged.IndexOf("#!csharp", StringComparison.Ordinal);
        Assert.Equal(trapped, bridged.Remove(bridgeStart, bridgeEnd - bridgeStart));
        string setup = File.ReadAllText(Path.Combine(RepoPaths.Notebooks, "setup.dib"));
        Assert.Contains("System.Runtime.Loader.AssemblyLoadContext.Default.Resolving +=\n" +
            "    (context, name) => name.Name == \"FSharp.Core\" ? loadedFSharpCore : null;", setup.Replace("\r\n", "\n"));
        foreach (var (host, runs) in new[] { ("engine", _runs.Engine), ("tool", _runs.Tool), ("dotnet-repl", _runs.Repl) })
        {
            var cells = runs["plotly-bridge.dib"];
            Assert.True(cells.All(c => !c.Failed), $"{host}: {string.Join("; ", cells.Where(c => c.Failed).Select(c => c.Error))}");
            string Seen(int i) => $"{host}, cell {i + 1} shows [{string.Join(" | ", cells[i].Shown.Select(s => s.Length > 400 ? s[..400] + "..." : s))}]";
            Assert.True(cells[2].Shown.Any(s => s.Contains("Plotly.newPlot(", StringComparison.Ordinal)
                && s.Contains("\"y\":[3,1,2]", StringComparison.Ordinal)), Seen(2));
            Assert.True(cells[3].Shown.Any(s => s.Contains("\"sliders\"", StringComparison.Ordinal)
                && s.Contains("Heap after op 1", StringComparison.Ordinal) && s.Contains("\"3 KiB\"", StringComparison.Ordinal)), Seen(3));
        }
    }

    // ---- the three hosts' outcomes, each read in its own terms ----

    private static Outcome FromEngine(CellResult cell)
    {
        var shown = cell.Outputs.Where(o => o is DisplayElement or ReturnValueElement).Select(o => Normalize(Shown(o))).ToList();
        string console = Streams(cell.Outputs.OfType<TextElement>().Select(t => (t.Name, t.Text)));
        return new Outcome(cell.Status == CellStatus.Failed, cell.Failure is { } f ? FirstLine(f.Message) : "", shown, console);
    }

    // The tool driven the way VS Code drives it, by a client written here from scratch: one SubmitCode
    // envelope per cell on its standard input (targeted at the cell's kernel), events read back until the
    // command's own CommandSucceeded or CommandFailed. It shares no code with the engine's kernel client.
    private static async Task<IReadOnlyList<Outcome>> RunThroughToolAsync(string path)
    {
        var notebook = NotebookFile.Load(path);
        string folder = Path.GetDirectoryName(path)!;
        var start = new ProcessStartInfo(KernelTool.DotNetHost(), [KernelTool.FindPlain()!, "[vscode]", "stdio", "--working-dir", folder])
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync();
        var outcomes = new List<Outcome>();
        try
        {
            await ReadUntilAsync(process, e => e is KernelReady);
            foreach (var cell in notebook.Elements.Where(e => e.KernelName != KernelNames.Markdown))
            {
                var command = new SubmitCode(cell.Contents, cell.KernelName ?? KernelNames.CSharp);
                string token = command.GetOrCreateToken();
                await process.StandardInput.WriteLineAsync(KernelCommandEnvelope.Serialize(KernelCommandEnvelope.Create(command)));
                await process.StandardInput.FlushAsync();
                var events = await ReadUntilAsync(process, e => e is CommandSucceeded or CommandFailed && e.Command.GetOrCreateToken() == token,
                    e => e.Command?.GetOrCreateToken() is { } t && (t == token || t.StartsWith(token + ".", StringComparison.Ordinal)));
                var shown = new List<(string? Id, string Text)>();
                var console = new List<(string, string)>();
                string error = "";
                foreach (var e in events)
                {
                    switch (e)
                    {
                        case DisplayedValueUpdated u:
                            int at = shown.FindIndex(x => x.Id == u.ValueId);
                            if (at >= 0) shown[at] = (u.ValueId, Normalize(Shown(u)));
                            break;
                        case DisplayedValueProduced d: shown.Add((d.ValueId, Normalize(Shown(d)))); break;
                        case ReturnValueProduced r: shown.Add((null, Normalize(Shown(r)))); break;
                        case StandardOutputValueProduced o: console.Add(("stdout", o.FormattedValues.First().Value)); break;
                        case StandardErrorValueProduced o: console.Add(("stderr", o.FormattedValues.First().Value)); break;
                        case DiagnosticsProduced dp when error.Length == 0
                            && dp.Diagnostics.FirstOrDefault(x => x.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error) is { } first:
                            error = $"({first.LinePositionSpan.Start.Line + 1},{first.LinePositionSpan.Start.Character + 1}): " +
                                $"error {first.Code}: {first.Message}";
                            break;
                        case CommandFailed failed when failed.Command.GetOrCreateToken() == token && error.Length == 0:
                            error = FirstLine(failed.Message);
                            break;
                    }
                }
                bool didFail = events[^1] is CommandFailed;
                outcomes.Add(new Outcome(didFail, didFail ? error : "", shown.Select(x => x.Text).ToList(), Streams(console)));
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
        return outcomes;
    }

    private static async Task<List<KernelEvent>> ReadUntilAsync(Process process, Func<KernelEvent, bool> last, Func<KernelEvent, bool>? keep = null)
    {
        var events = new List<KernelEvent>();
        while (true)
        {
            string? line = await process.StandardOutput.ReadLineAsync().WaitAsync(Limit)
                           ?? throw new InvalidOperationException("the tool ended before the command did");
            if (!line.StartsWith('{')) continue;
            if (Serializer.DeserializeCommandOrEvent(line).Event is not { } e) continue;
            if (keep is null || keep(e)) events.Add(e);
            if (last(e)) return events;
        }
    }

    private static async Task<IReadOnlyList<Outcome>> RunReplAsync(string path)
    {
        string output = Path.Combine(Directory.CreateTempSubdirectory("memcourse-repl-").FullName, Path.GetFileNameWithoutExtension(path) + ".ipynb");
        var start = new ProcessStartInfo(KernelTool.DotNetHost(), [ReplDll()!, "--run", Path.GetFileName(path), "--exit-after-run", "--output-path", output])
        {
            WorkingDirectory = Path.GetDirectoryName(path)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        try { await process.WaitForExitAsync().WaitAsync(Limit * 3); }
        catch (TimeoutException) { process.Kill(entireProcessTree: true); throw; }
        await drain;
        var executed = NotebookFile.Load(output);
        return executed.Elements.Where(e => e.KernelName != KernelNames.Markdown).Select(cell =>
        {
            var error = cell.Outputs.OfType<ErrorElement>().FirstOrDefault();
            var shown = cell.Outputs.Where(o => o is DisplayElement or ReturnValueElement).Select(o => Normalize(Shown(o))).ToList();
            string console = Streams(cell.Outputs.OfType<TextElement>().Select(t => (t.Name, t.Text)));
            return new Outcome(error is not null, error is null ? "" : FirstLine(error.ErrorValue), shown, console);
        }).ToList();
    }

    private static string? ReplDll()
    {
        string path = Path.Combine(KernelTool.PackageCache(), "dotnet-repl", "0.3.259", "tools", "net10.0", "any", "dotnet-repl.dll");
        return File.Exists(path) ? path : null;
    }

    // text/plain when the kernel sent one, else the HTML.
    private static string Shown(DisplayEvent e) =>
        e.FormattedValues.FirstOrDefault(v => v.MimeType == "text/plain")?.Value
            ?? e.FormattedValues.FirstOrDefault(v => v.MimeType == "text/html")?.Value ?? "";

    private static string Shown(InteractiveDocumentOutputElement output) =>
        OutputData.Get(output, "text/plain") ?? OutputData.Get(output, "text/html") ?? "";

    // Element ids, #!time's measurements and the kernel's CRLFs differ from run to run and host to host; the
    // content does not.
    // Plotly.NET names each chart's div and render function after a new GUID.
    private static string Normalize(string s) =>
        Regex.Replace(Regex.Replace(Regex.Replace(s.Replace("\r\n", "\n"), @"\s+id=""[^""]*""", ""), @"Wall time: [0-9.,]+ ?m?s", "Wall time: (measured)"),
            "[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}", "(guid)").Trim();

    // All of a cell's standard output, then all of its standard error.
    private static string Streams(IEnumerable<(string Name, string Text)> writes)
    {
        var list = writes.ToList();
        return string.Concat(list.Where(w => w.Name == "stdout").Select(w => w.Text)) + "|" +
            string.Concat(list.Where(w => w.Name == "stderr").Select(w => w.Text));
    }

    private static string FirstLine(string s) => s.Replace("\r\n", "\n").Split('\n')[0].Trim();

    private static bool IsSubsequence(IReadOnlyList<string> small, IReadOnlyList<string> large)
    {
        int j = 0;
        foreach (var item in large)
            if (j < small.Count && small[j] == item) j++;
        return j == small.Count;
    }
}
