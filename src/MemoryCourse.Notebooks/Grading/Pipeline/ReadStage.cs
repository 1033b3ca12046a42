using MemoryCourse.Notebooks.Documents;

namespace MemoryCourse.Notebooks.Grading.Pipeline;

/// <summary>Reads the submission's file (a .dib or an .ipynb); one that cannot be read earns nothing, and its TOTAL says why.</summary>
internal sealed class ReadStage : IGradingStage
{
    public string Name => "read";

    public Task RunAsync(Submission submission, GradingContext context)
    {
        try
        {
            // One read of the file: the notebook and the file line each cell starts on.
            (submission.Notebook, submission.FirstLines) = NotebookFile.LoadWithFirstLines(submission.Path);
        }
        catch (NotebookFormatException e)
        {
            submission.Grade = RowsStage.NotGraded(context.Chapter, submission, GradingMessages.Unreadable(e.Problem));
        }
        return Task.CompletedTask;
    }
}
