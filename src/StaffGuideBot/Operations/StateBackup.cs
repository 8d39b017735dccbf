using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using StaffGuideBot.BotFramework.Hosting;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Hosting;

namespace StaffGuideBot.Operations;

/// <summary>
/// Backs up and restores the state of a bot on SQLite: the database, taken with SQLite's online backup (so what sits
/// in the <c>-wal</c> file is included and the bot may keep running), the key ring's files as they are (protected or
/// not), a copy of the live content pack, and <see cref="BackupManifest"/> last. Everything is created readable by
/// the current user only. Nothing is decrypted except by <see cref="ReadEverythingAsync"/>, which proves a backup or
/// a restore can be read.
/// </summary>
public static class StateBackup
{
    private static readonly JsonSerializerOptions ManifestJson = new(BotJson.Options) { WriteIndented = true };

    /// <summary>Writes a backup of <paramref name="database"/> and the key ring in <paramref name="keys"/> into <paramref name="target"/> (new or empty).</summary>
    public static async Task<BackupManifest> CreateAsync(string database, string keys, string? contentPack, string target, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(database))
        {
            throw new BackupException($"there is no database at {database} yet, so there is nothing to back up.");
        }

        if (File.Exists(target) || (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any()))
        {
            throw new BackupException($"{target} is not an empty folder: back up into a new or empty folder, so that nothing from an earlier backup is mixed in.");
        }

        // Both checked before anything is written, so a refusal leaves no half-made backup behind.
        var (liveDocuments, _, _) = await CheckAsync(database, SqliteOpenMode.ReadWrite, integrity: false, cancellationToken);
        var keyFiles = Directory.Exists(keys) ? Directory.GetFiles(keys, "*.xml") : [];
        if (keyFiles.Length == 0 && liveDocuments > 0)
        {
            throw new BackupException($"there is no key ring at {keys}: without it the database can't be read, so this would not be a backup (see Storage:KeysPath).");
        }

        OwnerOnlyFiles.CreateDirectory(target);
        var copy = Path.Combine(target, BackupManifest.DatabaseFile);
        OwnerOnlyFiles.CreateFile(copy);
        await CopyDatabaseAsync(database, SqliteOpenMode.ReadWrite, copy, selfContained: true, cancellationToken);
        var (documents, reports, contentVersions) = await CheckAsync(copy, SqliteOpenMode.ReadWrite, integrity: true, cancellationToken);

        CopyFiles(keyFiles, Path.Combine(target, BackupManifest.KeysFolder));
        if (contentPack is not null && Directory.Exists(contentPack))
        {
            var packCopy = Path.Combine(target, BackupManifest.ContentFolder, Path.GetFileName(Path.TrimEndingDirectorySeparator(contentPack)));
            foreach (var folder in Directory.GetDirectories(contentPack, "*", SearchOption.AllDirectories).Prepend(contentPack))
            {
                CopyFiles(Directory.GetFiles(folder), Path.Combine(packCopy, Path.GetRelativePath(contentPack, folder)));
            }
        }

        var manifest = new BackupManifest
        {
            CreatedAt = now,
            BotVersion = typeof(StateBackup).Assembly.GetName().Version?.ToString(),
            Documents = documents,
            Reports = reports,
            ContentVersions = contentVersions,
            Keys = keyFiles.Length,
            UnprotectedKeys = KeyRingProtection.UnprotectedKeys(keyFiles.Select(XElement.Load)),
        };

