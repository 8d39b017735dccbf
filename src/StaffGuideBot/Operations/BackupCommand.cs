using System.Globalization;
using StaffGuideBot.BotFramework.Hosting;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Hosting;

namespace StaffGuideBot.Operations;

/// <summary>
/// The <c>backup</c> and <c>restore</c> command line verbs, run instead of the web host, with the bot's own
/// configuration (Storage, Content, DataProtection):
/// <code>
/// dotnet run --project src/StaffGuideBot -- backup &lt;folder&gt;          a consistent snapshot, while the bot runs
/// dotnet run --project src/StaffGuideBot -- backup verify &lt;folder&gt;   decrypts every document of a backup
/// dotnet run --project src/StaffGuideBot -- restore &lt;folder&gt; [--replace]
/// </code>
/// See <see cref="StateBackup"/>. Folders are taken from the current directory. Exit code 0 when done, 1 when it
/// can't be done (one line saying why), 2 for a command line it can't read. A bot on PostgreSQL is backed up with
/// <c>pg_dump</c>, which takes the key ring with it (the README says how).
/// </summary>
public static class BackupCommand
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    private const string Usage = """
        usage: backup <folder>                  a consistent snapshot of the database, the key ring and the content pack
               backup verify <folder>           reads every document of a backup with its key ring (and the certificate)
               restore <folder> [--replace]     into the configured Storage:SqlitePath; --replace moves current data aside
        """;

    public static bool IsBackupCommand(IReadOnlyList<string> args) => args is { Count: > 0 } && args[0] is "backup" or "restore";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, IConfiguration configuration, string contentRoot, TextWriter output, TextWriter error, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        clock ??= TimeProvider.System;
        var rest = args.Skip(1).ToList();
        var replace = rest.Remove("--replace");
        var verify = args[0] == "backup" && rest.Count > 0 && rest[0] == "verify";
        if (verify)
        {
            rest.RemoveAt(0);
        }

        if (rest.Count != 1 || rest[0].StartsWith("--", StringComparison.Ordinal) || (replace && args[0] != "restore"))
        {
            await error.WriteLineAsync(Usage);
            return UsageError;
        }

        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var folder = Path.GetFullPath(rest[0]);
        try
        {
            if (!verify && NotOnSqlite(storage) is { } elsewhere)
            {
                throw new BackupException(elsewhere);
            }

            var database = Path.GetFullPath(storage.ResolveSqlitePath(contentRoot));
            var keys = Path.GetFullPath(storage.ResolveKeysPath(contentRoot));
            if (verify)
            {
                return await VerifyAsync(folder, configuration, contentRoot, output, error);
            }

            if (args[0] == "backup")
            {
                var content = configuration.GetSection(ContentOptions.SectionName).Get<ContentOptions>() ?? new ContentOptions();
                var manifest = await StateBackup.CreateAsync(database, keys, content.ResolvePackFolder(contentRoot), folder, clock.GetUtcNow());
                await output.WriteLineAsync($"Backed up {Count(manifest.Documents)} documents ({Count(manifest.Reports)} reports, {Count(manifest.ContentVersions ?? 0)} content versions) and {manifest.Keys} key(s) to {folder}.");
                await output.WriteLineAsync(manifest.Keys > 0 && manifest.UnprotectedKeys == 0
                    ? "The key ring in it is protected by the certificate: keep the certificate (or its Key Vault) backed up too, apart from this backup, or the backup can't be read."
                    : "The key ring in it is not protected by a certificate, so anyone with this backup can read the reports: keep it as safe as the live data (README, \"Protecting the key ring\").");
                await output.WriteLineAsync($"To prove it can be read: backup verify {folder}");
                return Success;
            }

            var (restored, aside) = await StateBackup.RestoreAsync(folder, database, keys, replace, clock.GetUtcNow());
            if (aside is not null)
            {
                await output.WriteLineAsync($"The data that was there is kept in {aside}.");
            }

            await output.WriteLineAsync($"Restored {Count(restored.Documents)} documents ({Count(restored.Reports)} reports) and {restored.Keys} key(s) from the backup of {restored.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC to {database}.");
            return await ReadBackAsync(database, keys, configuration, contentRoot, output, error);
        }
        catch (Exception ex) when (ex is BackupException or KeyRingProtectionException)
        {
            await error.WriteLineAsync($"StaffGuideBot {args[0]}: {ex.Message}");
            return Failure;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"StaffGuideBot {args[0]}: a file could not be read or written ({ex.GetType().Name}: {ex.Message}).");
            return Failure;
        }
    }

    /// <summary>Reads every document of the backup in <paramref name="folder"/>, on a copy (the backup itself is never changed).</summary>
    private static async Task<int> VerifyAsync(string folder, IConfiguration configuration, string contentRoot, TextWriter output, TextWriter error)
    {
        var manifest = StateBackup.ReadManifest(folder);
        var scratch = Path.Combine(Path.GetTempPath(), "staffguidebot-verify-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (copy, _) = await StateBackup.RestoreAsync(folder, Path.Combine(scratch, BackupManifest.DatabaseFile), Path.Combine(scratch, BackupManifest.KeysFolder), replace: false, DateTimeOffset.UtcNow);
            await output.WriteLineAsync($"The backup of {copy.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC holds {Count(manifest.Documents)} documents ({Count(manifest.Reports)} reports) and {manifest.Keys} key(s).");
            return await ReadBackAsync(Path.Combine(scratch, BackupManifest.DatabaseFile), Path.Combine(scratch, BackupManifest.KeysFolder), configuration, contentRoot, output, error);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    /// <summary>Decrypts every document with the key ring and the configured certificates; fails when one can't be read.</summary>
    private static async Task<int> ReadBackAsync(string database, string keys, IConfiguration configuration, string contentRoot, TextWriter output, TextWriter error)
    {
        var protection = configuration.GetSection(KeyRingProtectionOptions.SectionName).Get<KeyRingProtectionOptions>() ?? new KeyRingProtectionOptions();
        var certificates = await KeyRingProtection.LoadAsync(protection, contentRoot);
        var (documents, reports, unreadable) = await StateBackup.ReadEverythingAsync(database, keys, certificates);
        if (unreadable > 0)
        {
            await error.WriteLineAsync($"StaffGuideBot: {Count(unreadable)} of {Count(documents + unreadable)} documents can't be decrypted with this key ring{(certificates.Count > 0 ? " and certificate" : string.Empty)}: the key ring or the certificate that protects it is missing or wrong (DataProtection settings).");
            return Failure;
        }

        await output.WriteLineAsync($"Every document ({Count(documents)}, {Count(reports)} reports) was read back with the key ring.");
        return Success;
    }

    /// <summary>Why this command doesn't apply to the configured storage; null on SQLite.</summary>
    private static string? NotOnSqlite(StorageOptions storage) =>
        storage.Is("Postgres")
            ? "the state is in PostgreSQL (Storage:Provider): back it up with pg_dump, which takes the key ring with it (README, \"Backup and restore\")."
            : storage.Is("Memory")
                ? "Storage:Provider is Memory: nothing is kept, so there is nothing to back up or restore."
                : null;

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
