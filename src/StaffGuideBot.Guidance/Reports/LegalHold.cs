namespace StaffGuideBot.Guidance.Reports;

/// <summary>
/// A DSL's instruction that a report must be kept (a police investigation, a legal claim, an inquiry): while it is on
/// the case, no retention rule deletes the report. Who placed it, when and why.
/// </summary>
public sealed class LegalHold
{
    public required Person By { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>Why it is held, as the DSL wrote it.</summary>
    public required string Reason { get; init; }
}
