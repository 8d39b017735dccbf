using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.BotFramework.Connector;
using StaffGuideBot.BotFramework.Hosting;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>
/// Delivers queued reports to the DSL channel, each as a new thread, exactly once as far as the Bot Connector allows:
/// <list type="number">
/// <item>an attempt marker is stored in the report's outbox entry;</item>
/// <item>a placeholder root (the reference only, no content) is posted with <c>CreateConversationAsync</c>;</item>
/// <item>its thread and activity ids are stored in the outbox entry;</item>
/// <item>the root is updated in place with the summary card (<c>UpdateActivityAsync</c>, safe to repeat);</item>
/// <item>the case is marked Delivered, the reporter is told, and the report leaves the outbox.</item>
/// </list>
/// A crash at any point resumes from what was stored: only a crash between (2) and (3) can leave a second,
/// contentless placeholder; the summary card itself is only ever written to the one recorded root.
/// Failures are retried with exponential backoff and jitter; a reporter whose report is late is told to phone the DSL.
/// Runs every few seconds and at once when a report is handed off.
/// </summary>
public sealed partial class DslDelivery : PeriodicBackgroundService
{
    public static TimeSpan CheckEvery { get; } = TimeSpan.FromSeconds(5);

    /// <summary>The first retry's delay (before jitter); it doubles each time up to <see cref="MaxRetryDelay"/>.</summary>
    public static TimeSpan FirstRetryDelay { get; } = TimeSpan.FromSeconds(5);

    public static TimeSpan MaxRetryDelay { get; } = TimeSpan.FromMinutes(5);

    /// <summary>How long to keep trying to tell a reporter their report was delivered (their chat may be gone).</summary>
    public static TimeSpan TellReporterFor { get; } = TimeSpan.FromDays(1);

    /// <summary>The answer of the pack's "is a child in danger right now" question; yes or unsure makes a report urgent.</summary>
    public const string ImmediateDangerAnswer = "immediate_danger";

    private const string RosterErrorCode = "BotNotInConversationRoster";

    private readonly DslOutbox _outbox;
    private readonly CaseStore _cases;
    private readonly IReportStore _reports;
    private readonly IConnectorClient _connector;
    private readonly IReporterNotifier _reporters;
    private readonly ContentLibrary _content;
    private readonly ISummaryCards _cards;
    private readonly DslOptions _options;
    private readonly DslChannelProvider _channel;
    private readonly TimeProvider _clock;
    private readonly ILogger<DslDelivery> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public DslDelivery(
        DslOutbox outbox,
        CaseStore cases,
        IReportStore reports,
        IConnectorClient connector,
        IReporterNotifier reporters,
        ContentLibrary content,
        ISummaryCards cards,
        IOptions<DslOptions> options,
        DslChannelProvider channel,
        TimeProvider clock,
        ILogger<DslDelivery> logger)
        : base(clock, logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _outbox = outbox;
        _cases = cases;
        _reports = reports;
        _connector = connector;
        _reporters = reporters;
        _content = content;
        _cards = cards;
        _options = options.Value;
        _clock = clock;
        _channel = channel;
        _logger = logger;
    }

    /// <summary>True when a channel id and an absolute http(s) service URL are configured; otherwise reports wait in the outbox.</summary>
    public bool IsConfigured => _channel.Current.CanPost;

    /// <summary>A new case for a report: awaiting delivery now, urgent for immediate danger or any of the five points.</summary>
    public static ReportCase NewCase(Report report, ContentPack pack, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(pack);
        var danger = report.Answers[ImmediateDangerAnswer]?.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? report.Answers[ImmediateDangerAnswer]!.GetValue<string>()
            : null;
        var fivePoint = pack.Indicators.Any(i => i.Kind == IndicatorKind.FivePoint && report.Flags.Contains(i.Id));
        var reportCase = new ReportCase
        {
            Reference = report.Reference,
            Urgent = fivePoint || danger is "yes" or "unsure",
            Delivery = new Delivery { NextAttemptAt = now },
        };
        reportCase.Record(CaseEventKind.Created, now);
        return reportCase;
    }