        // Written last: a folder without it is a backup that didn't finish.
        var manifestPath = Path.Combine(target, BackupManifest.FileName);
        OwnerOnlyFiles.CreateFile(manifestPath);
        await File.WriteAllTextAsync(manifestPath, JsonSerializer.Serialize(manifest, ManifestJson), cancellationToken);
        return manifest;
    }

    /// <summary>The manifest of the backup in <paramref name="backup"/>; a folder that isn't a finished backup says so.</summary>
    public static BackupManifest ReadManifest(string backup)
    {
        if (!Directory.Exists(backup))
        {
            throw new BackupException($"there is no folder at {backup}.");
        }

        var path = Path.Combine(backup, BackupManifest.FileName);
        if (!File.Exists(path) || !File.Exists(Path.Combine(backup, BackupManifest.DatabaseFile)))
        {
            throw new BackupException($"{backup} is not a StaffGuideBot backup (it has no {BackupManifest.FileName} and {BackupManifest.DatabaseFile}), or its backup didn't finish.");
        }

        BackupManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BackupManifest>(File.ReadAllText(path), ManifestJson);
        }
        catch (JsonException)
        {
            manifest = null;
        }

        return manifest switch
        {
            null => throw new BackupException($"{path} can't be read: the backup is damaged."),
            { Format: > BackupManifest.CurrentFormat } => throw new BackupException($"{backup} was made by a newer version of StaffGuideBot; restore it with that version."),
            _ => manifest,
        };
    }

    /// <summary>
    /// Restores the backup in <paramref name="backup"/> to <paramref name="database"/> and <paramref name="keys"/>.
    /// Data already there is refused, or with <paramref name="replace"/> moved aside into a <c>before-restore-…</c>
    /// folder beside the database (never deleted). The restored database is checked against the manifest.
    /// </summary>
    public static async Task<(BackupManifest Manifest, string? MovedAside)> RestoreAsync(string backup, string database, string keys, bool replace, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var manifest = ReadManifest(backup);
        var backupDatabase = Path.Combine(backup, BackupManifest.DatabaseFile);

        // The backup is checked before the current data is touched: a damaged one is refused with nothing moved.
        var inBackup = await CheckAsync(backupDatabase, SqliteOpenMode.ReadOnly, integrity: true, cancellationToken);
        if (Mismatch(manifest, inBackup) is { } backupDiffers)
        {
            throw new BackupException($"the backup's database holds {backupDiffers}: the backup is damaged.");
        }

        // Replacing a database a bot is using would lose what it writes next: refused while any bot holds it.
        using var alone = SqliteInUse.TryTakeAlone(database)
            ?? throw new BackupException($"a bot is running on {database}: stop it (every instance), then restore.");
        var existing = new[] { database, database + "-wal", database + "-shm" }.Where(File.Exists).ToList();
        var existingKeys = Directory.Exists(keys) && Directory.EnumerateFileSystemEntries(keys).Any();
        string? aside = null;
        if (existing.Count > 0 || existingKeys)
        {
            if (!replace)
            {
                throw new BackupException($"there is already data at {database} (or keys in {keys}): restore into an empty place, or stop the bot and add --replace to move the current data aside first.");
            }

            aside = Path.Combine(Path.GetDirectoryName(database)!, "before-restore-" + now.UtcDateTime.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture));
            OwnerOnlyFiles.CreateDirectory(aside);
            foreach (var file in existing)
            {
                File.Move(file, Path.Combine(aside, Path.GetFileName(file)));
            }

            if (existingKeys)
            {
                Directory.Move(keys, Path.Combine(aside, BackupManifest.KeysFolder));
            }
        }

        try
        {
            OwnerOnlyFiles.CreateFile(database); // its folder was made for the lock file
            await CopyDatabaseAsync(backupDatabase, SqliteOpenMode.ReadOnly, database, selfContained: false, cancellationToken);
            CopyFiles(Directory.Exists(Path.Combine(backup, BackupManifest.KeysFolder)) ? Directory.GetFiles(Path.Combine(backup, BackupManifest.KeysFolder), "*.xml") : [], keys);
            if (Mismatch(manifest, await CheckAsync(database, SqliteOpenMode.ReadWrite, integrity: true, cancellationToken)) is { } restoredDiffers)
            {
                throw new BackupException($"the restored database holds {restoredDiffers}: the backup is damaged.");
            }
        }
        catch (Exception ex) when (aside is not null && ex is BackupException or IOException or UnauthorizedAccessException)
        {
            // The data that was there is already moved: whoever reads this must know where, before starting the bot.
            var why = ex is BackupException ? ex.Message.TrimEnd('.') : $"a file could not be written ({ex.GetType().Name}: {ex.Message.TrimEnd('.')})";
            throw new BackupException($"{why}. The data that was there is kept, untouched, in {aside}: move it back (or restore again) before starting the bot.");
        }

        return (manifest, aside);
    }

    /// <summary>
    /// Decrypts every document of <paramref name="database"/> with the key ring in <paramref name="keys"/> (and the
    /// certificates that protect it): the proof that a backup or a restore can be read. Never writes a key; the
    /// database is opened as the bot would open it.
    /// </summary>
    public static async Task<(long Documents, long Reports, long Unreadable)> ReadEverythingAsync(string database, string keys, IReadOnlyList<X509Certificate2> certificates, CancellationToken cancellationToken = default)
    {
        var services = new ServiceCollection();
        var protection = services.AddDataProtection()
            .SetApplicationName(BotFrameworkServiceCollectionExtensions.DataProtectionApplicationName)
            .PersistKeysToFileSystem(new DirectoryInfo(keys))
            .DisableAutomaticKeyGeneration();
        KeyRingProtection.Apply(protection, certificates);
        await using var provider = services.BuildServiceProvider();
        using var sqlite = new SqliteStorage(database);
        var storage = new ProtectedStorage(sqlite, provider.GetRequiredService<IDataProtectionProvider>());
        long documents = 0, reports = 0, unreadable = 0;
        foreach (var key in await sqlite.ListKeysAsync(string.Empty, cancellationToken))
        {
            try
            {
                await storage.ReadAsync([key], cancellationToken);
                documents++;
                reports += IsReport(key) ? 1 : 0;
            }
            catch (CryptographicException)
            {
                unreadable++;
            }
        }

        return (documents, reports, unreadable);
    }

    /// <summary>What the counts of a database say that <paramref name="manifest"/> doesn't; null when they agree.</summary>
    private static string? Mismatch(BackupManifest manifest, (long Documents, long Reports, long ContentVersions) counts) =>
        counts.Documents != manifest.Documents || counts.Reports != manifest.Reports
            ? $"{counts.Documents} documents ({counts.Reports} reports) where {BackupManifest.FileName} recorded {manifest.Documents} ({manifest.Reports})"
            : manifest.ContentVersions is { } versions && versions != counts.ContentVersions
                ? $"{counts.ContentVersions} content versions where {BackupManifest.FileName} recorded {versions}"
                : null;

    private static bool IsReport(string key) => key.StartsWith("reports/SG-", StringComparison.Ordinal);

    /// <summary>
    /// SQLite's online backup of <paramref name="source"/> into <paramref name="destination"/>: what is still in the
    /// source's <c>-wal</c> file is included, and the source may be written meanwhile. A
    /// <paramref name="selfContained"/> copy is left in rollback-journal mode, one file with no <c>-wal</c> beside it.
    /// </summary>
    private static async Task CopyDatabaseAsync(string source, SqliteOpenMode sourceMode, string destination, bool selfContained, CancellationToken cancellationToken)
    {
        try
        {
            await using var from = await OpenAsync(source, sourceMode, cancellationToken);
            await using var to = await OpenAsync(destination, SqliteOpenMode.ReadWrite, cancellationToken);
            from.BackupDatabase(to);
            if (selfContained)
            {
                await ExecuteAsync(to, "PRAGMA journal_mode = DELETE;", cancellationToken);
            }
        }
        catch (SqliteException ex)
        {
            throw new BackupException($"{source} could not be copied to {destination} (SQLite error {ex.SqliteErrorCode}).");
        }
    }

    /// <summary>Its rows, reports and content versions, after SQLite's own check of the whole file when <paramref name="integrity"/> is set.</summary>
    private static async Task<(long Documents, long Reports, long ContentVersions)> CheckAsync(string database, SqliteOpenMode mode, bool integrity, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(database, mode, cancellationToken);
            if (integrity)
            {
                await using var check = connection.CreateCommand();
                check.CommandText = "PRAGMA integrity_check;";
                if (await check.ExecuteScalarAsync(cancellationToken) is not "ok")
                {
                    throw new BackupException($"{database} failed SQLite's integrity check.");
                }
            }

            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT count(*), coalesce(sum(key GLOB 'reports/SG-*'), 0), coalesce(sum(key GLOB 'content/versions/*'), 0) FROM items;";
            await using var reader = await count.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }
        catch (SqliteException ex)
        {
            throw new BackupException($"{database} can't be read as the bot's database (SQLite error {ex.SqliteErrorCode}).");
        }
    }

    private static async Task<SqliteConnection> OpenAsync(string path, SqliteOpenMode mode, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync();
            throw new BackupException($"{path} can't be opened (SQLite error {ex.SqliteErrorCode}).");
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Copies files into <paramref name="folder"/> (created owner-only), each readable by the current user only.</summary>
    private static void CopyFiles(IEnumerable<string> files, string folder)
    {
        OwnerOnlyFiles.CreateDirectory(folder);
        foreach (var file in files)
        {
            var copy = Path.Combine(folder, Path.GetFileName(file));
            OwnerOnlyFiles.CreateFile(copy);
            File.Copy(file, copy, overwrite: true);
        }

        // File.Copy gives a copy its source's mode, which may be wider than the owner's.
        OwnerOnlyFiles.Restrict(folder, "*");
    }
}
