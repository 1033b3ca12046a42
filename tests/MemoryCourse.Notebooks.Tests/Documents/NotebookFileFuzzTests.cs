using MemoryCourse.Notebooks.Documents;
using MemoryCourse.Tests;

namespace MemoryCourse.Notebooks.Tests.Documents;

/// <summary>
/// Notebooks and submissions are input like any other: a chapter or a submission spoiled at random (cut off,
/// lines lost or doubled, binary bytes, a number that is not one, CRLF, a BOM, nothing at all) either reads, or
/// is refused with a <see cref="NotebookFormatException"/> naming the file and a line; never another exception,
/// never a hang, never a notebook with a cell that came from nowhere.
/// </summary>
public class NotebookFileFuzzTests
{
    private static readonly string Chapter = Path.Combine(RepoPaths.Notebooks, "00-start-here.dib");

    private static void ReadsOrIsRefusedNamingTheFile(string text, string path)
    {
        try
        {
            var notebook = NotebookFile.Parse(text, path);
            Assert.All(notebook.Elements, e => Assert.NotNull(e.Contents));
        }
        catch (NotebookFormatException e)
        {
            Assert.StartsWith(path + ":", e.Message);
            Assert.True(e.Line >= 0, e.Message);
        }
    }

    [Fact]
    public void A_spoiled_dib_reads_or_is_refused_naming_the_file_and_line() =>
        TextMutations.Check(File.ReadAllText(Chapter), text => ReadsOrIsRefusedNamingTheFile(text, "submission.dib"), tests: 100);

    [Fact]
    public void A_spoiled_ipynb_reads_or_is_refused_naming_the_file_and_line()
    {
        string ipynb = Path.Combine(Directory.CreateTempSubdirectory("memcourse-fuzz-").FullName, "00.ipynb");
        NotebookFile.SaveIpynb(NotebookFile.Load(Chapter), ipynb);
        TextMutations.Check(File.ReadAllText(ipynb), text => ReadsOrIsRefusedNamingTheFile(text, "submission.ipynb"), tests: 100);
    }

    [Theory]
    [InlineData("""{"cells":[{"cell_type":"code","source":42,"metadata":{}}],"metadata":{},"nbformat":4,"nbformat_minor":5}""")]
    [InlineData("""{"cells":{},"nbformat":4}""")]
    [InlineData("""[1,2,3]""")]
    public void An_ipynb_whose_fields_have_the_wrong_type_is_refused_naming_the_file(string json) =>
        Assert.StartsWith("bad.ipynb:", Assert.Throws<NotebookFormatException>(() => NotebookFile.Parse(json, "bad.ipynb")).Message);
}
