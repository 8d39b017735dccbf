using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StaffGuideBot.BotFramework.Hosting;
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
/// This class is the hosted loop: a pass over the outbox every few seconds and at once when a report is handed off;
/// each report is moved on by <see cref="ReportDelivery"/>. Failures are retried on <see cref="DeliveryBackoff"/>'s
/// schedule; a reporter whose report is late is told to phone the DSL.
/// </summary>
public sealed partial class DslDelivery : PeriodicBackgroundService
{
    public static TimeSpan CheckEvery { get; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to keep trying to tell a reporter their report was delivered (their chat may be gone).</summary>
    public static TimeSpan TellReporterFor { get; } = TimeSpan.FromDays(1);


    private readonly DslOutbox _outbox;
    private readonly ReportDelivery _delivery;
    private readonly DslOptions _options;
    private readonly DslChannelProvider _channel;
    private readonly ReportMetrics _metrics;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public DslDelivery(
        DslOutbox outbox,
        ReportDelivery delivery,
        IOptions<DslOptions> options,
        DslChannelProvider channel,
        ReportMetrics metrics,
        TimeProvider clock,
        ILogger<DslDelivery> logger)
        : base(clock, logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _outbox = outbox;
        _delivery = delivery;
        _options = options.Value;
        _channel = channel;
        _metrics = metrics;
    }

    /// <summary>True when a channel id and an absolute http(s) service URL are configured; otherwise reports wait in the outbox.</summary>
    public bool IsConfigured => _channel.Current.CanPost;

    /// <summary>A new case for a report: awaiting delivery now, urgent when <see cref="IsUrgent"/>, an allegation when the report is.</summary>
    public static ReportCase NewCase(Report report, ContentPack pack, DateTimeOffset now)
    {
        var reportCase = new ReportCase
        {
            Reference = report.Reference,
            Urgent = IsUrgent(report, pack),
            Allegation = report.Allegation,
            Delivery = new Delivery { NextAttemptAt = now },
        };
        reportCase.Record(CaseEventKind.Created, now);
        return reportCase;
    }

    /// <summary>The pack's urgency rule (<see cref="ContentPack.Urgent"/>): a flag of an urgent kind, or answers that meet its condition.</summary>
    public static bool IsUrgent(Report report, ContentPack pack)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(pack);
        var flagged = pack.Indicators.Any(i => pack.Urgent.Kinds.Contains(i.Kind) && report.Flags.Contains(i.Id));
        return flagged || (pack.Urgent.When is { } when && ConditionEvaluator.Evaluate(when, Answers.FromJson(report.Answers), pack));
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
            var waiting = await _outbox.WaitingAsync(cancellationToken);
            // The outbox's gauges read these figures: no storage read of their own.
            _metrics.OutboxRead(waiting.Count, waiting.Count == 0 ? null : waiting[0].SubmittedAt);
            foreach (var (reference, _) in waiting)
            {
                try
                {
                    if (await _delivery.DeliverAsync(reference, cancellationToken))
                    {
                        delivered++;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // One report's trouble (e.g. storage unavailable) never holds up the others; it is tried again next pass.
                    LogPassFailed(Logger, reference, ex.GetType().Name);
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
            LogNotConfigured(Logger, _options.DeliveryWarningAfter);
        }

        if (!_channel.Allegations.CanPost)
        {
            LogNoAllegationsChannel(Logger);
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



    [LoggerMessage(Level = LogLevel.Warning, Message = "No DSL channel is configured (Dsl:ChannelId and Dsl:ServiceUrl): reports are kept in the outbox and not delivered, and each reporter is told to phone the DSL after {WarningAfter}.")]
    private static partial void LogNotConfigured(ILogger logger, TimeSpan warningAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No allegations channel is configured or registered (Dsl:Allegations): an allegation about an adult who works with children waits in the outbox until there is one, and is never sent to the DSL channel.")]
    private static partial void LogNoAllegationsChannel(ILogger logger);










    [LoggerMessage(Level = LogLevel.Error, Message = "Delivering report {Reference} failed ({Reason}); it will be tried again")]
    private static partial void LogPassFailed(ILogger logger, string reference, string reason);
}
