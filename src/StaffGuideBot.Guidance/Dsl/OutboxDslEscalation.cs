using Microsoft.Extensions.Logging;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>
/// Queues a report for the DSL channel (an allegation for the allegations channel): its outbox entry and its case
/// (awaiting delivery, with the urgency of its answers), then wakes <see cref="DslDelivery"/>. A new report's entry and
/// case are stored in the same write as the report itself (<see cref="PrepareAsync"/>). Nothing waits for Teams, so the
/// reporter's turn is never held up by retries. A hand-off cut short is completed by the delivery service from the
/// outbox. The report counts as submitted (log and metric) when its case is created, so once however often it is handed off.
/// </summary>
public sealed partial class OutboxDslEscalation(
    IStorage storage,
    CaseStore cases,
    DslOutbox outbox,
    DslDelivery delivery,
    DslChannelProvider channel,
    ContentLibrary content,
    ReportMetrics metrics,
    TimeProvider clock,
    ILogger<OutboxDslEscalation> logger) : IDslEscalation
{
    public async Task<HandOff> PrepareAsync(Report report, CancellationToken cancellationToken = default)
    {
        var reportCase = await NewCaseAsync(report, cancellationToken);
        return new HandOff(QueueItems(report, reportCase), () =>
        {
            Submitted(metrics, logger, reportCase);
            return Queued(report);
        });
    }

    public async Task<bool> HandOffAsync(Report report, CancellationToken cancellationToken = default)
    {
        var reportCase = await NewCaseAsync(report, cancellationToken);
        try
        {
            // Never queued (its first send stored the report alone, as an earlier version did): entry and case together.
            await storage.WriteAsync(QueueItems(report, reportCase), cancellationToken);
            Submitted(metrics, logger, reportCase);
        }
        catch (StorageConcurrencyException)
        {
            // Queued before. An earlier version could stop between the entry and the case: the case is made now. Queued
            // again only while it has not reached its channel, so a report delivered since is not delivered, nor its
            // reporter told, a second time.
            var created = await cases.CreateAsync(reportCase, cancellationToken);
            if (created)
            {
                Submitted(metrics, logger, reportCase);
            }

            if (created || (await cases.FindAsync(report.Reference, cancellationToken))?.Status == CaseStatus.AwaitingDelivery)
            {
                await outbox.AddAsync(report.Reference, report.SubmittedAt, cancellationToken);
            }
        }

        return Queued(report);
    }

    /// <summary>What queues a report, written together: its outbox entry, its case and the case's open marker (all create-only but the marker).</summary>
    private static Dictionary<string, StoreItem> QueueItems(Report report, ReportCase reportCase) =>
        new([DslOutbox.NewEntry(report.Reference, report.SubmittedAt), .. CaseStore.NewCaseItems(reportCase)], StringComparer.Ordinal);

    private async Task<ReportCase> NewCaseAsync(Report report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return DslDelivery.NewCase(report, await content.ForAsync(report.ContentVersion, cancellationToken), clock.GetUtcNow());
    }

    private bool Queued(Report report)
    {
        delivery.Wake();
        return channel.For(report.Allegation).CanPost;
    }

    /// <summary>The business event of a report's case being created: a log line and a count.</summary>
    internal static void Submitted(ReportMetrics metrics, ILogger logger, ReportCase reportCase)
    {
        metrics.Submitted(reportCase.Urgent, reportCase.Allegation);
        LogSubmitted(logger, reportCase.Reference, reportCase.Urgent, reportCase.Allegation);
    }

    [LoggerMessage(EventId = BusinessEvents.Submitted, EventName = "ReportSubmitted", Level = LogLevel.Information, Message = "Report {Reference} submitted (urgent: {Urgent}, allegation: {Allegation}); queued for its channel")]
    private static partial void LogSubmitted(ILogger logger, string reference, bool urgent, bool allegation);
}
