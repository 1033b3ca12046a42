using MemoryCourse.Notebooks.Documents;

namespace MemoryCourse.Notebooks.Tests.Documents;

public class NotebookTitleTests
{
    private static Microsoft.DotNet.Interactive.Documents.InteractiveDocument Dib(string text) => NotebookFile.Parse(text, "x.dib");

    [Fact]
    public void The_title_is_the_first_top_level_heading_of_any_markdown_cell()
    {
        var notebook = Dib("#!csharp\n\n// # not a heading\n\n#!markdown\n\n## Sub\n\n#!markdown\n\n# Heap fragmentation  \n\n# Later\n");
        Assert.Equal("Heap fragmentation", NotebookTitle.Of(notebook));
        Assert.Equal("Heap fragmentation", NotebookTitle.Of(notebook, "notebooks/04-heap.dib"));
    }

    [Fact]
    public void Without_a_heading_the_title_is_the_file_name_without_its_extension()
    {
        var notebook = Dib("#!markdown\n\nJust text.\n\n#!csharp\n\n1 + 1\n");
        Assert.Null(NotebookTitle.Of(notebook));
        Assert.Equal("04-heap", NotebookTitle.Of(notebook, "notebooks/04-heap.dib"));
        Assert.Equal("04-heap", NotebookTitle.Of(null, "notebooks/04-heap.dib"));
    }

    [Fact]
    public void Every_course_chapter_has_a_heading_for_its_title()
    {
        foreach (var path in Directory.GetFiles(RepoPaths.Notebooks, "??-*.dib"))
            Assert.False(string.IsNullOrWhiteSpace(NotebookTitle.Of(NotebookFile.Load(path))), $"{path} has no '# ' heading");
    }
}
