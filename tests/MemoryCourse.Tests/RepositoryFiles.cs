namespace MemoryCourse.Tests;

/// <summary>Finds files of the repository (and the reference set cloned beside it) from a test's output folder.</summary>
internal static class RepositoryFiles
{
    /// <summary>
    /// Where the shared reference set is looked for. Unset: the nearest <c>shared/</c> beside the repository or one
    /// of its parents (CI clones it there). A folder: that folder is <c>shared/</c>. <c>none</c>: there is no
    /// reference set, as in a learner's fresh clone; <c>test.sh</c> uses it to prove the tests pass without one.
    /// </summary>
    public const string SharedVariable = "MEMCOURSE_SHARED";

    /// <summary>The folder holding MemoryCourse.sln, found by walking up from the test assembly.</summary>
    public static string Root
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "MemoryCourse.sln"))) return dir.FullName;
            throw new DirectoryNotFoundException($"No folder holding MemoryCourse.sln above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>A path inside the repository.</summary>
    public static string InRepo(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Runs of the original OSTEP simulators (first line the command, then its exact output); see its README.md.</summary>
    public static string OstepExamples => InRepo("tests", "MemoryCourse.Tests", "Ostep", "Simulators", "Examples");

    /// <summary>The course's own malloc-lab traces, written by the trace generator (see data/traces/README.md).</summary>
    public static string ShippedTraces => InRepo("data", "traces");

    /// <summary>Small malloc-lab traces written by hand for the tests, each worked through in the tests that use it.</summary>
    public static string WorkedTrace(string name) => InRepo("tests", "MemoryCourse.Tests", "Allocation", "MallocLab", "Traces", name);

    /// <summary>
    /// The CS:APP malloc-lab reference set (<c>shared/reference/malloclab</c>), or null when this machine has none
    /// (a learner's clone, or <see cref="SharedVariable"/> = <c>none</c>). It is never copied into the repository.
    /// </summary>
    public static string? MallocLabReference
    {
        get
        {
            string? shared = Environment.GetEnvironmentVariable(SharedVariable);
            if (string.Equals(shared, "none", StringComparison.OrdinalIgnoreCase)) return null;
            if (!string.IsNullOrEmpty(shared))
            {
                string lab = Path.Combine(shared, "reference", "malloclab");
                return Directory.Exists(lab) ? lab : null;
            }
            for (var dir = new DirectoryInfo(Root).Parent; dir is not null; dir = dir.Parent)
            {
                string lab = Path.Combine(dir.FullName, "shared", "reference", "malloclab");
                if (Directory.Exists(lab)) return lab;
            }
            return null;
        }
    }

    /// <summary>Why the malloc-lab reference tests do not run here, or null when the reference set is present.</summary>
    public static string? MallocLabReferenceMissing
    {
        get
        {
            if (MallocLabReference is not null) return null;
            string? shared = Environment.GetEnvironmentVariable(SharedVariable);
            return string.Equals(shared, "none", StringComparison.OrdinalIgnoreCase)
                ? $"the CS:APP malloc-lab reference traces are hidden ({SharedVariable}=none)"
                : !string.IsNullOrEmpty(shared)
                    ? $"the CS:APP malloc-lab reference traces are not in {SharedVariable}={shared} (no reference/malloclab there)"
                    : "the CS:APP malloc-lab reference traces are not on this machine " +
                      $"(no shared/reference/malloclab beside {Root} or its parents); the same behaviour is tested on the course's own traces";
        }
    }

    /// <summary>
    /// A file or folder of the malloc-lab reference set. Only tests marked <see cref="MallocLabReferenceFactAttribute"/>
    /// or <see cref="MallocLabReferenceTheoryAttribute"/> use it: they are skipped, with the reason, when the set is missing.
    /// </summary>
    public static string MallocLab(params string[] parts)
    {
        string lab = MallocLabReference ?? throw new DirectoryNotFoundException(
            $"The malloc-lab reference traces are missing: {MallocLabReferenceMissing}. Mark the test [MallocLabReferenceFact].");
        var path = Path.Combine([lab, .. parts]);
        if (!Directory.Exists(path) && !File.Exists(path))
            throw new FileNotFoundException($"The malloc-lab reference set at {lab} has no {Path.Combine(parts)}.", path);
        return path;
    }
}

/// <summary>A test on the CS:APP malloc-lab reference traces: reported as skipped, with the reason, where they are missing.</summary>
internal sealed class MallocLabReferenceFactAttribute : FactAttribute
{
    public MallocLabReferenceFactAttribute()
    {
        if (RepositoryFiles.MallocLabReferenceMissing is { } reason) Skip = reason;
    }
}

/// <summary>A theory on the CS:APP malloc-lab reference traces: reported as skipped, with the reason, where they are missing.</summary>
internal sealed class MallocLabReferenceTheoryAttribute : TheoryAttribute
{
    public MallocLabReferenceTheoryAttribute()
    {
        if (RepositoryFiles.MallocLabReferenceMissing is { } reason) Skip = reason;
    }
}
