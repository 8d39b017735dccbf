using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StaffGuideBot.BotFramework.Connector;
using StaffGuideBot.BotFramework.Hosting;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Dsl;

/// <summary>
/// No report left waiting: once a minute, every delivered report that nobody has acknowledged gets a reply in its
/// thread that @mentions every deputy (<see cref="DslOptions.Deputies"/>); an allegation's, in its thread in the
/// allegations channel, mentions the allegations roster instead (never anyone of the DSL team for that reason). The first comes
/// <see cref="DslOptions.AcknowledgeWithin"/> after delivery (<see cref="DslOptions.UrgentAcknowledgeWithin"/> when
/// urgent), then one every such period, at most <see cref="MaxReminders"/> in all.
/// <list type="bullet">
/// <item>A reminder is recorded on the case (count and a <see cref="CaseEventKind.Reminder"/> history event naming who
/// was mentioned, never content) only after it was posted; a failed post is tried again at the next check.</item>
/// <item>The case is read again just before posting, so a report acknowledged since the check gets no reminder; only an
/// acknowledgement landing during the post itself can still be followed by that one reminder.</item>
/// </list>
/// The last step of the ladder: an urgent report still not acknowledged one period after its
/// <see cref="DslOptions.EscalateAfterReminders"/>th reminder is sent to each person on the roster and the headteacher
/// (<see cref="DslOptions.Headteacher"/>) in a private chat, once each (an allegation's, to the allegations roster only).
/// That message names the report by reference only: the headteacher may not be on the roster.
/// Passes never overlap within one instance; with several instances running, each would post its own reminder.
/// </summary>
public sealed partial class DslReminderService : PeriodicBackgroundService
{
    public static TimeSpan CheckEvery { get; } = TimeSpan.FromMinutes(1);

    /// <summary>The most reminders one report gets; after the last, it is left to the DSL team (and logged).</summary>
    public const int MaxReminders = 6;

    private readonly CaseStore _cases;
    private readonly IConnectorClient _connector;
    private readonly ContentLibrary _content;
    private readonly DslOptions _options;
    private readonly DslChannelProvider _channel;
    private readonly TimeProvider _clock;
    private readonly ILogger<DslReminderService> _logger;
    private readonly StorageLeases _leases;
    private readonly ReportMetrics _metrics;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The lease that lets one instance at a time run the reminder passes (see <see cref="StorageLeases"/>).</summary>
    public const string LeaseName = "jobs/dsl-reminders";

    public DslReminderService(
        CaseStore cases,
        StorageLeases leases,
        IConnectorClient connector,
        ContentLibrary content,
        IOptions<DslOptions> options,
        DslChannelProvider channel,
        ReportMetrics metrics,
        TimeProvider clock,
        ILogger<DslReminderService> logger)
        : base(clock, logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _cases = cases;
        _leases = leases;
        _connector = connector;
        _content = content;
        _options = options.Value;
        _channel = channel;
        _metrics = metrics;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>True when <paramref name="reportCase"/> is waiting for acknowledgement and its next reminder is due at <paramref name="now"/>.</summary>
    public bool IsDue(ReportCase reportCase, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reportCase);
        if (reportCase.Status != CaseStatus.Delivered
            || reportCase.Delivery.DeliveredAt is not { } deliveredAt
            || string.IsNullOrEmpty(reportCase.Delivery.ThreadId)
            || reportCase.Reminders >= MaxReminders)
        {
            return false;
        }

        var wait = reportCase.Urgent ? _options.UrgentAcknowledgeWithin : _options.AcknowledgeWithin;
        return wait > TimeSpan.Zero && now - deliveredAt >= wait * (reportCase.Reminders + 1);
    }

