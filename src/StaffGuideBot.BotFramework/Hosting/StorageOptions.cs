namespace StaffGuideBot.BotFramework.Hosting;

/// <summary>Where state is kept (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><c>Sqlite</c> (default: one local file, nothing to install) or <c>Memory</c> (lost on restart; tests only).</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>The SQLite file; relative paths are under the content root.</summary>
    public string SqlitePath { get; set; } = "data/staffguidebot.db";

    /// <summary>
    /// The Data Protection key ring that encrypts every stored document (see <see cref="State.ProtectedStorage"/>);
    /// relative paths are under the content root. Empty: a <c>keys</c> folder beside the SQLite file. Back it up with
    /// the database: without its keys, the stored reports can't be read.
    /// </summary>
    public string? KeysPath { get; set; }

    public string ResolveSqlitePath(string contentRoot) =>
        Path.IsPathRooted(SqlitePath) ? SqlitePath : Path.Combine(contentRoot, SqlitePath);

    public string ResolveKeysPath(string contentRoot) =>
        string.IsNullOrWhiteSpace(KeysPath)
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(ResolveSqlitePath(contentRoot)))!, "keys")
            : Path.GetFullPath(KeysPath, contentRoot);
}
