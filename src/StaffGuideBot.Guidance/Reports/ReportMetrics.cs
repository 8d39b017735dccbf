using System.Diagnostics.Metrics;
using StaffGuideBot.BotFramework.Hosting;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>
/// The business events as OpenTelemetry metrics, on the bot's one meter (<see cref="BotTelemetry.Name"/>): counters of
/// reports submitted, delivered, acknowledged, decided, overdue (a reminder posted), failed deliveries and purges; the
/// outbox's depth and the age of its oldest report; the time from sending a report to a DSL acknowledging it. Tags come
/// from fixed sets only (urgent, allegation, a reason, a status code, a connector's error code): never a reference
/// (too many values), a name or anything typed. Each call is a counter increment; nothing here reads storage. The
/// outbox figures are those of the last delivery pass (<see cref="OutboxRead"/>, every few seconds).
/// </summary>
public sealed class ReportMetrics
{
    private readonly TimeProvider _clock;
    private readonly Counter<long> _submitted;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _deliveryFailures;
    private readonly Counter<long> _acknowledged;
    private readonly Counter<long> _decisions;
    private readonly Counter<long> _overdue;
    private readonly Counter<long> _purged;
    private readonly Counter<long> _draftsPurged;
    private readonly Histogram<double> _timeToAcknowledge;
    private volatile OutboxFigures? _outbox;

    public ReportMetrics(IMeterFactory meters, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _clock = clock;
        var meter = meters.Create(BotTelemetry.Name);
        _submitted = meter.CreateCounter<long>("staffguidebot.reports.submitted", "{report}", "Reports sent by staff (stored and queued for the DSL).");
        _delivered = meter.CreateCounter<long>("staffguidebot.reports.delivered", "{report}", "Reports posted in their channel.");
        _deliveryFailures = meter.CreateCounter<long>("staffguidebot.reports.delivery_failures", "{attempt}", "Attempts to post a report that failed, by the connector's status code and error code.");
        _acknowledged = meter.CreateCounter<long>("staffguidebot.reports.acknowledged", "{report}", "Reports acknowledged by a DSL.");
        _decisions = meter.CreateCounter<long>("staffguidebot.reports.decisions", "{decision}", "Decisions recorded on reports (the initial review's, or on informing parents or carers).");
        _overdue = meter.CreateCounter<long>("staffguidebot.reports.overdue", "{reminder}", "Reminders posted about delivered reports nobody has acknowledged.");
        _purged = meter.CreateCounter<long>("staffguidebot.reports.purged", "{report}", "Reports deleted under the retention settings.");
        _draftsPurged = meter.CreateCounter<long>("staffguidebot.drafts.purged", "{draft}", "Unsent drafts deleted under the retention settings.");
        _timeToAcknowledge = meter.CreateHistogram(
            "staffguidebot.reports.time_to_acknowledge",
            "s",
            "From a report being sent to a DSL acknowledging it.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400, 172800, 604800] });
        meter.CreateObservableGauge("staffguidebot.outbox.depth", () => _outbox?.Depth ?? 0, "{report}", "Reports waiting in the outbox (to be posted, or their reporter to be told), as of the last delivery pass.");
        meter.CreateObservableGauge("staffguidebot.outbox.oldest_age", OldestAge, "s", "How long the oldest report in the outbox has waited, as of the last delivery pass (0 when none waits).");
    }

    public void Submitted(bool urgent, bool allegation) => _submitted.Add(1, Urgent(urgent), Allegation(allegation));

    public void Delivered(bool urgent, bool allegation) => _delivered.Add(1, Urgent(urgent), Allegation(allegation));

    /// <summary>A failed attempt: <paramref name="statusCode"/> the connector's HTTP status (0 when there was no answer), <paramref name="errorCode"/> its short code.</summary>
    public void DeliveryFailed(int statusCode, string errorCode, bool allegation) =>
        _deliveryFailures.Add(1, new("http.response.status_code", statusCode), new("error.type", errorCode), Allegation(allegation));

    /// <summary>A report acknowledged <paramref name="sinceSent"/> after it was sent.</summary>
    public void Acknowledged(TimeSpan sinceSent, bool urgent, bool allegation)
    {
        _acknowledged.Add(1, Urgent(urgent), Allegation(allegation));
        _timeToAcknowledge.Record(Math.Max(0, sinceSent.TotalSeconds), Urgent(urgent), Allegation(allegation));
    }

    /// <summary>A decision recorded; <paramref name="kind"/> is <c>review</c> or <c>parents</c>.</summary>
    public void DecisionRecorded(string kind, bool allegation) => _decisions.Add(1, new("kind", kind), Allegation(allegation));

    /// <summary>A reminder posted about a report still not acknowledged; <paramref name="last"/> when no more will be.</summary>
    public void Overdue(bool urgent, bool allegation, bool last) => _overdue.Add(1, Urgent(urgent), Allegation(allegation), new("last", last));

    /// <summary>A report purged for <paramref name="reason"/> (one of fixed words, e.g. <see cref="RetentionAudit.RecordedReason"/>).</summary>
    public void Purged(string reason, bool allegation) => _purged.Add(1, new("reason", reason), Allegation(allegation));

    public void DraftPurged() => _draftsPurged.Add(1);

    /// <summary>What a delivery pass found in the outbox: how many wait, and since when the oldest has.</summary>
    public void OutboxRead(int depth, DateTimeOffset? oldestSubmittedAt) => _outbox = new OutboxFigures(depth, oldestSubmittedAt);

    private double OldestAge() =>
        _outbox?.OldestSubmittedAt is { } oldest ? Math.Max(0, (_clock.GetUtcNow() - oldest).TotalSeconds) : 0;

    private static KeyValuePair<string, object?> Urgent(bool urgent) => new("urgent", urgent);

    private static KeyValuePair<string, object?> Allegation(bool allegation) => new("allegation", allegation);

    private sealed record OutboxFigures(int Depth, DateTimeOffset? OldestSubmittedAt);
}
