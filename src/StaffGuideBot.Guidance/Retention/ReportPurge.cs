using Microsoft.Extensions.Logging;
using StaffGuideBot.Guidance.Dsl;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Retention;

/// <summary>
/// Deletes everything the bot holds of one report: the report, the note of the draft it came from, its outbox entry,
/// its case (with the open marker). The reporter's conversation no longer holds its answers (the draft goes when it is
/// sent). The purge is put on record first (<see cref="RetentionAudit"/>), and the case goes last, so a purge cut short
/// is found and finished by the next pass. The school's Teams messages (the card in the channel, the record sent in a
/// private chat) are the school's Microsoft 365 retention's to keep or delete, not the bot's.
/// </summary>
public sealed partial class ReportPurge(IReportStore reports, CaseStore cases, DslOutbox outbox, RetentionAudit audit, ReportMetrics metrics, ILogger<ReportPurge> logger)
{
    /// <summary>
    /// Purges the report if <paramref name="isDue"/> still holds for its case as stored now: the case is first marked
    /// as being purged, with its ETag, so a legal hold (or anything else) written in the meantime is seen, and a hold
    /// asked for afterwards is refused. True when it was purged.
    /// </summary>
    public async Task<bool> PurgeIfDueAsync(string reference, Func<ReportCase, bool> isDue, string reason, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(isDue);
        var marked = await cases.UpdateAsync(reference, c =>
        {
            if (c.PurgingSince is null && isDue(c))
            {
                c.PurgingSince = now;
            }
        }, cancellationToken);
        if (marked?.PurgingSince is null)
        {
            return false;
        }

        await PurgeAsync(marked, reason, now, cancellationToken);
        return true;
    }

    private async Task PurgeAsync(ReportCase reportCase, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await audit.RecordPurgeAsync(new PurgeRecord
        {
            Reference = reportCase.Reference,
            PurgedAt = now,
            Reason = reason,
            ClosedAt = reportCase.ClosedAt,
            RecordedAt = reportCase.RecordedInSchoolSystem?.At,
            Allegation = reportCase.Allegation,
        }, cancellationToken);
        await outbox.RemoveAsync(reportCase.Reference, cancellationToken);
        await reports.DeleteAsync(reportCase.Reference, cancellationToken);
        await cases.DeleteAsync(reportCase.Reference, cancellationToken);
        LogPurged(logger, reportCase.Reference, reason);
        metrics.Purged(reason, reportCase.Allegation);
    }

    [LoggerMessage(EventId = BusinessEvents.Purged, EventName = "ReportPurged", Level = LogLevel.Information, Message = "Report {Reference} purged under the retention settings ({Reason}); its purge is on record")]
    private static partial void LogPurged(ILogger logger, string reference, string reason);
}
