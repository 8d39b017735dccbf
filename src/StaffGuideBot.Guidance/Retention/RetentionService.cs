using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Connector;
using StaffGuideBot.BotFramework.Hosting;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Bots;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Dsl;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Retention;

/// <summary>
/// Once an hour, applies the retention settings (<see cref="RetentionOptions"/>):
/// <list type="bullet">
/// <item>a closed report marked recorded in the school's system is purged <see cref="RetentionOptions.AfterRecorded"/>
/// after the later of the two (<see cref="ReportPurge"/>);</item>
/// <item>a closed report not marked recorded is kept, and its thread reminded every <see cref="RetentionOptions.UnrecordedReminderEvery"/>;</item>
/// <item>a report on legal hold (<see cref="ReportCase.Hold"/>) is neither purged nor reminded about;</item>
/// <item>an unsent draft is deleted <see cref="RetentionOptions.AbandonedDraftsAfter"/> after it last changed; its
/// author is warned <see cref="RetentionOptions.DraftWarningBefore"/> before, with the draft offered back, and told when
/// it goes.</item>
/// </list>
/// With several instances, only the holder of the lease runs a pass. One report's or one draft's trouble never holds up
/// the others; it is tried again at the next pass.
/// </summary>
public sealed partial class RetentionService(
    CaseStore cases,
    ReportPurge purge,
    RetentionAudit audit,
    OpenDrafts openDrafts,
    StorageLeases leases,
    BotAdapter adapter,
    IConnectorClient connector,
    DslChannelProvider channel,
    IOptions<BotIdentityOptions> identity,
    IOptions<RetentionOptions> options,
    ContentLibrary content,
    GuideBot bot,
    ReportMetrics metrics,
    TimeProvider clock,
    ILogger<RetentionService> logger) : PeriodicBackgroundService(clock, logger)
{
    public static TimeSpan CheckEvery { get; } = TimeSpan.FromHours(1);

    /// <summary>The lease that lets one instance at a time run the retention passes (see <see cref="StorageLeases"/>).</summary>
    public const string LeaseName = "jobs/retention";

    private readonly System.Security.Claims.ClaimsIdentity _bot = BotClaims.CreateIdentity(identity.Value.MicrosoftAppId);

    private RetentionOptions Settings => options.Value;

    protected override TimeSpan Period => CheckEvery;

    protected override string WorkName => "A retention pass";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => RunAsync(cancellationToken);

    /// <summary>One pass over every case and every open draft; what it did, in counts.</summary>
    public async Task<RetentionPass> RunAsync(CancellationToken cancellationToken = default)
    {
        if (!await leases.TryAcquireAsync(LeaseName, CheckEvery * 2, cancellationToken))
        {
            return new RetentionPass();
        }

        // Each part on its own: a storage failure listing the cases still leaves the drafts to be dealt with.
        var pass = new RetentionPass();
        foreach (var (part, apply) in new (string, Func<RetentionPass, CancellationToken, Task>)[] { ("reports", ApplyToCasesAsync), ("drafts", ApplyToDraftsAsync) })
        {
            try
            {
                await apply(pass, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogPartFailed(Logger, part, ex.GetType().Name);
            }
        }

        return pass;
    }

    /// <summary>When <paramref name="reportCase"/> may be purged, or null while it must be kept (open, not recorded, or on hold).</summary>
    public DateTimeOffset? PurgeDueAt(ReportCase reportCase)
    {
        ArgumentNullException.ThrowIfNull(reportCase);
        return reportCase is { Hold: null, ClosedAt: { } closed, RecordedInSchoolSystem.At: { } recorded }
            ? (closed > recorded ? closed : recorded) + Settings.AfterRecorded
            : null;
    }

    private async Task ApplyToCasesAsync(RetentionPass pass, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        foreach (var reference in await cases.ListAllReferencesAsync(cancellationToken))
        {
            try
            {
                // Read one at a time: a case that can't be read holds up only itself.
                if (await cases.FindAsync(reference, cancellationToken) is not { } reportCase)
                {
                    continue;
                }

                if (reportCase.PurgingSince is not null || PurgeDueAt(reportCase) <= now)
                {
                    // Decided again on the case as stored at that moment (a hold may have been placed since the list
                    // was read); a purge cut short earlier is finished.
                    if (await purge.PurgeIfDueAsync(reportCase.Reference, c => PurgeDueAt(c) <= now, RetentionAudit.RecordedReason, now, cancellationToken))
                    {
                        pass.Purged++;
                    }
                }
                else if (IsUnrecordedReminderDue(reportCase, now) && await RemindUnrecordedAsync(reportCase, cancellationToken))
                {
                    pass.Reminded++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogCaseFailed(Logger, reference, ex.GetType().Name);
            }
        }
    }

    private bool IsUnrecordedReminderDue(ReportCase reportCase, DateTimeOffset now) =>
        reportCase is { Hold: null, RecordedInSchoolSystem: null, ClosedAt: { } closed }
        && now - (reportCase.UnrecordedRemindedAt ?? closed) >= Settings.UnrecordedReminderEvery;

    /// <summary>Posts the reminder in the report's thread, then records it; false when it could not be posted (tried again next pass).</summary>
    private async Task<bool> RemindUnrecordedAsync(ReportCase reportCase, CancellationToken cancellationToken)
    {
        var serviceUrl = reportCase.Delivery.ServiceUrl ?? channel.For(reportCase.Allegation).ServiceUrl;
        if (string.IsNullOrEmpty(serviceUrl) || string.IsNullOrEmpty(reportCase.Delivery.ThreadId))
        {
            return false;
        }

        var text = content.Live.Text(TextKeys.RetentionUnrecorded, new Dictionary<string, string> { ["reference"] = reportCase.Reference });
        try
        {
            await connector.SendToConversationAsync(serviceUrl, reportCase.Delivery.ThreadId, new Activity { Type = ActivityTypes.Message, Text = text }, cancellationToken);
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException)
        {
            LogUnrecordedPostFailed(Logger, reportCase.Reference, ex.GetType().Name);
            return false;
        }

        var at = Clock.GetUtcNow();
        await cases.UpdateAsync(reportCase.Reference, c =>
        {
            c.UnrecordedRemindedAt = at;
            c.Record(CaseEventKind.UnrecordedReminder, at);
        }, cancellationToken);
        return true;
    }

    private async Task ApplyToDraftsAsync(RetentionPass pass, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        var warnAfter = Settings.AbandonedDraftsAfter - Settings.DraftWarningBefore;
        foreach (var (conversationId, reference, updatedAt, warned) in await openDrafts.IdleAsync(now, warnAfter, cancellationToken))
        {
            try
            {
                if (now - updatedAt >= Settings.AbandonedDraftsAfter)
                {
                    pass.DraftsPurged += await PurgeDraftAsync(conversationId, reference, cancellationToken) ? 1 : 0;
                }
                else if (!warned && await WarnAsync(reference, warnAfter, cancellationToken))
                {
                    await openDrafts.MarkWarnedAsync(conversationId, updatedAt, cancellationToken);
                    pass.DraftsWarned++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogDraftFailed(Logger, ex.GetType().Name);
            }
        }
    }

    /// <summary>Warns the author in their chat, with the draft offered back; false when the draft moved on since (or is gone).</summary>
    private async Task<bool> WarnAsync(ConversationReference reference, TimeSpan warnAfter, CancellationToken cancellationToken)
    {
        var warned = false;
        await adapter.ContinueConversationAsync(_bot, reference, async (turn, ct) =>
        {
            // The stored time may lag the draft (see OpenDrafts.Precision): the draft itself says how long it has been idle.
            if (await bot.DraftLastChangedAsync(turn, ct) is not { } changed || Clock.GetUtcNow() - changed < warnAfter)
            {
                return;
            }

            var pack = content.Live;
            await turn.SendActivityAsync(pack.Text(TextKeys.RetentionDraftWarning, new Dictionary<string, string>
            {
                ["time"] = UkTime.Describe(pack, changed, Clock.GetUtcNow()),
                ["number"] = Days(Settings.AbandonedDraftsAfter),
                ["date"] = UkTime.Full(pack, changed + Settings.AbandonedDraftsAfter),
            }), ct);
            await turn.SendCardAsync(bot.ResumeOffer(pack, changed), ct);
            warned = true;
        }, cancellationToken);
        return warned;
    }

    /// <summary>
    /// Deletes the draft in a turn of its own conversation and tells the author; true when a draft was deleted. The
    /// purge is put on record within that turn, before its state is saved, so a deleted draft always has its record;
    /// a save that fails throws (the turn is a continuation), so the draft stays listed and the next pass tries again
    /// (with a second record). A conversation with no draft left loses its item.
    /// </summary>
    private async Task<bool> PurgeDraftAsync(string conversationId, ConversationReference reference, CancellationToken cancellationToken)
    {
        string? draftId = null;
        var gone = false;
        await adapter.ContinueConversationAsync(_bot, reference, async (turn, ct) =>
        {
            if (await bot.DraftLastChangedAsync(turn, ct) is not { } changed)
            {
                gone = true;
                return;
            }

            if (Clock.GetUtcNow() - changed < Settings.AbandonedDraftsAfter)
            {
                return;
            }

            if (await bot.DiscardDraftAsync(turn, ct) is not { } discarded)
            {
                gone = true;
                return;
            }

            await audit.RecordDraftPurgeAsync(discarded, changed, Clock.GetUtcNow(), ct);

            var pack = content.Live;
            await turn.SendActivityAsync(pack.Text(TextKeys.RetentionDraftDeleted, new Dictionary<string, string>
            {
                ["time"] = UkTime.Describe(pack, changed, Clock.GetUtcNow()),
                ["number"] = Days(Settings.AbandonedDraftsAfter),
            }), ct);
            draftId = discarded;
        }, cancellationToken);

        if (draftId is not null || gone)
        {
            await openDrafts.ForgetAsync(conversationId, cancellationToken);
        }

        if (draftId is null)
        {
            return false;
        }

        LogDraftPurged(Logger, draftId);
        metrics.DraftPurged();
        return true;
    }

    private static string Days(TimeSpan span) => ((int)Math.Round(span.TotalDays)).ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention: the pass over the {Part} failed ({Reason}); it will be tried again at the next pass")]
    private static partial void LogPartFailed(ILogger logger, string part, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Retention for report {Reference} failed ({Reason}); it will be tried again at the next pass")]
    private static partial void LogCaseFailed(ILogger logger, string reference, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {Reference}: the reminder that it is not yet recorded in the school's system could not be posted ({Reason}); it will be tried again")]
    private static partial void LogUnrecordedPostFailed(ILogger logger, string reference, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention for an unsent draft failed ({Reason}); it will be tried again at the next pass")]
    private static partial void LogDraftFailed(ILogger logger, string reason);

    [LoggerMessage(EventId = BusinessEvents.DraftPurged, EventName = "DraftPurged", Level = LogLevel.Information, Message = "Unsent draft {DraftId} deleted under the retention settings; its author was told")]
    private static partial void LogDraftPurged(ILogger logger, string draftId);
}
