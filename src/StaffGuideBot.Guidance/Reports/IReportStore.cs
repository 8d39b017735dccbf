using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>Where sent reports are kept, and the source of their references.</summary>
public interface IReportStore
{
    /// <summary>
    /// The next reference for <paramref name="year"/>: SG-2026-0001, SG-2026-0002, … never the same twice. An allegation
    /// takes its own series (SG-2026-A0001, …), so the DSL channel's numbers have no gap where one went elsewhere.
    /// </summary>
    Task<string> NextReferenceAsync(int year, bool allegation = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// The reference of the report made from draft <paramref name="draftId"/> of conversation
    /// <paramref name="conversationId"/>, with the report when it was sent before; otherwise the next reference, which
    /// becomes the draft's when its report is saved with it. So sending a draft again (after its turn could not be
    /// saved) makes no second report.
    /// </summary>
    Task<DraftReference> ReferenceForDraftAsync(string conversationId, string draftId, int year, bool allegation = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a new report, in one write (all or nothing) with the note that it was made from <paramref name="draft"/>
    /// (if given) and the items <paramref name="alongside"/>. Throws <see cref="BotFramework.State.StorageConcurrencyException"/>,
    /// storing nothing, if the reference is already taken or the draft's report was stored meanwhile.
    /// </summary>
    Task SaveAsync(Report report, DraftReference? draft = null, IReadOnlyDictionary<string, StoreItem>? alongside = null, CancellationToken cancellationToken = default);

    Task<Report?> FindAsync(string reference, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the report and the note of which draft it was made from (retention): nothing of it stays. The counter
    /// is kept, so its reference is never given out again.
    /// </summary>
    Task DeleteAsync(string reference, CancellationToken cancellationToken = default);

    /// <summary>The years that have reports in <paramref name="allegation"/>'s series (each year's counter), oldest first.</summary>
    Task<IReadOnlyList<int>> YearsAsync(bool allegation, CancellationToken cancellationToken = default);

    /// <summary>Every report of <paramref name="year"/>'s series (the DSL's, or the allegations'), in reference order.</summary>
    Task<IReadOnlyList<Report>> ListAsync(int year, bool allegation, CancellationToken cancellationToken = default);
}
