namespace StaffGuideBot.Guidance.Content;

/// <summary>Which content pack is live (configuration section <c>Content</c>).</summary>
public sealed class ContentOptions
{
    public const string SectionName = "Content";

    /// <summary>The pack's folder name under <see cref="Folder"/>, e.g. <c>england</c>.</summary>
    public string Pack { get; set; } = "england";

    /// <summary>Where packs live; empty = the nearest <c>dialogs</c> folder above the app (the repository's), else the one published with it.</summary>
    public string? Folder { get; set; }

    /// <summary>Entra object ids of the people told in Teams when a content change is refused, who may ask for "content status".</summary>
    public IList<string> Admins { get; } = [];

    /// <summary>The Adaptive Card 1.5 JSON Schema (file or http(s) address) for <c>content validate</c>; empty = the shared or official copy.</summary>
    public string? CardSchema { get; set; }

    public bool IsAdmin(string? aadObjectId) =>
        !string.IsNullOrEmpty(aadObjectId) && Admins.Contains(aadObjectId, StringComparer.OrdinalIgnoreCase);

    public string ResolvePackFolder(string contentRoot) =>
        Path.Combine(string.IsNullOrWhiteSpace(Folder) ? FindDialogsFolder(contentRoot) : Path.GetFullPath(Folder, contentRoot), Pack);

    private static string FindDialogsFolder(string contentRoot)
    {
        var directory = new DirectoryInfo(contentRoot);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "dialogs")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "dialogs");
    }
}
