using MemoryCourse.Notebooks.Isolation;

namespace MemoryCourse.Notebooks.Tests.Isolation;

/// <summary>A run of a folder leaves out the notebooks the others import (the course's setup.dib), and only those.</summary>
public class ImportedNotebooksTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("memcourse-imports-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_notebook_that_another_imports_is_left_out_and_the_others_keep_their_order()
    {
        string setup = Notebooks.Write(_folder, "setup.dib", ("csharp", "int shared = 1;"));
        string b = Notebooks.Write(_folder, "01-b.dib", ("csharp", "#!import setup.dib"), ("csharp", "shared"));
        string a = Notebooks.Write(_folder, "00-a.dib", ("markdown", "# A"), ("csharp", "#!import \"setup.dib\"\nshared + 1"));
        string alone = Notebooks.Write(_folder, "02-alone.dib", ("csharp", "2"));

        Assert.Equal([a, b, alone], ImportedNotebooks.Without([a, b, setup, alone]));
    }

    [Fact]
    public void The_course_folder_runs_every_chapter_but_not_its_setup()
    {
        var files = Directory.GetFiles(RepoPaths.Notebooks, "*.dib").Order(StringComparer.Ordinal).ToList();
        var kept = ImportedNotebooks.Without(files).Select(Path.GetFileName).ToList();

        Assert.DoesNotContain("setup.dib", kept);
        Assert.Equal(files.Count - 1, kept.Count);
        Assert.All(kept, name => Assert.Matches("^[0-9]{2}-", name!));
    }

    [Fact]
    public void An_import_from_a_subfolder_or_of_itself_or_of_an_unread_file_leaves_the_rest_alone()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "lib"));
        string helper = Notebooks.Write(Path.Combine(_folder, "lib"), "helper.dib", ("csharp", "int h = 2;"));
        string self = Notebooks.Write(_folder, "self.dib", ("csharp", "#!import self.dib"));
        string user = Notebooks.Write(_folder, "user.dib", ("csharp", "#!import lib/helper.dib\n#!import missing.dib"));
        string broken = Path.Combine(_folder, "broken.ipynb");
        File.WriteAllText(broken, "{ not json");

        Assert.Equal([self, user, broken], ImportedNotebooks.Without([self, user, broken, helper]));
    }
}