    /// <summary>
    /// One pass over the outbox: delivers every report whose next attempt is due, tells reporters whose report is
    /// delivered or late, and drops finished reports. Returns how many reports were delivered in this pass.
    /// Passes never overlap.
    /// </summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var delivered = 0;
            foreach (var reference in await _outbox.PendingAsync(cancellationToken))
            {
                try
                {
                    if (await ProcessAsync(reference, cancellationToken))
                    {
                        delivered++;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // One report's trouble (e.g. storage unavailable) never holds up the others; it is tried again next pass.
                    LogPassFailed(_logger, reference, ex.GetType().Name);
                }
            }

            return delivered;
        }
        finally
        {
            _gate.Release();
        }
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (!IsConfigured)
        {
            LogNotConfigured(_logger, _options.DeliveryWarningAfter);
        }

        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    protected override TimeSpan Period => CheckEvery;

    protected override string WorkName => "A DSL delivery pass";

    /// <summary>Reports left in the outbox by the last run go out at start, not a period later.</summary>
    protected override bool RunAtStart => true;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => DeliverDueAsync(cancellationToken);

    /// <summary>Moves one report on as far as it can go now; true when it was delivered in this call.</summary>
    private async Task<bool> ProcessAsync(string reference, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var report = await _reports.FindAsync(reference, cancellationToken);
        if (report is null)
        {
            // Reports are stored before they are queued, so this is a damaged store: say so rather than retry for ever.
            LogReportMissing(_logger, reference);
            await _outbox.RemoveAsync(reference, cancellationToken);
            return false;
        }

        // Queued by a hand-off that stopped half-way: finish its work.
        var entry = await _outbox.FindAsync(reference, cancellationToken) ?? await _outbox.CreateEntryAsync(reference, report.SubmittedAt, cancellationToken);
        var reportCase = await _cases.FindAsync(reference, cancellationToken);
        if (reportCase is null)
        {
            await _cases.CreateAsync(NewCase(report, await _content.ForAsync(report.ContentVersion, cancellationToken), now), cancellationToken);
            reportCase = (await _cases.FindAsync(reference, cancellationToken))!;
        }

        if (reportCase.Status != CaseStatus.AwaitingDelivery)
        {
            // Delivered earlier but the reporter has not heard yet (or a crash came before the outbox was cleared).
            await FinishAsync(report, now, cancellationToken);
            return false;
        }

        if (!IsConfigured)
        {
            await WarnIfLateAsync(report, reportCase, now, force: false, cancellationToken);
            return false;
        }

        if (reportCase.Delivery.NextAttemptAt is { } next && next > now)
        {
            await WarnIfLateAsync(report, reportCase, now, force: false, cancellationToken);
            return false;
        }

        var updating = false;
        try
        {
            entry = await PostPlaceholderIfNeededAsync(entry, now, cancellationToken);
            updating = true;
            var thread = entry.Thread!;
            var card = await _cards.CreateAsync(report, reportCase, canAct: true, cancellationToken);
            var activity = new Activity { Type = ActivityTypes.Message, Id = thread.ActivityId, Attachments = [Attachment.AdaptiveCard(card)] };
            await _connector.UpdateActivityAsync(thread.ServiceUrl, thread.ThreadId, thread.ActivityId, activity, cancellationToken);
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException)
        {
            await RecordFailureAsync(report, reportCase, updating, ex, now, cancellationToken);
            return false;
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
        LogDelivered(_logger, reference, reportCase.Delivery.Attempts + 1);

        await FinishAsync(report, deliveredAt, cancellationToken);
        return true;
    }

    /// <summary>
    /// Tells the reporter their report has reached the DSL, then takes it out of the outbox. If they cannot be told,
    /// it stays and is tried again each pass, for up to <see cref="TellReporterFor"/> after sending.
    /// </summary>
    private async Task FinishAsync(Report report, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await TellReporterAsync(report, TextKeys.DeliverySent, cancellationToken))
        {
            if (now - report.SubmittedAt < TellReporterFor)
            {
                return;
            }

            LogGaveUpTellingReporter(_logger, report.Reference, TellReporterFor);
        }

        await _outbox.RemoveAsync(report.Reference, cancellationToken);
    }

