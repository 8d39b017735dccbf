namespace StaffGuideBot.Guidance.Retention;

/// <summary>
/// How long StaffGuideBot keeps what it holds (configuration section <c>Retention</c>). The bot is the front door; the
/// school's safeguarding system keeps the record, so a report goes once a DSL has said it is recorded there.
/// </summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>
    /// A closed report that a DSL marked "recorded in the school's system" is deleted this long after the later of the
    /// two (default 30 days), unless it is on legal hold.
    /// </summary>
    public TimeSpan AfterRecorded { get; set; } = TimeSpan.FromDays(30);

    /// <summary>A closed report not yet marked recorded is kept, and its thread reminded this often (default weekly).</summary>
    public TimeSpan UnrecordedReminderEvery { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A draft nobody has changed for this long is deleted (default 14 days); its author is told.</summary>
    public TimeSpan AbandonedDraftsAfter { get; set; } = TimeSpan.FromDays(14);

    /// <summary>How long before a draft is deleted its author is warned, with the draft offered back (default 1 day).</summary>
    public TimeSpan DraftWarningBefore { get; set; } = TimeSpan.FromDays(1);
}
