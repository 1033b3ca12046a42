using MemoryCourse.Notebooks.Execution;
using MemoryCourse.Notebooks.Export;
using MemoryCourse.Notebooks.Isolation;

namespace MemoryCourse.Notebooks.Tests.Export;

/// <summary>
/// Every notebook gets its own pages in the book. Reported: a/x.dib and b/x.dib shared one page, the second
/// overwriting the first.
/// </summary>
public class BookPageNamesTests
{
    [Fact]
    public void Notebooks_of_one_name_in_two_folders_get_a_page_each()
    {
        Assert.Equal(["x", "x-2", "X-3", "index-2", "y"], BookExporter.PageStems(["/a/x.dib", "/b/x.dib", "/c/X.ipynb", "/d/index.dib", "/e/y.dib"]));
    }

    [Fact]
    public void The_book_of_two_same_named_notebooks_links_each_page_under_its_own_name()
    {
        static NotebookRun Run(string path, string heading)
        {
            var notebook = Notebooks.Of(("markdown", "# " + heading));
            return new NotebookRun(path, notebook, [new CellResult(1, "markdown", CellStatus.Text, [], null, TimeSpan.Zero)], null, TimeSpan.Zero, null);
        }
        var files = BookExporter.Files([Run("/b/x.dib", "From b"), Run("/a/x.dib", "From a")]);
        var names = files.Select(f => f.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains("x.html", names);
        Assert.Contains("x-2.html", names);
        Assert.Contains("From a", files.Single(f => f.Name == "x.html").Text);
        Assert.Contains("From b", files.Single(f => f.Name == "x-2.html").Text);
        string index = files.Single(f => f.Name == "index.html").Text!;
        Assert.Contains("<a href=\"x.html\">From a</a>", index);
        Assert.Contains("<a href=\"x-2.html\">From b</a>", index);
        Assert.Equal(BookExporter.FileNames(["/b/x.dib", "/a/x.dib"]).Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }
}
