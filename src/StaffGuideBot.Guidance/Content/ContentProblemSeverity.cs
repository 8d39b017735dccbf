namespace StaffGuideBot.Guidance.Content;

public enum ContentProblemSeverity
{
    /// <summary>The pack is refused.</summary>
    Error,

    /// <summary>The pack loads, but someone should look (e.g. a contact still holding sample details).</summary>
    Warning,
}
