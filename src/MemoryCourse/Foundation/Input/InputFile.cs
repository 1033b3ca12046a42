using System.Text;

namespace MemoryCourse.Foundation.Input;

/// <summary>
/// Reads a whole input file (a trace, a captured /proc file, a log) with the checks every such reader needs,
/// so that each one answers bad input the same way: a missing file, a folder where a file is expected, a file
/// it may not read, or a named pipe or a device (<c>/dev/zero</c> never ends, a FIFO may never open), or one larger than <c>maxBytes</c> is an
/// <see cref="InputFileException"/> naming the path and the problem, before any parsing. The text is decoded
/// as UTF-8 unless a byte-order mark says otherwise; the mark itself is dropped.
/// </summary>
public static class InputFile
{
    /// <summary>Reads the file at <paramref name="path"/>, refusing more than <paramref name="maxBytes"/> bytes.</summary>
    public static string ReadAllText(string path, long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        if (Directory.Exists(path)) throw new InputFileException(path, "it is a folder, not a file");
        if (SpecialFile.Describe(path) is { } special) throw new InputFileException(path, $"it is {special}, not a regular file; only regular files are read");
        try
        {
            var bytes = BoundedFile.ReadAtMost(path, maxBytes)
                ?? throw new InputFileException(path, $"it is larger than {maxBytes} bytes, the most this reader accepts");
            using var reader = new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            return InputText.WithoutByteOrderMark(reader.ReadToEnd());
        }
        catch (FileNotFoundException) { throw new InputFileException(path, "there is no such file"); }
        catch (DirectoryNotFoundException) { throw new InputFileException(path, "there is no such file (a folder on its path is missing, or is a file)"); }
        catch (UnauthorizedAccessException) { throw new InputFileException(path, "permission denied"); }
        catch (IOException e) when (e is not InputFileException) { throw new InputFileException(path, $"it cannot be read: {e.Message}"); }
    }
}

/// <summary>An input file that cannot be read at all; the message is "PATH: PROBLEM".</summary>
public sealed class InputFileException(string path, string problem) : IOException($"{path}: {problem}")
{
    /// <summary>The file that could not be read.</summary>
    public string Path { get; } = path;

    /// <summary>What is wrong, without the path.</summary>
    public string Problem { get; } = problem;
}
