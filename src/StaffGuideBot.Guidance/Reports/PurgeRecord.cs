namespace StaffGuideBot.Guidance.Reports;

/// <summary>
/// What is kept of a report once it is purged: its reference, when and why, and the two dates the rule went by.
/// Nothing of what it said, nor who was involved.
/// </summary>
public sealed class PurgeRecord
{
    public required string Reference { get; init; }

    public required DateTimeOffset PurgedAt { get; init; }

    /// <summary>Why it went, in fixed words (<see cref="RetentionAudit.RecordedReason"/>).</summary>
    public required string Reason { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    public DateTimeOffset? RecordedAt { get; init; }

    /// <summary>An allegation's record is shown only in the allegations channel, like the report was.</summary>
    public bool Allegation { get; init; }
}
