namespace StaffGuideBot.Guidance.Reports;

/// <summary>
/// A DSL's word that the whole record of a report is in the school's own safeguarding system (CPOMS, MyConcern, …):
/// who, when and where. StaffGuideBot is only the front door; this stamp is what deleting a report after the school's
/// retention period waits for. Set once, never changed.
/// </summary>
public sealed class SchoolRecord
{
    public required Person By { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>Where it is recorded, as the DSL wrote it (e.g. CPOMS); null when they left it empty.</summary>
    public string? Where { get; init; }
}
