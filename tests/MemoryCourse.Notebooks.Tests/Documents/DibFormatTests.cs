using FsCheck;
using FsCheck.Fluent;
using MemoryCourse.Notebooks.Documents;

namespace MemoryCourse.Notebooks.Tests.Documents;

public class DibFormatTests
{
    private const string Header = "#!meta\n\n" + Notebook.DefaultKernelInfoJson + "\n\n";

    [Fact]
    public void Cells_start_only_at_known_kernel_names_and_aliases()
    {
        var nb = DibFormat.Parse(Header + "#!cs\n\n#!time\nvar x = 1;\n#!import setup.dib\n\n#!md\n\n# Title\n\n#!C#\n\nx\n");
        Assert.Equal(["cs", "md", "C#"], nb.Cells.Select(c => c.Kernel));
        Assert.Equal(["csharp", "markdown", "csharp"], nb.Cells.Select(c => c.KernelName));
        Assert.Equal("#!time\nvar x = 1;\n#!import setup.dib", nb.Cells[0].Source);
    }

    [Fact]
    public void Leading_and_trailing_blank_lines_are_not_part_of_a_cell()
    {
        var nb = DibFormat.Parse(Header + "#!csharp\n\n\n  \nvar a = 1;\n\nvar b = 2;\n\n\n");
        Assert.Equal("var a = 1;\n\nvar b = 2;", nb.Cells.Single().Source);
    }

    [Fact]
    public void The_meta_header_is_read_and_not_a_cell()
    {
        var nb = DibFormat.Parse(Header + "#!markdown\n\nHi\n");
        Assert.Equal(Notebook.DefaultKernelInfoJson, nb.KernelInfoJson);
        Assert.Equal("csharp", nb.DefaultKernelName);
        Assert.Single(nb.Cells);
    }

    [Fact]
    public void Malformed_meta_json_is_an_error_naming_file_and_line()
    {
        var e = Assert.Throws<NotebookFormatException>(() => DibFormat.Parse("#!meta\n\n{\"kernelInfo\": \n\n#!csharp\n\n1\n", "broken.dib"));
        Assert.Equal(3, e.Line);
        Assert.StartsWith("broken.dib:3: the #!meta line is not valid JSON", e.Message);
    }

    [Fact]
    public void Meta_json_without_kernel_info_is_rejected()
    {
        var e = Assert.Throws<NotebookFormatException>(() => DibFormat.Parse("#!meta\n\n{\"items\":[]}\n\n#!csharp\n\n1\n", "x.dib"));
        Assert.Contains("kernelInfo", e.Message);
    }

    [Fact]
    public void Every_course_notebook_reads_and_writes_back_byte_identical()
    {
        foreach (var path in Directory.GetFiles(RepoPaths.Notebooks, "*.dib"))
        {
            string original = File.ReadAllText(path);
            Assert.True(original == DibFormat.Write(DibFormat.Parse(original, path)), $"{path} changed on a round trip");
        }
    }

    [Fact]
    public void Any_document_reads_and_writes_back_byte_identical()
    {
        // Documents made of random cells, blank-line layouts and line endings, including magic lines.
        var lineGen = Gen.Elements("var x = 1;", "", "  ", "#!time", "#!import a.dib", "// c", "#!unknown", "# heading", "x");
        var cellGen =
            from kernel in Gen.Elements("csharp", "cs", "markdown", "md", "html", "mermaid")
            from lines in Gen.ListOf(lineGen)
            select $"#!{kernel}\n" + string.Concat(lines.Select(l => l + "\n"));
        var docGen =
            from withHeader in Gen.Elements(true, false)
            from cells in Gen.NonEmptyListOf(cellGen)
            from newLine in Gen.Elements("\n", "\r\n")
            select ((withHeader ? Header : "") + string.Concat(cells)).Replace("\n", newLine);
        Prop.ForAll(docGen.ToArbitrary(), text => DibFormat.Write(DibFormat.Parse(text)) == text).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_built_notebook_is_written_in_the_canonical_layout()
    {
        var nb = new Notebook([new NotebookCell("markdown", "# T"), new NotebookCell("csharp", "var x = 1;")], Notebook.DefaultKernelInfoJson);
        Assert.Equal(Header + "#!markdown\n\n# T\n\n#!csharp\n\nvar x = 1;\n", DibFormat.Write(nb));
    }

    [Fact]
    public void An_edited_cell_is_rewritten_and_the_rest_kept_as_they_were()
    {
        string text = Header + "#!csharp\n\n\n\nvar x = 1;\n\n\n#!markdown\n\nText\n";
        var nb = DibFormat.Parse(text);
        var edited = nb.WithCell(1, nb.Cells[1] with { Source = "Other" });
        Assert.Equal(Header + "#!csharp\n\n\n\nvar x = 1;\n\n\n#!markdown\n\nOther\n", DibFormat.Write(edited));
    }

    [Fact]
    public void Text_that_is_not_utf8_is_reported_as_not_a_notebook()
    {
        string path = Path.Combine(Path.GetTempPath(), $"binary-{Guid.NewGuid():N}.dib");
        File.WriteAllBytes(path, [0xff, 0xfe, 0x00, 0x80, 0x81]);
        try
        {
            var e = Assert.Throws<NotebookFormatException>(() => DibFormat.Load(path));
            Assert.Contains("not UTF-8", e.Message);
        }
        finally { File.Delete(path); }
    }
}
