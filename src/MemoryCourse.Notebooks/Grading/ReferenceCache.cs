using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Notebooks.Kernel;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>
/// Reference runs kept for the next grading of the same chapter on this machine: the slices of one class
/// (<c>grade --shard K/N</c>, one process each) and a class graded again run the chapter's worked solutions
/// once, not once each. A record is found by a SHA-256 of everything the reference run depends on: the source
/// notebook, the hidden checks, the kernel (its file, size and time), whether the OS sandbox is on, and what the
/// chapter pulls in (the notebooks it imports, the course's built assemblies it references, the course's
/// data). It lives in the instructor's cache folder (created readable by the instructor only), which a
/// sandboxed submission cannot see, and it is sealed: an HMAC-SHA256 keyed with a hash of the source and the
/// hidden checks, which the students do not have, so an edited record is not used (the chapter runs again).
/// Slices started at once wait for the first one's reference run rather than each running it.
/// </summary>
internal static class ReferenceCache
{
    private const string Format = "memcourse-reference-run/1";

    /// <summary>The record of one reference run, as kept on disk.</summary>
    private sealed record Entry(string Format, IReadOnlyList<CheckRecord> Records, string Seal);

    /// <summary>Names another folder for the records (a benchmark gives each class its own, so each pays its reference run).</summary>
    public const string FolderVariable = "MEMCOURSE_REFERENCE_CACHE";

    /// <summary>
    /// <see cref="FolderVariable"/> when set, else <c>$XDG_CACHE_HOME/memcourse/references</c> (else <c>~/.cache/...</c>),
    /// or null where there is no home.
    /// </summary>
    public static string? DefaultFolder()
    {
        if (Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } chosen) return Path.GetFullPath(chosen);
        string? cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } home ? Path.Combine(home, ".cache") : null;
        return cache is null ? null : Path.Combine(cache, "memcourse", "references");
    }

    /// <summary>
    /// The reference records of this source: from the cache when a sealed record of the same inputs is there,
    /// else from <paramref name="run"/>, which is then kept. With no folder, always <paramref name="run"/>.
    /// </summary>
    public static async Task<IReadOnlyList<CheckRecord>> GetOrRunAsync(string? folder, InteractiveDocument source, string sourcePath,
        GradeOptions options, Func<Task<IReadOnlyList<CheckRecord>>> run)
    {
        if (folder is null) return await run();
        string key = Key(source, sourcePath, options);
        byte[] sealKey = SealKey(source, options.Hidden);
        string path = Path.Combine(folder, key + ".json");
        FileStream? held;
        try
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(folder);
            else Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            held = await LockAsync(Path.Combine(folder, key + ".lock"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return await run(); // no cache to be had here: the run is the same, only not kept
        }
        using (held)
        {
            if (Read(path, sealKey) is { } kept) return kept;
            var records = await run();
            try { AtomicFile.WriteAllText(path, Write(records, sealKey)); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            return records;
        }
    }

    // One process at a time makes a given reference run: the lock is the operating system's (released if that
    // process dies), and the others wait on it, then find the record it kept.
    private static async Task<FileStream> LockAsync(string path)
    {
        while (true)
        {
            try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException) when (File.Exists(path))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
        }
    }

    private static IReadOnlyList<CheckRecord>? Read(string path, byte[] sealKey)
    {
        try
        {
            if (!File.Exists(path)) return null;
            var entry = JsonSerializer.Deserialize<Entry>(File.ReadAllText(path));
            if (entry is null || entry.Format != Format || entry.Records is null || entry.Seal is null) return null;
            string expected = Seal(entry.Records, sealKey);
            return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(entry.Seal), Encoding.ASCII.GetBytes(expected)) ? entry.Records : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            return null;
        }
    }

    private static string Write(IReadOnlyList<CheckRecord> records, byte[] sealKey) =>
        JsonSerializer.Serialize(new Entry(Format, records, Seal(records, sealKey))) + "\n";

    private static string Seal(IReadOnlyList<CheckRecord> records, byte[] sealKey) =>
        Convert.ToHexString(HMACSHA256.HashData(sealKey, JsonSerializer.SerializeToUtf8Bytes(records))).ToLowerInvariant();

    private static byte[] SealKey(InteractiveDocument source, IReadOnlyDictionary<string, string> hidden)
    {
        var text = new StringBuilder("memcourse reference seal\n").Append(NotebookFile.ToDib(source));
        foreach (var (name, code) in hidden.OrderBy(h => h.Key, StringComparer.Ordinal)) text.Append('\0').Append(name).Append('\0').Append(code);
        return SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
    }

    /// <summary>The name a reference run is kept under: a SHA-256 of everything it depends on.</summary>
    public static string Key(InteractiveDocument source, string sourcePath, GradeOptions options)
    {
        var text = new StringBuilder(Format).Append('\n').Append(NotebookFile.ToDib(source));
        foreach (var (name, code) in options.Hidden.OrderBy(h => h.Key, StringComparer.Ordinal))
            text.Append("\0hidden\0").Append(name).Append('\0').Append(code);
        string? tool = options.Run.KernelDll ?? KernelTool.Find();
        text.Append("\0kernel\0").Append(tool is not null && File.Exists(tool) ? Stamp(new FileInfo(tool)) : "none");
        text.Append("\0sandbox\0").Append(options.Sandbox.Bubblewrap ?? "off").Append(options.Run.ManagedHeapLimit);
        string folder = Path.GetDirectoryName(Path.GetFullPath(sourcePath))!;
        AppendPulledIn(text, source, folder, depth: 0);
        string data = Path.GetFullPath(Path.Combine(folder, "..", "data"));
        if (Directory.Exists(data))
            foreach (var file in Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                text.Append("\0data\0").Append(Stamp(new FileInfo(file)));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))).ToLowerInvariant();
    }

    // The notebooks a chapter imports (their text) and the folders of the assemblies it references (each file's stamp).
    private static void AppendPulledIn(StringBuilder text, InteractiveDocument notebook, string folder, int depth)
    {
        if (depth > 4) return;
        foreach (var cell in notebook.Elements.Where(e => e.KernelName == KernelNames.CSharp))
        {
            foreach (string relative in NotebookDirectives.Imports(cell.Contents))
            {
                string path = Path.GetFullPath(Path.Combine(folder, relative));
                if (!File.Exists(path)) continue;
                text.Append("\0import\0").Append(path).Append('\0').Append(File.ReadAllText(path));
                if (NotebookFile.IsNotebookPath(path))
                    try { AppendPulledIn(text, NotebookFile.Load(path), Path.GetDirectoryName(path)!, depth + 1); }
                    catch (NotebookFormatException) { }
            }
            foreach (string relative in NotebookDirectives.References(cell.Contents))
            {
                if (relative.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase)) continue;
                string dlls = Path.GetDirectoryName(Path.GetFullPath(Path.Combine(folder, relative)))!;
                if (!Directory.Exists(dlls)) continue;
                foreach (var file in Directory.EnumerateFiles(dlls).Order(StringComparer.Ordinal))
                    text.Append("\0reference\0").Append(Stamp(new FileInfo(file)));
            }
        }
    }

    private static string Stamp(FileInfo file) => $"{file.FullName}\0{file.Length}\0{file.LastWriteTimeUtc.Ticks}";
}
