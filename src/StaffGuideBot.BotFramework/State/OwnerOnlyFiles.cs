namespace StaffGuideBot.BotFramework.State;

/// <summary>
/// Creates the files and folders that hold stored state readable by the bot's own user only (0600 files, 0700
/// folders) on Linux and macOS; on Windows they inherit the folder's ACL as usual. What exists already is left as it is.
/// </summary>
public static class OwnerOnlyFiles
{
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode FolderMode = FileMode | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> and any missing folders above it (each owner-only).</summary>
    public static void CreateDirectory(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(full);
            return;
        }

        if (Path.GetDirectoryName(full) is { } parent)
        {
            CreateDirectory(parent);
        }

        Directory.CreateDirectory(full, FolderMode);
    }

    /// <summary>Creates an empty file if there is none (SQLite gives its -wal and -shm files the database file's mode).</summary>
    public static void CreateFile(string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        try
        {
            using var _ = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first.
        }
    }

    /// <summary>Makes the files in <paramref name="folder"/> that match <paramref name="pattern"/> owner-only.</summary>
    public static void Restrict(string folder, string pattern)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder, pattern))
        {
            if (File.GetUnixFileMode(file) != FileMode)
            {
                File.SetUnixFileMode(file, FileMode);
            }
        }
    }
}
