namespace MemoryCourse.Foundation.Input;

/// <summary>
/// Reads a whole file into memory, but never more than a bound: a reader that must take any path a user gives (a
/// trace, a notebook, a partial gradebook) stops at its bound instead of filling the memory. The caller refuses
/// folders and special files first (<see cref="SpecialFile"/>) and words its own errors. This source file is
/// compiled into the models and into the notebook engine, which references no models (see ARCHITECTURE.md).
/// </summary>
internal static class BoundedFile
{
    /// <summary>
    /// The bytes of the file at <paramref name="path"/>, or null when it holds more than <paramref name="maxBytes"/>
    /// (reading stops there). The file is opened for reading while others may write it; IO errors propagate.
    /// </summary>
    public static byte[]? ReadAtMost(string path, long maxBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var bytes = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (bytes.Length + read > maxBytes) return null;
            bytes.Write(buffer, 0, read);
        }
        return bytes.ToArray();
    }
}
