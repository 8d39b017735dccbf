using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StaffGuideBot.BotFramework.Connector;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>
/// The outbox state machine for one report (see <see cref="DslDelivery"/> for the steps): moves it on as far as it
/// can go now, records a failure and when to try again (<see cref="DeliveryBackoff"/>), and tells the reporter
/// (<see cref="ReporterUpdates"/>) and, when the app is missing from the channel, the DSLs (<see cref="DslNotInChannelNotifier"/>).
/// </summary>
public sealed partial class ReportDelivery(
    DslOutbox outbox,
    CaseStore cases,
    IReportStore reports,
    IConnectorClient connector,
    ReporterUpdates reporters,
    DslNotInChannelNotifier dsls,
    AllegationsWaiting allegationsWaiting,
    ContentLibrary content,
    ISummaryCards cards,
    StorageLeases leases,
    RetentionAudit retentionAudit,
    IOptions<DslOptions> options,
    DslChannelProvider channel,
    ReportMetrics metrics,
    TimeProvider clock,
    ILogger<ReportDelivery> logger)
{
    private const string RosterErrorCode = "BotNotInConversationRoster";

    private readonly DslOutbox _outbox = outbox;
    private readonly CaseStore _cases = cases;
    private readonly IReportStore _reports = reports;
    private readonly IConnectorClient _connector = connector;
    private readonly ReporterUpdates _reporters = reporters;
    private readonly DslNotInChannelNotifier _dsls = dsls;
    private readonly AllegationsWaiting _allegationsWaiting = allegationsWaiting;
    private readonly ContentLibrary _content = content;
    private readonly ISummaryCards _cards = cards;
    private readonly StorageLeases _leases = leases;
    private readonly RetentionAudit _retentionAudit = retentionAudit;
    private readonly DslOptions _options = options.Value;
    private readonly DslChannelProvider _channel = channel;
    private readonly ReportMetrics _metrics = metrics;
    private readonly TimeProvider _clock = clock;
    private readonly ILogger<ReportDelivery> _logger = logger;


    /// <summary>
    /// How long a claim on a report holds when its instance stops without letting it go: long enough for one
    /// delivery's calls to the Bot Connector (each bounded by the connector's own timeouts), short enough that another
    /// instance soon picks the report up.
    /// </summary>
    public static TimeSpan ClaimFor { get; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Moves one report on as far as it can go now, if this instance can claim it (see <see cref="DslOutbox.TryClaimAsync"/>:
    /// several instances may share one store); true when it was delivered in this call.
    /// </summary>
    public async Task<bool> DeliverAsync(string reference, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        // Not claimed: another instance is delivering it, or it has left the outbox since it was listed (another
        // instance finished it). It is never queued again: its reporter has been told already.
        if (await _outbox.TryClaimAsync(reference, _leases.Holder, now, now + ClaimFor, cancellationToken) is not { } entry)
        {
            return false;
        }

        var left = false;
        try
        {
            bool delivered;
            (delivered, left) = await DeliverClaimedAsync(entry, now, cancellationToken);
            return delivered;
        }
        finally
        {
            if (!left)
            {
                // Still in the outbox: let it go, so the next pass of any instance may take it.
                await _outbox.ReleaseClaimAsync(reference, _leases.Holder, CancellationToken.None);
            }
        }
    }

    /// <summary>Moves a claimed report on; whether it was delivered in this call, and whether it has left the outbox.</summary>
    private async Task<(bool Delivered, bool Left)> DeliverClaimedAsync(OutboxEntry entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reference = entry.Reference;
        var report = await _reports.FindAsync(reference, cancellationToken);
        if (report is null)
        {
            // Reports are stored before they are queued, so this is a damaged store: say so rather than retry for ever.
            LogReportMissing(_logger, reference);
            await _outbox.RemoveAsync(reference, cancellationToken);
            return (false, true);
        }

        // Queued by a hand-off that stopped half-way (no case yet): finish its work.
        var reportCase = await _cases.FindAsync(reference, cancellationToken);
        if (reportCase is null && await _retentionAudit.FindPurgeAsync(reference, cancellationToken) is not null)
        {
            // Purged while this pass held it: nothing is made again of a report the retention settings deleted.
            await _outbox.RemoveAsync(reference, cancellationToken);
            return (false, true);
        }

        if (reportCase is null)
        {
            var newCase = DslDelivery.NewCase(report, await _content.ForAsync(report.ContentVersion, cancellationToken), now);
            if (await _cases.CreateAsync(newCase, cancellationToken))
            {
                OutboxDslEscalation.Submitted(_metrics, _logger, newCase);
            }

            reportCase = (await _cases.FindAsync(reference, cancellationToken))!;
        }

        if (reportCase.Status != CaseStatus.AwaitingDelivery)
        {
            // Delivered earlier but the reporter has not heard yet (or a crash came before the outbox was cleared).
            return (false, await FinishAsync(report, reportCase, now, cancellationToken));
        }

        // An allegation goes to the allegations channel only: never to the DSL channel, not even while there is none.
        var destination = _channel.For(reportCase.Allegation);
        if (!destination.CanPost)
        {
            if (reportCase.Allegation)
            {
                _allegationsWaiting.Add(reference);
            }

            await WarnIfLateAsync(report, reportCase, now, force: false, cancellationToken);
            return (false, false);
        }

        if (reportCase.Delivery.NextAttemptAt is { } next && next > now)
        {
            await WarnIfLateAsync(report, reportCase, now, force: false, cancellationToken);
            return (false, false);
        }

        var updating = false;
        try
        {
            entry = await PostPlaceholderIfNeededAsync(entry, destination, now, cancellationToken);
            updating = true;
            var thread = entry.Thread!;
            var card = await _cards.CreateAsync(report, reportCase, canAct: true, cancellationToken: cancellationToken);
            var activity = new Activity { Type = ActivityTypes.Message, Id = thread.ActivityId, Attachments = [Attachment.AdaptiveCard(card)] };
            await _connector.UpdateActivityAsync(thread.ServiceUrl, thread.ThreadId, thread.ActivityId, activity, cancellationToken);
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException)
        {
            await RecordFailureAsync(report, reportCase, updating, ex, now, cancellationToken);
            return (false, false);
        }

        var posted = entry.Thread!;
        var deliveredAt = _clock.GetUtcNow();
        await _cases.UpdateAsync(reference, c =>
        {
            if (c.Status != CaseStatus.AwaitingDelivery)
            {
                return;
            }

            c.Status = CaseStatus.Delivered;
            c.Delivery.ThreadId = posted.ThreadId;
            c.Delivery.ActivityId = posted.ActivityId;
            c.Delivery.ServiceUrl = posted.ServiceUrl;
            c.Delivery.DeliveredAt = deliveredAt;
            c.Delivery.NextAttemptAt = null;
            c.Delivery.LastError = null;
            c.Record(CaseEventKind.Delivered, deliveredAt);
        }, cancellationToken);
        _allegationsWaiting.Remove(reference);
        LogDelivered(_logger, reference, reportCase.Delivery.Attempts + 1);
        _metrics.Delivered(reportCase.Urgent, reportCase.Allegation);

        return (true, await FinishAsync(report, reportCase, deliveredAt, cancellationToken));
    }


    /// <summary>
    /// Tells the reporter their report has reached the DSL, then takes it out of the outbox. If they cannot be told,
    /// it stays and is tried again each pass, for up to <see cref="DslDelivery.TellReporterFor"/> after sending.
    /// </summary>
    /// <returns>True when the report has left the outbox.</returns>
    private async Task<bool> FinishAsync(Report report, ReportCase reportCase, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await _reporters.TellAsync(report, reportCase.Allegation ? TextKeys.AllegationSent : TextKeys.DeliverySent, cancellationToken))
        {
            if (now - report.SubmittedAt < DslDelivery.TellReporterFor)
            {
                return false;
            }

            LogGaveUpTellingReporter(_logger, report.Reference, DslDelivery.TellReporterFor);
        }

        await _outbox.RemoveAsync(report.Reference, cancellationToken);
        return true;
    }


    /// <summary>
    /// Makes sure the report has a thread in its channel (<paramref name="dslChannel"/>, the DSL's or the allegations
    /// channel): reuses the recorded one, or posts a new placeholder root (marking the attempt first, recording the ids after).
    /// </summary>
    private async Task<OutboxEntry> PostPlaceholderIfNeededAsync(OutboxEntry entry, DslChannelAddress dslChannel, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var channelId = dslChannel.ChannelId!;
        var serviceUrl = dslChannel.ServiceUrl!;
        if (entry.Thread is { } thread)
        {
            if (thread.ChannelId == channelId && thread.ServiceUrl == serviceUrl)
            {
                return entry;
            }

            // The DSL channel was changed after the placeholder went out: the report goes to the channel configured now.
            LogChannelChanged(_logger, entry.Reference, thread.AttemptId);
        }

        if (entry.PendingAttempt is { } interrupted)
        {
            LogInterruptedAttempt(_logger, entry.Reference, interrupted.Id, interrupted.StartedAt);
        }

        var attemptId = Guid.NewGuid().ToString("N");
        entry = (await _outbox.UpdateAsync(entry.Reference, e =>
        {
            e.PendingAttempt = new PendingAttempt { Id = attemptId, StartedAt = now };
            e.Thread = null;
        }, cancellationToken))!;

        var parameters = new ConversationParameters
        {
            IsGroup = true,
            TenantId = dslChannel.TenantId,
            ChannelData = new TeamsChannelData
            {
                Channel = new ChannelInfo { Id = channelId },
                Team = string.IsNullOrWhiteSpace(dslChannel.TeamId) ? null : new TeamInfo { Id = dslChannel.TeamId },
                Tenant = string.IsNullOrWhiteSpace(dslChannel.TenantId) ? null : new TenantInfo { Id = dslChannel.TenantId },
            },
            Activity = new Activity { Type = ActivityTypes.Message, Attachments = [Attachment.AdaptiveCard(DslCards.Placeholder(_content.Live, entry.Reference, attemptId))] },
        };
        var response = await _connector.CreateConversationAsync(serviceUrl, parameters, cancellationToken);
        var threadId = response.Id;
        var activityId = response.ActivityId ?? MessageIdOf(threadId);
        if (string.IsNullOrEmpty(threadId) || string.IsNullOrEmpty(activityId))
        {
            throw new ConnectorException(200, "NoThreadId", "The Bot Connector created a conversation without saying which.");
        }

        return (await _outbox.UpdateAsync(entry.Reference, e =>
        {
            e.PendingAttempt = null;
            e.Thread = new PostedThread { ThreadId = threadId, ActivityId = activityId, ChannelId = channelId, ServiceUrl = serviceUrl, AttemptId = attemptId };
        }, cancellationToken))!;
    }


    private async Task RecordFailureAsync(Report report, ReportCase reportCase, bool updating, Exception ex, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var code = DeliveryErrorCode.Of(ex);
        var status = (ex as ConnectorException)?.StatusCode ?? 0;
        var attempts = reportCase.Delivery.Attempts + 1;
        var delay = DeliveryBackoff.RetryDelay(attempts, Random.Shared.NextDouble());
        var updated = await _cases.UpdateAsync(report.Reference, c =>
        {
            // Recorded in the history the first time and whenever the reason changes, not for every retry.
            if (c.Delivery.Attempts == 0 || c.Delivery.LastError != code)
            {
                c.Record(CaseEventKind.DeliveryFailed, now, detail: code);
            }

            c.Delivery.Attempts++;
            c.Delivery.LastError = code;
            c.Delivery.NextAttemptAt = now + delay;
        }, cancellationToken);

        if (!updating && status is >= 400 and < 500 and not 408 and not 429)
        {
            // Refused outright: nothing was created, so there is no placeholder to wonder about.
            await _outbox.UpdateAsync(report.Reference, e => e.PendingAttempt = null, cancellationToken);
        }

        if (updating && status == 404)
        {
            // The placeholder is gone (deleted in Teams): the next attempt starts a new thread.
            await _outbox.UpdateAsync(report.Reference, e => e.Thread = null, cancellationToken);
        }

        _metrics.DeliveryFailed(status, code, reportCase.Allegation);
        var roster = code == RosterErrorCode;
        if (roster)
        {
            var destination = _channel.For(reportCase.Allegation);
            LogNotInChannel(_logger, report.Reference, destination.ChannelId ?? "?", destination.TeamId ?? "?", status);
            if (!(updated ?? reportCase).Delivery.DslsToldNotInChannel)
            {
                await _dsls.TellAsync(report, reportCase.Allegation, cancellationToken);
            }
        }
        else
        {
            LogAttemptFailed(_logger, report.Reference, attempts, status, code, delay);
        }

        // The app missing from the channel will not mend itself soon: the reporter hears at once, not after the wait.
        await WarnIfLateAsync(report, updated ?? reportCase, now, force: roster, cancellationToken);
    }


    /// <summary>Tells the reporter once to phone the DSL when their report is not delivered in time (or cannot be soon).</summary>
    private async Task WarnIfLateAsync(Report report, ReportCase reportCase, DateTimeOffset now, bool force, CancellationToken cancellationToken)
    {
        if (reportCase.Delivery.ReporterWarned || (!force && now - report.SubmittedAt < _options.DeliveryWarningAfter))
        {
            return;
        }

        if (await _reporters.TellAsync(report, reportCase.Allegation ? TextKeys.AllegationLate : TextKeys.DeliveryLate, cancellationToken))
        {
            await _cases.UpdateAsync(report.Reference, c => c.Delivery.ReporterWarned = true, cancellationToken);
        }
    }


    /// <summary>Teams names a channel thread <c>{channel};messageid={root activity id}</c>.</summary>
    private static string? MessageIdOf(string? threadId)
    {
        const string marker = ";messageid=";
        var at = threadId?.IndexOf(marker, StringComparison.OrdinalIgnoreCase) ?? -1;
        return at < 0 ? null : threadId![(at + marker.Length)..];
    }

    [LoggerMessage(EventId = BusinessEvents.Delivered, EventName = "ReportDelivered", Level = LogLevel.Information, Message = "Report {Reference} delivered (attempt {Attempt})")]
    private static partial void LogDelivered(ILogger logger, string reference, int attempt);

    [LoggerMessage(EventId = BusinessEvents.DeliveryFailed, EventName = "ReportDeliveryFailed", Level = LogLevel.Warning, Message = "Delivery of report {Reference} failed (attempt {Attempt}, status {StatusCode}, {ErrorCode}); next try in {Delay}")]
    private static partial void LogAttemptFailed(ILogger logger, string reference, int attempt, int statusCode, string errorCode, TimeSpan delay);

    [LoggerMessage(EventId = BusinessEvents.NotInChannel, EventName = "ReportNotInChannel", Level = LogLevel.Error, Message = "Report {Reference} cannot be posted (status {StatusCode}): the bot is not a member of its channel {ChannelId} (team {TeamId}). Add the StaffGuideBot app to that team and, for a private or shared channel, to the channel itself (channel > Manage channel > Apps). Delivery keeps retrying; the reporter has been told to phone.")]
    private static partial void LogNotInChannel(ILogger logger, string reference, string channelId, string teamId, int statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {Reference}: an earlier delivery attempt ({AttemptId}, started {StartedAt:O}) stopped before its thread was recorded. If its channel shows a placeholder for this reference with no details, it is left over from that attempt and can be deleted; the report is posted again now.")]
    private static partial void LogInterruptedAttempt(ILogger logger, string reference, string attemptId, DateTimeOffset startedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {Reference}: its channel changed after its placeholder (attempt {AttemptId}) was posted; posting it in the channel in use now.")]
    private static partial void LogChannelChanged(ILogger logger, string reference, string attemptId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The reporter of {Reference} could not be told it was delivered within {Period}; no longer trying")]
    private static partial void LogGaveUpTellingReporter(ILogger logger, string reference, TimeSpan period);

    [LoggerMessage(Level = LogLevel.Error, Message = "Report {Reference} is in the outbox but not in the report store; it was removed from the outbox")]
    private static partial void LogReportMissing(ILogger logger, string reference);
}
