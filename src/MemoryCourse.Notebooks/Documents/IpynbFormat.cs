using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MemoryCourse.Notebooks.Documents;

/// <summary>
/// Reads and writes Jupyter's <c>.ipynb</c> (nbformat 4) with the metadata Polyglot Notebooks uses, so VS
/// Code opens the file as a C# notebook: the <c>.net-csharp</c> kernelspec, the notebook's kernelInfo under
/// <c>polyglot_notebook</c>, and each code cell's kernel under <c>polyglot_notebook.kernelName</c>. Outputs
/// are stored, so an executed notebook can be read without running it again.
/// </summary>
public static class IpynbFormat
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // keep <, >, & and Korean text readable
    };

    public static Notebook Load(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NotebookFormatException(path, 0, $"cannot read the file: {e.Message}");
        }
        return Parse(DibFormat.DecodeUtf8(bytes, path), path);
    }

    public static Notebook Parse(string json, string path = "<notebook>")
    {
        JsonNode? root;
        try { root = JsonNode.Parse(json); }
        catch (JsonException e)
        {
            throw new NotebookFormatException(path, (int)(e.LineNumber ?? 0) + 1, $"not valid JSON: {e.Message}");
        }
        if (root is not JsonObject obj || obj["cells"] is not JsonArray cellsNode)
            throw new NotebookFormatException(path, 1, "not an nbformat 4 notebook: no \"cells\" array");
        if (obj["nbformat"]?.GetValue<int>() is int major && major != 4)
            throw new NotebookFormatException(path, 1, $"nbformat {major} is not supported (only 4)");

        string? kernelInfo = obj["metadata"]?["polyglot_notebook"]?.ToJsonString();
        string defaultKernel = obj["metadata"]?["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]?.GetValue<string>() ?? KernelNames.CSharp;
        var cells = new List<NotebookCell>();
        int index = 0;
        foreach (var node in cellsNode)
        {
            index++;
            string type = node?["cell_type"]?.GetValue<string>()
                ?? throw new NotebookFormatException(path, 1, $"cell {index} has no cell_type");
            string source = JoinText(node!["source"]);
            string kernel = type switch
            {
                "markdown" => KernelNames.Markdown,
                "code" => node["metadata"]?["polyglot_notebook"]?["kernelName"]?.GetValue<string>()
                          ?? node["metadata"]?["dotnet_interactive"]?["language"]?.GetValue<string>()
                          ?? defaultKernel,
                _ => "raw",
            };
            var outputs = node["outputs"] is JsonArray outs ? outs.Select(ReadOutput).ToList() : [];
            cells.Add(new NotebookCell(kernel, source) { Outputs = outputs });
        }
        return new Notebook(cells, kernelInfo is null ? null : $"{{\"kernelInfo\":{obj["metadata"]!["polyglot_notebook"]!["kernelInfo"]!.ToJsonString()}}}");
    }

    private static CellOutput ReadOutput(JsonNode? node)
    {
        string type = node?["output_type"]?.GetValue<string>() ?? "";
        Dictionary<string, string> Data() =>
            node!["data"] is JsonObject d ? d.ToDictionary(kv => kv.Key, kv => JoinText(kv.Value)) : [];
        return type switch
        {
            "stream" => CellOutput.Stream(node!["name"]?.GetValue<string>() ?? "stdout", JoinText(node["text"])),
            "execute_result" => CellOutput.Result(Data()),
            "error" => CellOutput.Failure(node!["ename"]?.GetValue<string>() ?? "Error", node["evalue"]?.GetValue<string>() ?? ""),
            _ => CellOutput.Display(Data()),
        };
    }

    private static string JoinText(JsonNode? node) => node switch
    {
        null => "",
        JsonArray a => string.Concat(a.Select(x => x?.GetValue<string>() ?? "")),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    /// <summary>The notebook as <c>.ipynb</c> JSON text, outputs included.</summary>
    public static string Write(Notebook notebook)
    {
        string kernelInfoJson = notebook.KernelInfoJson ?? Notebook.DefaultKernelInfoJson;
        JsonNode kernelInfo = JsonNode.Parse(kernelInfoJson)!["kernelInfo"]!.DeepClone();
        var cells = new JsonArray();
        int executionCount = 0;
        foreach (var cell in notebook.Cells)
        {
            if (cell.KernelName == KernelNames.Markdown)
            {
                cells.Add(new JsonObject
                {
                    ["cell_type"] = "markdown",
                    ["metadata"] = new JsonObject(),
                    ["source"] = Lines(cell.Source),
                });
                continue;
            }
            executionCount++;
            var outputs = new JsonArray();
            foreach (var output in cell.Outputs) outputs.Add(WriteOutput(output, executionCount));
            cells.Add(new JsonObject
            {
                ["cell_type"] = "code",
                ["execution_count"] = cell.Outputs.Count > 0 ? executionCount : null,
                ["metadata"] = new JsonObject
                {
                    ["dotnet_interactive"] = new JsonObject { ["language"] = cell.KernelName },
                    ["polyglot_notebook"] = new JsonObject { ["kernelName"] = cell.KernelName },
                    ["vscode"] = new JsonObject { ["languageId"] = "polyglot-notebook" },
                },
                ["outputs"] = outputs,
                ["source"] = Lines(cell.Source),
            });
        }
        var root = new JsonObject
        {
            ["cells"] = cells,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject
                {
                    ["display_name"] = ".NET (C#)",
                    ["language"] = "C#",
                    ["name"] = ".net-csharp",
                },
                ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
                ["polyglot_notebook"] = new JsonObject { ["kernelInfo"] = kernelInfo },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 4,
        };
        return root.ToJsonString(Indented) + "\n";
    }

    public static void Save(Notebook notebook, string path) => AtomicFile.WriteAllText(path, Write(notebook));

    private static JsonObject WriteOutput(CellOutput output, int executionCount)
    {
        JsonObject Data() => new(output.Data.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)Lines(kv.Value))));
        return output.Kind switch
        {
            OutputKind.Stream => new JsonObject
            {
                ["output_type"] = "stream",
                ["name"] = output.StreamName ?? "stdout",
                ["text"] = Lines(output.Text ?? ""),
            },
            OutputKind.ExecuteResult => new JsonObject
            {
                ["output_type"] = "execute_result",
                ["data"] = Data(),
                ["execution_count"] = executionCount,
                ["metadata"] = new JsonObject(),
            },
            OutputKind.Error => new JsonObject
            {
                ["output_type"] = "error",
                ["ename"] = output.ErrorName ?? "Error",
                ["evalue"] = output.ErrorMessage ?? "",
                ["traceback"] = new JsonArray((output.ErrorMessage ?? "").Split('\n').Select(l => (JsonNode?)l).ToArray()),
            },
            _ => new JsonObject
            {
                ["output_type"] = "display_data",
                ["data"] = Data(),
                ["metadata"] = new JsonObject(),
            },
        };
    }

    // nbformat stores multi-line text as a list of lines, each keeping its "\n" but the last.
    private static JsonArray Lines(string text) => new(TextLines.SplitKeepingEndings(text).Select(l => (JsonNode?)l).ToArray());
}
