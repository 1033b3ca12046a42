using System.Runtime.InteropServices;
using System.Text;

namespace MemoryCourse.Foundation.Input;

/// <summary>
/// Tells a regular file from the special files a path can also name: a named pipe (FIFO), a device
/// (<c>/dev/zero</c>, <c>/dev/urandom</c>, also through a symbolic link) or a socket. Reading one of those
/// can block forever (a FIFO with no writer) or never end (a device), so every reader asks first and refuses
/// them before it opens anything. Asks the kernel with <c>statx</c>, which follows symbolic links; where that
/// call does not exist (not Linux), a path under <c>/dev</c> counts as a device. This source file is compiled
/// into the models and into the notebook engine, which references no models (see ARCHITECTURE.md); the CLI uses
/// the engine's.
/// </summary>
internal static class SpecialFile
{
    /// <summary>
    /// Null when <paramref name="path"/> is a regular file, a folder, or nothing at all; otherwise what it is,
    /// as a message says it ("a named pipe (FIFO)", "a device", "a socket").
    /// </summary>
    public static string? Describe(string path)
    {
        if (string.IsNullOrEmpty(path) || path.IndexOf('\0') >= 0) return null;
        try
        {
            var buffer = new byte[256];
            if (Native.statx(AtCurrentFolder, Encoding.UTF8.GetBytes(path + "\0"), 0, StatxType, buffer) != 0) return null;
            return (BitConverter.ToUInt16(buffer, ModeOffset) & TypeMask) switch
            {
                RegularFile or Folder => null,
                Fifo => "a named pipe (FIFO)",
                CharacterDevice or BlockDevice => "a device",
                Socket => "a socket",
                _ => "not a regular file",
            };
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            string full = Path.GetFullPath(path);
            return full.StartsWith("/dev/", StringComparison.Ordinal) && File.Exists(full) ? "a device" : null;
        }
    }

    // struct statx has one layout on every architecture: stx_mode is the 16-bit field at byte 28.
    private const int AtCurrentFolder = -100;
    private const uint StatxType = 1;
    private const int ModeOffset = 28;
    private const int TypeMask = 0xF000, RegularFile = 0x8000, Folder = 0x4000, Fifo = 0x1000, CharacterDevice = 0x2000, BlockDevice = 0x6000, Socket = 0xC000;

    private static class Native
    {
        [DllImport("libc", SetLastError = true)]
        public static extern int statx(int dirfd, byte[] path, int flags, uint mask, byte[] buffer);
    }
}
