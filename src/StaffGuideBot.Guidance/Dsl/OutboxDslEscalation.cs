using Microsoft.Extensions.Logging;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>
/// Queues a stored report for the DSL channel (an allegation for the allegations channel): into the outbox, then its
/// case (awaiting delivery, with the urgency of its answers), then wakes <see cref="DslDelivery"/>. Nothing waits for Teams, so the reporter's turn is never held
/// up by retries. Safe to repeat; a hand-off cut short is completed by the delivery service from the outbox. The
/// report counts as submitted (log and metric) when its case is created, so once however often it is handed off.
/// </summary>
public sealed partial class OutboxDslEscalation(
    DslOutbox outbox,
    CaseStore cases,
    DslDelivery delivery,
    DslChannelProvider channel,
    ContentLibrary content,
    ReportMetrics metrics,
    TimeProvider clock,
    ILogger<OutboxDslEscalation> logger) : IDslEscalation
{
    public async Task<bool> HandOffAsync(Report report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        await outbox.AddAsync(report.Reference, report.SubmittedAt, cancellationToken);
        var pack = await content.ForAsync(report.ContentVersion, cancellationToken);
        var reportCase = DslDelivery.NewCase(report, pack, clock.GetUtcNow());
        if (await cases.CreateAsync(reportCase, cancellationToken))
        {
            Submitted(metrics, logger, reportCase);
        }

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
