namespace StaffGuideBot.Operations;

/// <summary>
/// <c>backup.json</c>, written last into a backup folder: what the backup holds (counts only, never content), so a
/// restore can tell a finished backup from a folder that merely looks like one, and check what it restored.
/// </summary>
public sealed class BackupManifest
{
    /// <summary>The file's name in a backup folder.</summary>
    public const string FileName = "backup.json";

    /// <summary>The database's file name in a backup folder.</summary>
    public const string DatabaseFile = "staffguidebot.db";

    /// <summary>The key ring's folder in a backup folder.</summary>
    public const string KeysFolder = "keys";

    /// <summary>The content pack's folder in a backup folder (a copy of the live files, for reference).</summary>
    public const string ContentFolder = "content";

    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The bot's version that made the backup.</summary>
    public string? BotVersion { get; init; }

    /// <summary>Rows in the database (every stored document, counter and audit record).</summary>
    public long Documents { get; init; }

    /// <summary>Reports among them.</summary>
    public long Reports { get; init; }

    /// <summary>
    /// Snapshots of content versions (<c>content/versions/…</c>), the pack each draft and report was made with; null in
    /// a backup made before they were counted.
    /// </summary>
    public long? ContentVersions { get; init; }

    /// <summary>Key files in the key ring.</summary>
    public int Keys { get; init; }

    /// <summary>Keys whose secret is stored in the clear (not protected by a certificate).</summary>
    public int UnprotectedKeys { get; init; }
}
