namespace StaffGuideBot.Guidance.Content;

/// <summary>Which content pack is live (configuration section <c>Content</c>).</summary>
public sealed class ContentOptions
{
    public const string SectionName = "Content";

    /// <summary>The pack's folder name under <see cref="Folder"/>, e.g. <c>england</c>.</summary>
    public string Pack { get; set; } = "england";

    /// <summary>Where packs live; empty = the nearest <c>dialogs</c> folder above the app (the repository's), else the one published with it.</summary>
    public string? Folder { get; set; }

    /// <summary>
    /// Entra object ids of the people who look after the content: they are told in Teams when a change is refused,
    /// and may ask for "content status" in the DSL channel.
    /// </summary>
    public IList<string> Admins { get; } = [];

    public bool IsAdmin(string? aadObjectId) =>
        !string.IsNullOrEmpty(aadObjectId) && Admins.Any(a => string.Equals(a, aadObjectId, StringComparison.OrdinalIgnoreCase));

    /// <summary>The folder of the live pack, resolved from <paramref name="contentRoot"/> when <see cref="Folder"/> is empty.</summary>
    public string ResolvePackFolder(string contentRoot)
    {
        var folder = string.IsNullOrWhiteSpace(Folder) ? FindDialogsFolder(contentRoot) : Path.GetFullPath(Folder, contentRoot);
        return Path.Combine(folder, Pack);
    }

    private static string FindDialogsFolder(string contentRoot)
    {
        for (var directory = new DirectoryInfo(contentRoot); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "dialogs");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "dialogs");
    }
}
