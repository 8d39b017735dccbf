namespace StaffGuideBot.BotFramework.Hosting;

/// <summary>Where state is kept (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>
    /// <c>Sqlite</c> (default: one local file, nothing to install), <c>Postgres</c> (one database shared by several
    /// instances behind a load balancer) or <c>Memory</c> (lost on restart; tests only).
    /// </summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>
    /// For <c>Postgres</c>: the Npgsql connection string (e.g. <c>Host=…;Database=staffguidebot;Username=…</c>). The
    /// table is created on first use. The Data Protection key ring is then kept in the same database, so every
    /// instance reads what the others wrote.
    /// </summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>
    /// For <c>Postgres</c> on Azure with Entra authentication: the client id of the user-assigned managed identity the
    /// bot signs in to the database as. Its access token is the password (the connection string has none); empty: the
    /// connection string's own credentials.
    /// </summary>
    public string? PostgresEntraClientId { get; set; }

    /// <summary>The SQLite file; relative paths are under the content root.</summary>
    public string SqlitePath { get; set; } = "data/staffguidebot.db";

    /// <summary>
    /// The Data Protection key ring that encrypts every stored document (see <see cref="State.ProtectedStorage"/>);
    /// relative paths are under the content root. Empty: a <c>keys</c> folder beside the SQLite file. Back it up with
    /// the database: without its keys, the stored reports can't be read.
    /// </summary>
    public string? KeysPath { get; set; }

    /// <summary>True when the provider is <paramref name="name"/> (any case, spaces ignored).</summary>
    public bool Is(string name) => string.Equals(Provider?.Trim(), name, StringComparison.OrdinalIgnoreCase);

    public string ResolveSqlitePath(string contentRoot) =>
        Path.IsPathRooted(SqlitePath) ? SqlitePath : Path.Combine(contentRoot, SqlitePath);

    public string ResolveKeysPath(string contentRoot) =>
        string.IsNullOrWhiteSpace(KeysPath)
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(ResolveSqlitePath(contentRoot)))!, "keys")
            : Path.GetFullPath(KeysPath, contentRoot);
}
