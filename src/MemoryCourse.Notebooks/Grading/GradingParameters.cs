using MemoryCourse.Notebooks.Execution;
using Microsoft.DotNet.Interactive.Documents;

namespace MemoryCourse.Notebooks.Grading;

/// <summary>
/// The parameters every graded run of a chapter gets. The reference run and a learner's run are two
/// processes at two moments: a value read from the live machine (/proc, this process's status) differs
/// between them, so a check on it could never match. A chapter that can read captured samples instead does
/// so in every graded run.
/// </summary>
public static class GradingParameters
{
    /// <summary>The parameter a chapter declares to read captured samples rather than the live machine.</summary>
    public const string CapturedSamplesParameter = "useCapturedSamples";

    /// <summary><see cref="CapturedSamplesParameter"/> set to true when the chapter declares it; no parameter otherwise.</summary>
    public static IReadOnlyDictionary<string, string> Of(InteractiveDocument source)
    {
        int cell = NotebookParameters.FindParametersCell(source);
        bool declares = cell >= 0 && NotebookParameters.Declarations(source.Elements[cell].Contents)
            .Any(d => d.Name == CapturedSamplesParameter && d.Type == "bool");
        return declares ? new Dictionary<string, string> { [CapturedSamplesParameter] = "true" } : new Dictionary<string, string>();
    }
}
