namespace StaffGuideBot.BotFramework.Hosting;

/// <summary>Where state is kept (configuration section <c>Storage</c>).</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><c>Sqlite</c> (default: one local file, nothing to install) or <c>Memory</c> (lost on restart; tests only).</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>The SQLite file; relative paths are under the content root.</summary>
    public string SqlitePath { get; set; } = "data/staffguidebot.db";
}
