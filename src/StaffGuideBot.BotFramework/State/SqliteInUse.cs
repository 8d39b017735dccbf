namespace StaffGuideBot.BotFramework.State;

/// <summary>
/// Marks a SQLite database as in use with a lock file beside it (<c>state.db.lock</c>): every bot using the database
/// holds it shared for as long as it runs, and a restore, which replaces the database, must hold it alone. The lock is
/// the operating system's (an advisory <c>flock</c> on Linux and macOS), so a process that dies lets go of it.
/// </summary>
public static class SqliteInUse
{
    /// <summary>The lock file of the database at <paramref name="database"/>.</summary>
    public static string LockPath(string database) => Path.GetFullPath(database) + ".lock";

    /// <summary>Holds the database as in use, alongside any other bot; refused only while a restore holds it alone.</summary>
    public static FileStream Share(string database) =>
        TryOpen(database, FileShare.ReadWrite)
        ?? throw new IOException($"{database} is being restored: start the bot once the restore has finished.");

    /// <summary>Holds the database alone, or null when anything else (a running bot) holds it.</summary>
    public static FileStream? TryTakeAlone(string database) => TryOpen(database, FileShare.None);

    private static FileStream? TryOpen(string database, FileShare share)
    {
        var path = LockPath(database);
        OwnerOnlyFiles.CreateDirectory(Path.GetDirectoryName(path)!);
        OwnerOnlyFiles.CreateFile(path);
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.ReadWrite, share);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