    /// <summary>
    /// Makes sure the report has a thread in the configured channel: reuses the recorded one, or posts a new placeholder
    /// root (marking the attempt first, recording the ids after).
    /// </summary>
    private async Task<OutboxEntry> PostPlaceholderIfNeededAsync(OutboxEntry entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var dslChannel = _channel.Current;
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

        var placeholder = CardElements.Text(_content.Live.Text(TextKeys.DeliveryPlaceholder, new Dictionary<string, string> { ["reference"] = entry.Reference }));
        placeholder["id"] = $"attempt-{attemptId}";
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
            Activity = new Activity { Type = ActivityTypes.Message, Attachments = [Attachment.AdaptiveCard(CardElements.Card([placeholder]))] },
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
        var code = ErrorCode(ex);
        var status = (ex as ConnectorException)?.StatusCode ?? 0;
        var attempts = reportCase.Delivery.Attempts + 1;
        var delay = RetryDelay(attempts, Random.Shared.NextDouble());
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

        var roster = code == RosterErrorCode;
        if (roster)
        {
            LogNotInChannel(_logger, report.Reference, _channel.Current.ChannelId!, _channel.Current.TeamId ?? "?");
            if (!(updated ?? reportCase).Delivery.DslsToldNotInChannel)
            {
                await TellDslsNotInChannelAsync(report, cancellationToken);
            }
        }
        else
        {
            LogAttemptFailed(_logger, report.Reference, attempts, code, delay);
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

        if (await TellReporterAsync(report, TextKeys.DeliveryLate, cancellationToken))
        {
            await _cases.UpdateAsync(report.Reference, c => c.Delivery.ReporterWarned = true, cancellationToken);
        }
    }

    /// <summary>A proactive message in the reporter's personal chat; false (and tried again next pass) when it could not be sent.</summary>
    /// <summary>
    /// The bot cannot post in the DSL channel: each DSL on the roster is told in a 1:1 chat (once per report) to add
    /// the app to the channel, and who reported it so they can phone them. Best effort: a DSL the bot cannot reach
    /// is skipped; the log already says what to do.
    /// </summary>
    private async Task TellDslsNotInChannelAsync(Report report, CancellationToken cancellationToken)
    {
        var text = _content.Live.Text(TextKeys.DeliveryNotInChannel, new Dictionary<string, string>
        {
            ["reference"] = report.Reference,
            ["name"] = report.Reporter.Name ?? report.Reporter.UserId,
        });
        var told = 0;
        var dslChannel = _channel.Current;
        foreach (var dsl in _options.Roster)
        {
            try
            {
                if (await PersonalMessage.SendAsync(_connector, dslChannel, dsl, text, cancellationToken))
                {
                    told++;
                }
            }
            catch (Exception ex) when (ex is ConnectorException or HttpRequestException)
            {
                LogDslNotTold(_logger, report.Reference, ErrorCode(ex));
            }
        }

        if (told > 0)
        {
            await _cases.UpdateAsync(report.Reference, c => c.Delivery.DslsToldNotInChannel = true, cancellationToken);
        }
    }

    private async Task<bool> TellReporterAsync(Report report, string textKey, CancellationToken cancellationToken)
    {
        var text = _content.Live.Text(textKey, new Dictionary<string, string> { ["reference"] = report.Reference });
        try
        {
            await _reporters.TellAsync(report, text, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException)
        {
            LogReporterNotTold(_logger, report.Reference, textKey, ErrorCode(ex));
            return false;
        }
    }

    /// <summary>
    /// The wait before attempt <paramref name="attempts"/> + 1: <see cref="FirstRetryDelay"/> doubled per failure,
    /// at most <see cref="MaxRetryDelay"/>, then spread by ±20 % (<paramref name="jitter"/> in [0, 1)) so retries
    /// of many reports do not arrive together; never more than the cap.
    /// </summary>
    public static TimeSpan RetryDelay(int attempts, double jitter)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 20);
        var baseDelay = Math.Min(FirstRetryDelay.TotalSeconds * Math.Pow(2, exponent), MaxRetryDelay.TotalSeconds);
        var spread = baseDelay * (0.8 + (0.4 * Math.Clamp(jitter, 0, 1)));
        return TimeSpan.FromSeconds(Math.Min(spread, MaxRetryDelay.TotalSeconds));
    }

