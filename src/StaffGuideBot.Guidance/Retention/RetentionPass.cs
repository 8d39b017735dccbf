namespace StaffGuideBot.Guidance.Retention;

/// <summary>What one retention pass did, in counts.</summary>
public sealed class RetentionPass
{
    public int Purged { get; set; }

    public int Reminded { get; set; }

    public int DraftsWarned { get; set; }

    public int DraftsPurged { get; set; }
}
