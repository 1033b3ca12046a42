using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using MemoryCourse.Notebooks.Kernel;

namespace MemoryCourse.Notebooks.Tests.Kernel;

/// <summary>
/// The fast kernel is the pinned tool's own assemblies compiled ahead of time, and where it cannot be
/// prepared the plain tool runs instead, with the reason. (That both kernels give the same cells is the
/// fidelity tests' job; how much faster it is, the engine benchmark's.)
/// </summary>
public class FastKernelTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("memcourse-fast-kernel-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public void The_cache_key_names_the_tool_version_the_runtime_and_the_machine()
    {
        string runtime = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
        Assert.Equal($"dotnet-interactive-{KernelTool.Version}-r2r-netcore-{Environment.Version}-{runtime}", FastKernel.Key);
    }

    [Fact]
    public void Kernels_prepared_for_a_runtime_no_longer_installed_are_removed_and_the_others_kept()
    {
        string rid = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
        string Kernel(string tool, string runtime)
        {
            string folder = Path.Combine(_scratch, $"dotnet-interactive-{tool}-r2r-netcore-{runtime}-{rid}");
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, KernelTool.EntryAssembly), new byte[3 << 20]);
            File.WriteAllText(folder + ".lock", "");
            return folder;
        }
        string current = Kernel("1.0.712001", "10.0.12");
        string otherTool = Kernel("1.0.650101", "10.0.12");
        string gone = Kernel("1.0.712001", "10.0.9");
        string preview = Kernel("1.0.712001", "11.0.0-preview.3.26160.4");
        string otherMachine = Path.Combine(_scratch, "dotnet-interactive-1.0.712001-r2r-netcore-10.0.9-osx-arm64");
        string unrelated = Path.Combine(_scratch, "notes");
        Directory.CreateDirectory(otherMachine);
        Directory.CreateDirectory(unrelated);
        var said = new List<string>();

        var removed = KernelCachePruning.Prune(_scratch, new HashSet<string> { "10.0.12" }, said.Add);

        Assert.Equal([gone, preview], removed);
        Assert.All([current, otherTool, otherMachine, unrelated], f => Assert.True(Directory.Exists(f), f));
        Assert.False(Directory.Exists(gone) || File.Exists(gone + ".lock") || Directory.Exists(preview));
        Assert.True(File.Exists(current + ".lock"));
        Assert.Contains(said, line => line.Contains("dotnet-interactive-1.0.712001-r2r-netcore-10.0.9-", StringComparison.Ordinal) && line.Contains("(3 MiB)"));
    }

    [Fact]
    public void The_runtime_this_process_runs_on_counts_as_installed()
    {
        Assert.Contains(FastKernel.RuntimeVersion(), KernelCachePruning.InstalledRuntimes());
        // This machine's own kernel, as FastKernel names it, is never stale here.
        Directory.CreateDirectory(Path.Combine(_scratch, FastKernel.Key));
        Assert.Empty(KernelCachePruning.Stale(_scratch, KernelCachePruning.InstalledRuntimes()));
    }

    [KernelFact]
    public void A_cache_that_cannot_be_written_runs_the_plain_tool_and_says_why_once()
    {
        string file = Path.Combine(_scratch, "not-a-folder");
        File.WriteAllText(file, "");
        var said = new List<string>();

        var choice = FastKernel.Choose(said.Add, Path.Combine(file, "kernels"));

        Assert.Equal((KernelTool.FindPlain(), false), (choice.Dll, choice.ReadyToRun));
        Assert.Contains("cannot be written", choice.Note);
        Assert.Equal([choice.Note!], said);
    }

    [KernelFact]
    public async Task A_process_that_finds_another_preparing_the_kernel_waits_for_it_and_runs_it()
    {
        string cache = Path.Combine(_scratch, "kernels");
        Directory.CreateDirectory(cache);
        var said = new List<string>();
        var waiting = new TaskCompletionSource();
        Task<KernelChoice> choice;
        using (new FileStream(Path.Combine(cache, FastKernel.Key + ".lock"), FileMode.Create, FileAccess.ReadWrite, FileShare.None))
        {
            choice = Task.Run(() => FastKernel.Choose(line =>
            {
                lock (said) said.Add(line);
                if (line.StartsWith("Another memcourse process is preparing", StringComparison.Ordinal)) waiting.TrySetResult();
            }, cache));
            await Task.WhenAny(waiting.Task, choice);
            Assert.True(waiting.Task.IsCompleted, $"it did not wait: {string.Join(" / ", said)}");
            // The other process finishes: its kernel appears whole (renamed into place), then it lets go of the lock.
            string built = Path.Combine(cache, "built-elsewhere");
            Directory.CreateDirectory(built);
            File.WriteAllText(Path.Combine(built, KernelTool.EntryAssembly), "");
            File.WriteAllText(Path.Combine(built, FastKernel.ManifestName), "compiled ahead of time (0):\n");
            Directory.Move(built, Path.Combine(cache, FastKernel.Key));
            Assert.False(choice.IsCompleted);
        }

        var chosen = await choice;

        Assert.Equal((Path.Combine(cache, FastKernel.Key, KernelTool.EntryAssembly), true, null), (chosen.Dll, chosen.ReadyToRun, chosen.Note));
        Assert.DoesNotContain(said, line => line.StartsWith("Preparing", StringComparison.Ordinal));
    }

    [Fact]
    public void A_kernel_folder_without_its_manifest_is_incomplete_and_never_run()
    {
        string folder = Path.Combine(_scratch, FastKernel.Key);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, KernelTool.EntryAssembly), "");

        Assert.Null(FastKernel.FindPrepared(_scratch));
        File.WriteAllText(Path.Combine(folder, FastKernel.ManifestName), "compiled ahead of time (0):\n");
        Assert.Equal(Path.Combine(folder, KernelTool.EntryAssembly), FastKernel.FindPrepared(_scratch));
    }

    [KernelFact]
    public async Task The_prepared_kernel_holds_the_tools_own_assemblies_with_native_code_added()
    {
        var choice = await FastKernel.ChooseAsync(null);
        Assert.True(choice.ReadyToRun, $"the fast kernel is not prepared on this machine: {choice.Note}");
        string fast = Path.GetDirectoryName(choice.Dll)!;
        string plain = Path.GetDirectoryName(KernelTool.FindPlain())!;

        // Every file of the tool is there, under the same name; nothing else but the manifest.
        var files = (string root) => Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files(plain).Append(FastKernel.ManifestName).Order(StringComparer.Ordinal), files(fast));

        // The compilers the kernel runs are compiled ahead of time, and each is still the very same assembly.
        string[] compilers = ["Microsoft.CodeAnalysis.CSharp.dll", "FSharp.Compiler.Service.dll", "Microsoft.DotNet.Interactive.CSharp.dll",
            "Microsoft.DotNet.Interactive.dll"];
        foreach (string name in compilers)
        {
            var (fastId, fastNative) = Identity(Path.Combine(fast, name));
            var (plainId, plainNative) = Identity(Path.Combine(plain, name));
            Assert.Equal(plainId, fastId);
            Assert.False(plainNative, $"{name} is IL in the tool");
            Assert.True(fastNative, $"{name} has no native code in the fast kernel");
        }
    }

    // The assembly's name, version and module version id, and whether it carries ReadyToRun code.
    private static (string Identity, bool ReadyToRun) Identity(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var md = pe.GetMetadataReader();
        var def = md.GetAssemblyDefinition();
        string id = $"{md.GetString(def.Name)} {def.Version} {md.GetGuid(md.GetModuleDefinition().Mvid)}";
        return (id, pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0);
    }
}
