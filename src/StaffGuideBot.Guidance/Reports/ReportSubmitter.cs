using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.Guidance.Content;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>
/// Turns a finished draft into a stored report with a reference, and hands it to the DSL (or, for an allegation, the
/// allegations channel). With <paramref name="hours"/>, a report sent outside them is marked so (null: always open).
/// </summary>
public sealed class ReportSubmitter(IReportStore store, IDslEscalation escalation, TimeProvider clock, SchoolHours? hours = null)
{
    /// <summary>
    /// Stores the draft as a report of <paramref name="pack"/> (the version the draft was written on), then hands it off.
    /// A draft makes one report however often it is sent: a second send returns the first report as it was stored.
    /// The report holds only the answers that apply: a hidden question's answer, kept in the draft, is not sent.
    /// </summary>
    public async Task<Submission> SubmitAsync(ITurnContext turnContext, ContentPack pack, ReportDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(draft);
        var now = clock.GetUtcNow();
        var rules = new PackRules(pack);
        var allegation = rules.IsAllegation(draft.Answers);
        var reference = await store.ReferenceForDraftAsync(turnContext.Activity.Conversation?.Id ?? string.Empty, draft.Id, now.Year, allegation, cancellationToken);
        if (await store.FindAsync(reference, cancellationToken) is { } sent)
        {
            // Sent before, but that turn's state could not be saved: the same report, handed off again (safe to repeat).
            return new Submission(sent, await escalation.HandOffAsync(sent, cancellationToken), OutOfHours(now));
        }

        var flags = rules.Flags(draft.Answers);
        var activity = turnContext.Activity;
        var report = new Report
        {
            Reference = reference,
            SubmittedAt = now,
            StartedAt = draft.StartedAt,
            ContentPack = pack.Id,
            ContentVersion = draft.ContentVersion,
            Reporter = new Reporter
            {
                Name = activity.From?.Name,
                AadObjectId = activity.From?.AadObjectId,
                UserId = activity.From?.Id ?? string.Empty,
                ConversationId = activity.Conversation?.Id ?? string.Empty,
                ServiceUrl = activity.ServiceUrl ?? string.Empty,
                TenantId = activity.GetTenantId(),
            },
            Answers = ReportSections.Applicable(pack, draft.Answers).ToJson(),
            Flags = flags.Select(f => f.Id).ToList(),
            PossibleFlags = flags.Where(f => f.Possible).Select(f => f.Id).ToList(),
            Allegation = allegation,
        };

        // Stored first, then handed off: a report is never only in flight.
        await store.SaveAsync(report, cancellationToken);
        return new Submission(report, await escalation.HandOffAsync(report, cancellationToken), OutOfHours(now));
    }

    private bool OutOfHours(DateTimeOffset now) => hours is not null && !hours.IsOpen(now);
}
