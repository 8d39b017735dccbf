using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.State;
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
        var applied = new PackRules(pack).Apply(draft.Answers);
        var allegation = applied.IsAllegation;
        var flags = applied.Flags;
        var conversationId = turnContext.Activity.Conversation?.Id ?? string.Empty;
        var activity = turnContext.Activity;
        for (var attempt = 1; ; attempt++)
        {
            var drafted = await store.ReferenceForDraftAsync(conversationId, draft.Id, now.Year, allegation, cancellationToken);
            if (drafted.Sent is { } sent)
            {
                // Sent before (its turn could not be saved, or another send of it got there first): the same report,
                // handed off again (safe to repeat).
                return new Submission(sent, await escalation.HandOffAsync(sent, cancellationToken), OutOfHours(now));
            }

            var report = new Report
            {
                Reference = drafted.Reference,
                SubmittedAt = now,
                StartedAt = draft.StartedAt,
                ContentPack = pack.Id,
                ContentVersion = draft.ContentVersion,
                Reporter = new Reporter
                {
                    Name = activity.From?.Name,
                    AadObjectId = activity.From?.AadObjectId,
                    UserId = activity.From?.Id ?? string.Empty,
                    ConversationId = conversationId,
                    ServiceUrl = activity.ServiceUrl ?? string.Empty,
                    TenantId = activity.GetTenantId(),
                },
                Answers = applied.Answers.ToJson(),
                Flags = flags.Select(f => f.Id).ToList(),
                PossibleFlags = flags.Where(f => f.Possible).Select(f => f.Id).ToList(),
                Allegation = allegation,
            };

            // One write stores the report, notes the draft it came from and queues it: a report is never only in
            // flight, and never stored without being queued.
            var handOff = await escalation.PrepareAsync(report, cancellationToken);
            try
            {
                await store.SaveAsync(report, drafted, handOff.Items, cancellationToken);
                return new Submission(report, handOff.Stored(), OutOfHours(now));
            }
            catch (StorageConcurrencyException) when (attempt < MostAttempts)
            {
                // Refused, nothing stored: another send of this draft stored its report first (found next time round),
                // or the reference is taken (a counter set back, e.g. by a restore): the next number is tried.
            }
        }
    }

    /// <summary>How many times a send is tried when its write is refused before the reporter is asked to send again.</summary>
    private const int MostAttempts = 3;

    private bool OutOfHours(DateTimeOffset now) => hours is not null && !hours.IsOpen(now);
}