    /// <summary>
    /// True when <paramref name="reportCase"/> is urgent, still waiting for acknowledgement one reminder period after its
    /// <see cref="DslOptions.EscalateAfterReminders"/>th reminder, and someone it goes to has not been sent it yet.
    /// </summary>
    public bool IsEscalationDue(ReportCase reportCase, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reportCase);
        var after = _options.EscalateAfterReminders;
        return reportCase.Urgent
            && reportCase.Status == CaseStatus.Delivered
            && reportCase.Delivery.DeliveredAt is { } deliveredAt
            && after > 0
            && _options.UrgentAcknowledgeWithin > TimeSpan.Zero
            && reportCase.Reminders >= after
            && now - deliveredAt >= _options.UrgentAcknowledgeWithin * (after + 1)
            && EscalationRecipients(reportCase.Allegation).Except(reportCase.EscalatedTo, StringComparer.OrdinalIgnoreCase).Any();
    }

    /// <summary>One pass: posts every reminder that is due now, then sends every escalation due; returns how many reminders were posted. Passes never overlap.</summary>
    public async Task<int> RemindDueAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Several instances on one store: only the lease's holder reminds (it keeps the lease while it runs;
            // when it stops, another takes over once the lease runs out).
            if (!await _leases.TryAcquireAsync(LeaseName, CheckEvery * 3, cancellationToken))
            {
                return 0;
            }

            var now = _clock.GetUtcNow();
            var posted = 0;
            foreach (var reportCase in await _cases.ListOpenAsync(cancellationToken))
            {
                if (!IsDue(reportCase, now))
                {
                    continue;
                }

                try
                {
                    if (await RemindAsync(reportCase.Reference, cancellationToken))
                    {
                        posted++;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // One case's trouble (e.g. storage unavailable) never holds up the others; it is tried again next check.
                    LogReminderFailed(_logger, reportCase.Reference, ex.GetType().Name);
                }
            }

            foreach (var reportCase in await _cases.ListOpenAsync(cancellationToken))
            {
                if (!IsEscalationDue(reportCase, now))
                {
                    continue;
                }

                try
                {
                    await EscalateAsync(reportCase.Reference, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // One case's trouble (e.g. storage unavailable) never holds up the others; it is tried again next check.
                    LogReminderFailed(_logger, reportCase.Reference, ex.GetType().Name);
                }
            }

            return posted;
        }
        finally
        {
            _gate.Release();
        }
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Deputies.Count == 0)
        {
            LogNoDeputies(_logger);
        }

        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    protected override TimeSpan Period => CheckEvery;

    protected override string WorkName => "A DSL reminder check";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => RemindDueAsync(cancellationToken);

    /// <summary>Posts one reminder for the case if it is still due, then records it; true when it was posted.</summary>
    private async Task<bool> RemindAsync(string reference, CancellationToken cancellationToken)
    {
        var allegation = (await _cases.FindAsync(reference, cancellationToken))?.Allegation == true;
        var deputies = await DeputiesAsync(reference, allegation, cancellationToken);

        // Read again just before posting: a DSL may have acknowledged it since the list was read (or during the look-ups).
        var now = _clock.GetUtcNow();
        var reportCase = await _cases.FindAsync(reference, cancellationToken);
        if (reportCase is null || reportCase.Allegation != allegation || !IsDue(reportCase, now))
        {
            return false;
        }

        var serviceUrl = reportCase.Delivery.ServiceUrl ?? _channel.For(allegation).ServiceUrl;
        if (string.IsNullOrEmpty(serviceUrl))
        {
            return false;
        }

        var waited = (int)Math.Floor((now - reportCase.Delivery.DeliveredAt!.Value).TotalMinutes);
        var text = _content.Live.Text(TextKeys.DslReminder, new Dictionary<string, string>
        {
            ["reference"] = reportCase.Reference,
            ["number"] = waited.ToString(CultureInfo.InvariantCulture),
        });
        var mentions = deputies.Select(d => new Mention
        {
            Text = $"<at>{d.Name}</at>",
            Mentioned = new ChannelAccount { Id = d.AadObjectId, Name = d.Name },
        }).ToList();
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Text = mentions.Count == 0 ? text : $"{string.Join(' ', mentions.Select(m => m.Text))} {text}",
            Entities = mentions.Select(m => BotJson.ConvertOrDefault<Entity>(m)!).ToList(),
        };

        try
        {
            await _connector.SendToConversationAsync(serviceUrl, reportCase.Delivery.ThreadId!, activity, cancellationToken);
        }
        catch (Exception ex) when (ex is ConnectorException or HttpRequestException)
        {
            // Nothing recorded: the next check finds it still due and tries again.
            LogPostFailed(_logger, reference, ErrorCode(ex));
            return false;
        }

        var postedAt = _clock.GetUtcNow();
        var mentioned = string.Join(", ", deputies.Select(d => d.Known ? d.Name : d.AadObjectId));
        var updated = await _cases.UpdateAsync(reference, c =>
        {
            c.Reminders++;
            c.Record(CaseEventKind.Reminder, postedAt, detail: mentioned.Length == 0 ? null : mentioned);
        }, cancellationToken);

        var count = updated?.Reminders ?? reportCase.Reminders + 1;
        LogReminded(_logger, reference, count, waited, deputies.Count);
        _metrics.Overdue(reportCase.Urgent, reportCase.Allegation, last: count >= MaxReminders);
        if (count >= MaxReminders)
        {
            LogLastReminder(_logger, reference, count);
        }

        return true;
    }

    /// <summary>Who an urgent report's escalation goes to: the roster and the headteacher; for an allegation, its roster only.</summary>
    private List<string> EscalationRecipients(bool allegation) =>
        (allegation ? _options.Allegations.Roster : _options.Roster.Append(_options.Headteacher))
            .OfType<string>().Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>
    /// Sends the escalation, in a private chat, to each recipient not yet sent it; records who was, after sending. One
    /// whose chat can't be opened is tried again at the next check; the others are never sent it twice.
    /// </summary>
    private async Task EscalateAsync(string reference, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var reportCase = await _cases.FindAsync(reference, cancellationToken);
        if (reportCase is null || !IsEscalationDue(reportCase, now))
        {
            return;
        }

        var text = _content.Live.Text(reportCase.Allegation ? TextKeys.AllegationEscalation : TextKeys.DslEscalation, new Dictionary<string, string>
        {
            ["reference"] = reportCase.Reference,
            ["number"] = ((int)Math.Floor((now - reportCase.Delivery.DeliveredAt!.Value).TotalMinutes)).ToString(CultureInfo.InvariantCulture),
        });
        var address = _channel.For(reportCase.Allegation);
        var sent = new List<string>();
        foreach (var recipient in EscalationRecipients(reportCase.Allegation).Except(reportCase.EscalatedTo, StringComparer.OrdinalIgnoreCase))
        {
            try
            {
                if (!string.IsNullOrEmpty(address.ServiceUrl) && await PersonalMessage.SendAsync(_connector, address, recipient, text, cancellationToken))
                {
                    sent.Add(recipient);
                }
            }
            catch (Exception ex) when (ex is ConnectorException or HttpRequestException)
            {
                LogEscalationFailed(_logger, reference, ErrorCode(ex));
            }
        }

        if (sent.Count == 0)
        {
            return;
        }

        var sentAt = _clock.GetUtcNow();
        await _cases.UpdateAsync(reference, c =>
        {
            c.EscalatedTo.AddRange(sent.Except(c.EscalatedTo, StringComparer.OrdinalIgnoreCase));
            c.Record(CaseEventKind.Escalated, sentAt);
        }, cancellationToken);
        LogEscalated(_logger, reference, sent.Count);
    }

    /// <summary>
    /// The deputies to mention (for an allegation, the allegations roster), each named as Teams knows them in that
    /// report's channel, or by the pack's generic name when the look-up fails (the reminder goes out either way).
    /// </summary>
    private async Task<List<Deputy>> DeputiesAsync(string reference, bool allegation, CancellationToken cancellationToken)
    {
        var deputies = new List<Deputy>();
        var fallback = _content.Live.Text(allegation ? TextKeys.AllegationReminderMember : TextKeys.DslReminderDeputy);
        var dslChannel = _channel.For(allegation);
        foreach (var objectId in (allegation ? _options.Allegations.Roster : _options.Deputies).Where(d => !string.IsNullOrWhiteSpace(d)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            string? name = null;
            if (!string.IsNullOrEmpty(dslChannel.ServiceUrl) && !string.IsNullOrEmpty(dslChannel.ChannelId))
            {
                try
                {
                    var member = await _connector.GetConversationMemberAsync(dslChannel.ServiceUrl, dslChannel.ChannelId, objectId, cancellationToken);
                    name = member?.Name;
                }
                catch (Exception ex) when (ex is ConnectorException or HttpRequestException)
                {
                    var code = ErrorCode(ex);
                    LogLookupFailed(_logger, reference, code);
                }
            }

            // Angle brackets would break the <at> markup.
            name = name?.Replace("<", string.Empty, StringComparison.Ordinal).Replace(">", string.Empty, StringComparison.Ordinal).Trim();
            deputies.Add(string.IsNullOrEmpty(name) ? new Deputy(objectId, fallback, Known: false) : new Deputy(objectId, name, Known: true));
        }

        return deputies;
    }

    private static string ErrorCode(Exception ex) => ex switch
    {
        ConnectorException { ErrorCode: { Length: > 0 } code } => code,
        ConnectorException { StatusCode: > 0 } connector => string.Create(CultureInfo.InvariantCulture, $"HTTP{connector.StatusCode}"),
        ConnectorException => "NoResponse",
        _ => ex.GetType().Name,
    };

    private sealed record Deputy(string AadObjectId, string Name, bool Known);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No deputies are configured (Dsl:Deputies): reminders about unacknowledged reports are posted in their threads without mentioning anyone.")]
    private static partial void LogNoDeputies(ILogger logger);

    [LoggerMessage(EventId = BusinessEvents.Overdue, EventName = "ReportOverdue", Level = LogLevel.Information, Message = "Report {Reference}: reminder {Count} posted after {Minutes} minutes unacknowledged ({Deputies} deputies mentioned)")]
    private static partial void LogReminded(ILogger logger, string reference, int count, int minutes, int deputies);

    [LoggerMessage(EventId = BusinessEvents.LastReminder, EventName = "ReportLastReminder", Level = LogLevel.Warning, Message = "Report {Reference} is still not acknowledged after {Count} reminders; no more reminders will be posted")]
    private static partial void LogLastReminder(ILogger logger, string reference, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {Reference}: the reminder could not be posted ({ErrorCode}); it will be tried again")]
    private static partial void LogPostFailed(ILogger logger, string reference, string errorCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {Reference}: a deputy's name could not be looked up ({ErrorCode}); mentioned by the generic name")]
    private static partial void LogLookupFailed(ILogger logger, string reference, string errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {Reference} is urgent and still not acknowledged: sent to {Count} people in private chats")]
    private static partial void LogEscalated(ILogger logger, string reference, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {Reference}: a private chat for its escalation could not be opened ({ErrorCode}); it will be tried again")]
    private static partial void LogEscalationFailed(ILogger logger, string reference, string errorCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reminding about report {Reference} failed ({Reason}); it will be tried again")]
    private static partial void LogReminderFailed(ILogger logger, string reference, string reason);
}
