namespace StaffGuideBot.Guidance.Reports;

/// <summary>
/// The reference of the report made from draft <see cref="DraftId"/> of conversation <see cref="ConversationId"/>, from
/// <see cref="IReportStore.ReferenceForDraftAsync"/>: <see cref="Sent"/> is the report when the draft was sent before.
/// A new reference is noted as the draft's only when its report is stored (<see cref="IReportStore.SaveAsync"/>), so of
/// two sends of one draft at once only one stores a report.
/// </summary>
public sealed record DraftReference(string ConversationId, string DraftId, string Reference)
{
    /// <summary>The version of the draft's note, when the reference was noted before (null: a new reference).</summary>
    public string? NotedETag { get; init; }

    /// <summary>The report stored from the draft, when it was sent before.</summary>
    public Report? Sent { get; init; }
}
