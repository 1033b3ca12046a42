using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace MemoryCourse.Notebooks.Kernel;

/// <summary>
/// Prepares one fast kernel (see <see cref="FastKernel"/>): a copy of the pinned tool's folder in which every
/// assembly that crossgen2 accepts is replaced by its ReadyToRun image, compiled against the tool's other
/// assemblies and the runtime that will run it. crossgen2 is the SDK's own: a small project with
/// <c>PublishReadyToRun</c> has the SDK restore the crossgen2 pack that matches it and says where it is.
/// Assemblies crossgen2 refuses (the kernel's own Microsoft.DotNet.Interactive* assemblies are refused with
/// "Unknown file format") stay IL. The copy is built under a temporary name beside its final place and
/// renamed into place only when complete, under a lock file, so a half-written kernel is never run.
/// </summary>
internal sealed class KernelImagePreparation(string toolDll, string target, Action<string> progress)
{
    private static readonly TimeSpan CompileLimit = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(15);

    /// <summary>How long to wait for another process preparing the same kernel before running the plain tool.</summary>
    internal static TimeSpan WaitForOtherLimit { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Prepares the kernel and returns its entry assembly; throws <see cref="KernelPreparationException"/> saying why not.</summary>
    public string Run()
    {
        string root = Path.GetDirectoryName(target)!;
        try { Directory.CreateDirectory(root); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new KernelPreparationException($"the cache folder {root} cannot be written: {e.Message}");
        }
        using (var lockFile = Lock(target + ".lock", root))
        {
            if (FastKernel.FindPrepared(root) is { } done) return done;
            var clock = Stopwatch.StartNew();
            progress($"Preparing the fast kernel once for this machine (dotnet-interactive {KernelTool.Version} compiled ahead of time for " +
                $".NET {FastKernel.RuntimeVersion()}, into {target}); this takes a few minutes of CPU, later runs start at once.");
            string crossgen = FindCrossgen();
            string partial = $"{target}.partial-{Environment.ProcessId}";
            foreach (var stale in Directory.GetDirectories(root, Path.GetFileName(target) + ".partial-*"))
                TryDelete(stale);
            try
            {
                string source = Path.GetDirectoryName(toolDll)!;
                CopyFolder(source, partial);
                var (compiled, keptIl) = CompileAll(crossgen, source, partial, clock);
                if (compiled.Count == 0)
                    throw new KernelPreparationException($"crossgen2 compiled none of the tool's assemblies (first refusal: {keptIl.FirstOrDefault().Reason})");
                WriteManifest(partial, compiled, keptIl, clock.Elapsed);
                try { Directory.Move(partial, target); }
                catch (IOException) when (Directory.Exists(target))
                {
                    // A stale, incomplete folder from an interrupted older layout: replace it.
                    TryDelete(target);
                    Directory.Move(partial, target);
                }
                progress($"The fast kernel is ready: {compiled.Count} assemblies compiled ahead of time, {keptIl.Count} kept as IL, " +
                    $"in {Minutes(clock.Elapsed)}.");
                // A new kernel usually means a new runtime: the ones prepared for runtimes since removed can never run again.
                KernelCachePruning.Prune(root, KernelCachePruning.InstalledRuntimes(), progress);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                TryDelete(partial);
                throw new KernelPreparationException($"writing {partial} failed: {e.Message}");
            }
            catch
            {
                TryDelete(partial);
                throw;
            }
            return Path.Combine(target, KernelTool.EntryAssembly);
        }
    }

    // The lock file, held while preparing. Another process holding it is preparing the same kernel: wait for
    // it (saying so), then find its kernel ready; only a preparation stuck for far too long is given up on.
    private FileStream Lock(string path, string root)
    {
        var waited = Stopwatch.StartNew();
        bool said = false;
        while (true)
        {
            try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (UnauthorizedAccessException e) { throw new KernelPreparationException($"the cache folder {root} cannot be written: {e.Message}"); }
            catch (IOException e) when (File.Exists(path))
            {
                if (waited.Elapsed > WaitForOtherLimit)
                    throw new KernelPreparationException(
                        $"another memcourse process has been preparing it in {root} for {WaitForOtherLimit.TotalMinutes:0} minutes ({e.Message})");
                if (!said) progress($"Another memcourse process is preparing the fast kernel in {root}; waiting for it ...");
                said = true;
                Thread.Sleep(TimeSpan.FromSeconds(1));
            }
            catch (IOException e) { throw new KernelPreparationException($"the cache folder {root} cannot be written: {e.Message}"); }
        }
    }

    // A throw-away project: the SDK restores the crossgen2 pack it pairs with this runtime and names the compiler.
    private string FindCrossgen()
    {
        progress("Finding the SDK's ReadyToRun compiler (crossgen2; restored from the NuGet feed the first time) ...");
        string project = Directory.CreateTempSubdirectory("memcourse-crossgen-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(project, "crossgen.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net{Environment.Version.Major}.{Environment.Version.Minor}</TargetFramework>
                    <RuntimeIdentifier>{RuntimeInformation.RuntimeIdentifier}</RuntimeIdentifier>
                    <PublishReadyToRun>true</PublishReadyToRun>
                    <SelfContained>false</SelfContained>
                  </PropertyGroup>
                </Project>
                """);
            var (code, stdout, stderr) = RunTool(KernelTool.DotNetHost(),
                ["msbuild", "crossgen.csproj", "-restore", "-nologo", "-t:ResolveFrameworkReferences;ResolveReadyToRunCompilers", "-getItem:Crossgen2Tool"],
                project, TimeSpan.FromMinutes(10));
            if (code != 0)
                throw new KernelPreparationException(
                    $"the SDK could not restore its crossgen2 pack (dotnet msbuild exited with {code}: {FirstLine(stdout + "\n" + stderr)})");
            string json = stdout[Math.Max(0, stdout.IndexOf('{'))..];
            try
            {
                using var doc = JsonDocument.Parse(json);
                foreach (var tool in doc.RootElement.GetProperty("Items").GetProperty("Crossgen2Tool").EnumerateArray())
                    if (tool.GetProperty("Identity").GetString() is { } path && File.Exists(path)) return path;
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException) { }
            throw new KernelPreparationException("the SDK named no crossgen2 compiler for this machine");
        }
        finally
        {
            TryDelete(project);
        }
    }

    private (List<string> Compiled, List<(string Assembly, string Reason)> KeptIl) CompileAll(string crossgen, string source, string partial, Stopwatch clock)
    {
        // The assemblies the kernel loads on this OS: the tool's own folder and its Unix/Linux runtime folders.
        var platformFolders = Directory.Exists(Path.Combine(source, "runtimes"))
            ? Directory.GetDirectories(Path.Combine(source, "runtimes"))
                .Where(d => Path.GetFileName(d) is "unix" or "linux" || Path.GetFileName(d) == RuntimeInformation.RuntimeIdentifier)
                .SelectMany(d => Directory.Exists(Path.Combine(d, "lib")) ? Directory.GetDirectories(Path.Combine(d, "lib")) : [])
                .ToList()
            : [];
        var inputs = new[] { source }.Concat(platformFolders)
            .SelectMany(d => Directory.GetFiles(d, "*.dll"))
            .Where(f => !f.EndsWith(".resources.dll", StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(f => new FileInfo(f).Length) // the largest first, so the last to finish is a small one
            .ToList();
        var references = new List<string> { Path.Combine(source, "*.dll") };
        references.AddRange(platformFolders
            .Where(d => Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(d))) == "unix")
            .Select(d => Path.Combine(d, "*.dll")));
        references.AddRange(FrameworkFolders().Select(d => Path.Combine(d, "*.dll")));

        var compiled = new ConcurrentBag<string>();
        var keptIl = new ConcurrentBag<(string, string)>();
        int finished = 0;
        var lastReport = Stopwatch.StartNew();
        // One at a time in the order given (a list would be cut into fixed ranges, leaving one worker with all the large ones).
        var workers = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount) };
        Parallel.ForEach(Partitioner.Create(inputs, EnumerablePartitionerOptions.NoBuffering), workers, input =>
        {
            string relative = Path.GetRelativePath(source, input);
            string output = Path.Combine(partial, relative);
            string temporary = output + ".r2r";
            string arch = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
            var args = new List<string> { input, "-o", temporary, "-O", "--targetos", TargetOs(), "--targetarch", arch, "--parallelism", "1" };
            foreach (var r in references) args.AddRange(["-r", r]);
            var (code, stdout, stderr) = RunTool(crossgen, args, partial, CompileLimit);
            if (code == 0 && File.Exists(temporary))
            {
                File.Move(temporary, output, overwrite: true);
                compiled.Add(relative);
            }
            else
            {
                if (File.Exists(temporary)) File.Delete(temporary);
                keptIl.Add((relative, FirstLine(stderr + "\n" + stdout)));
            }
            int n = Interlocked.Increment(ref finished);
            lock (lastReport)
                if (lastReport.Elapsed > ProgressEvery || n == inputs.Count)
                {
                    lastReport.Restart();
                    progress($"  fast kernel: {n} of {inputs.Count} assemblies done ({Minutes(clock.Elapsed)} so far)");
                }
        });
        return (compiled.Order(StringComparer.Ordinal).ToList(), keptIl.OrderBy(k => k.Item1, StringComparer.Ordinal).ToList());
    }

    // The shared frameworks the tool runs on (its runtimeconfig names Microsoft.NETCore.App and Microsoft.AspNetCore.App):
    // this runtime's folder, and the newest ASP.NET Core of the same major version beside it.
    private static IEnumerable<string> FrameworkFolders()
    {
        string runtime = Path.TrimEndingDirectorySeparator(RuntimeEnvironment.GetRuntimeDirectory());
        yield return runtime;
        string shared = Path.GetDirectoryName(Path.GetDirectoryName(runtime)!)!;
        string aspnet = Path.Combine(shared, "Microsoft.AspNetCore.App");
        if (!Directory.Exists(aspnet)) yield break;
        string major = Environment.Version.Major + ".";
        var newest = Directory.GetDirectories(aspnet)
            .Where(d => Path.GetFileName(d).StartsWith(major, StringComparison.Ordinal))
            .OrderByDescending(d => Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new Version(0, 0))
            .FirstOrDefault();
        if (newest is not null) yield return newest;
    }

    private static string TargetOs() =>
        OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "osx" : OperatingSystem.IsWindows() ? "windows" : "linux";

    private static void WriteManifest(string folder, IReadOnlyList<string> compiled, IReadOnlyList<(string Assembly, string Reason)> keptIl, TimeSpan took)
    {
        var text = new StringBuilder();
        text.AppendLine($"key: {FastKernel.Key}");
        text.AppendLine($"prepared: {DateTime.UtcNow.ToString("u", CultureInfo.InvariantCulture)} in {took.TotalSeconds:0} s");
        text.AppendLine($"compiled ahead of time ({compiled.Count}):");
        foreach (var c in compiled) text.AppendLine("  " + c);
        text.AppendLine($"kept as IL ({keptIl.Count}):");
        foreach (var (assembly, reason) in keptIl) text.AppendLine($"  {assembly}: {reason}");
        // Written last: its presence is what says the folder is complete.
        File.WriteAllText(Path.Combine(folder, FastKernel.ManifestName), text.ToString());
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }

    private static (int Code, string Stdout, string Stderr) RunTool(string program, IEnumerable<string> args, string folder, TimeSpan limit)
    {
        var start = new ProcessStartInfo(program, args)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // A test host or an MSBuild task may have set these for its own MSBuild; the SDK's must find its own.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "MSBuildLoadMicrosoftTargetsReadOnly" })
            start.Environment.Remove(name);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        Process process;
        try { process = ChildProcessLauncher.StartAsync(start).GetAwaiter().GetResult(); }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new KernelPreparationException($"could not start {program}: {e.Message}");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(limit))
            {
                try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                process.WaitForExit();
                return (-1, stdout.GetAwaiter().GetResult(), $"stopped after {limit.TotalMinutes:0} minutes");
            }
            process.WaitForExit();
            return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
        }
    }

    private static string FirstLine(string text) =>
        text.Split('\n').Select(l => l.Trim())
            .FirstOrDefault(l => l.Length > 0 && (l.Contains("error", StringComparison.OrdinalIgnoreCase) || l.Contains("Unknown", StringComparison.Ordinal)))
        ?? text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "no message";

    private static string Minutes(TimeSpan t) => t.TotalSeconds < 90 ? $"{t.TotalSeconds:0} s" : $"{(int)t.TotalMinutes} min {t.Seconds} s";

    private static void TryDelete(string folder)
    {
        try { if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