    private static string ErrorCode(Exception ex) => ex switch
    {
        ConnectorException { ErrorCode: { Length: > 0 } code } => code,
        ConnectorException { StatusCode: > 0 } connector => string.Create(CultureInfo.InvariantCulture, $"HTTP{connector.StatusCode}"),
        ConnectorException => "NoResponse",
        _ => ex.GetType().Name,
    };

    /// <summary>Teams names a channel thread <c>{channel};messageid={root activity id}</c>.</summary>
    private static string? MessageIdOf(string? threadId)
    {
        const string marker = ";messageid=";
        var at = threadId?.IndexOf(marker, StringComparison.OrdinalIgnoreCase) ?? -1;
        return at < 0 ? null : threadId![(at + marker.Length)..];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No DSL channel is configured (Dsl:ChannelId and Dsl:ServiceUrl): reports are kept in the outbox and not delivered, and each reporter is told to phone the DSL after {WarningAfter}.")]
    private static partial void LogNotConfigured(ILogger logger, TimeSpan warningAfter);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {Reference} delivered to the DSL channel (attempt {Attempt})")]
    private static partial void LogDelivered(ILogger logger, string reference, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery of report {Reference} failed (attempt {Attempt}, {ErrorCode}); next try in {Delay}")]
    private static partial void LogAttemptFailed(ILogger logger, string reference, int attempt, string errorCode, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Report {Reference} cannot be posted: the bot is not a member of the DSL channel {ChannelId} (team {TeamId}). Add the StaffGuideBot app to that team and, for a private or shared channel, to the channel itself (channel > Manage channel > Apps). Delivery keeps retrying; the reporter has been told to phone the DSL.")]
    private static partial void LogNotInChannel(ILogger logger, string reference, string channelId, string teamId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell a DSL in a 1:1 chat that {Reference} cannot be posted in the DSL channel ({Code})")]
    private static partial void LogDslNotTold(ILogger logger, string reference, string code);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {Reference}: an earlier delivery attempt ({AttemptId}, started {StartedAt:O}) stopped before its thread was recorded. If the DSL channel shows a placeholder for this reference with no details, it is left over from that attempt and can be deleted; the report is posted again now.")]
    private static partial void LogInterruptedAttempt(ILogger logger, string reference, string attemptId, DateTimeOffset startedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {Reference}: the DSL channel changed after its placeholder (attempt {AttemptId}) was posted; posting it in the channel configured now.")]
    private static partial void LogChannelChanged(ILogger logger, string reference, string attemptId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The reporter of {Reference} could not be sent '{TextKey}' ({ErrorCode}); it will be tried again")]
    private static partial void LogReporterNotTold(ILogger logger, string reference, string textKey, string errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The reporter of {Reference} could not be told it was delivered within {Period}; no longer trying")]
    private static partial void LogGaveUpTellingReporter(ILogger logger, string reference, TimeSpan period);

    [LoggerMessage(Level = LogLevel.Error, Message = "Report {Reference} is in the outbox but not in the report store; it was removed from the outbox")]
    private static partial void LogReportMissing(ILogger logger, string reference);

    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering report {Reference} failed ({Reason}); it will be tried again")]
    private static partial void LogPassFailed(ILogger logger, string reference, string reason);
}
