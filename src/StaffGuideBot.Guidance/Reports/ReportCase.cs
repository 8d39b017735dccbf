using System.Text.Json;
using System.Text.Json.Serialization;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>
/// What happens to a report after it is sent: delivery to the DSL channel, triage, and an audit trail of every event
/// (who and when). Stored beside the report under <c>cases/{reference}</c>, written with ETags.
/// </summary>
public sealed class ReportCase
{
    public required string Reference { get; init; }

    public CaseStatus Status { get; set; } = CaseStatus.AwaitingDelivery;

    /// <summary>True when immediate danger or any of the five points applies (shorter reminder time).</summary>
    public bool Urgent { get; set; }

    /// <summary>
    /// An allegation about an adult who works with children (<see cref="Report.Allegation"/>, copied when the case is
    /// made): delivered, shown and changed only in the allegations channel, never the DSL's. Never changes.
    /// </summary>
    public bool Allegation { get; init; }

    public Delivery Delivery { get; set; } = new();

    /// <summary>The DSL who acknowledged and owns it.</summary>
    public Person? Owner { get; set; }

    /// <summary>Every initial review decision, oldest first; the last is the current one. Never rewritten: only added to.</summary>
    public List<Decision> Decisions { get; set; } = [];

    /// <summary>The current decision (the last recorded), or null before any.</summary>
    [JsonIgnore]
    public Decision? Decision => Decisions.Count > 0 ? Decisions[^1] : null;

    /// <summary>Every decision on informing parents or carers, oldest first; the last is the current one.</summary>
    public List<ParentsDecision> ParentsDecisions { get; set; } = [];

    /// <summary>The current decision on informing parents or carers, or null before any.</summary>
    [JsonIgnore]
    public ParentsDecision? Parents => ParentsDecisions.Count > 0 ? ParentsDecisions[^1] : null;

    /// <summary>Set once a DSL has put the whole record in the school's safeguarding system; null until then.</summary>
    public SchoolRecord? RecordedInSchoolSystem { get; set; }

    /// <summary>
    /// A DSL's legal hold: while set, the report is never purged, whatever the retention settings say. Null when
    /// there is none (never placed, or released).
    /// </summary>
    public LegalHold? Hold { get; set; }

    /// <summary>
    /// When a retention pass began purging this report (set with the case's ETag, so a hold placed a moment before
    /// stops it, and no hold is taken after it); null otherwise.
    /// </summary>
    public DateTimeOffset? PurgingSince { get; set; }

    /// <summary>When the thread was last reminded that this closed report is not yet marked as recorded in the school's system.</summary>
    public DateTimeOffset? UnrecordedRemindedAt { get; set; }

    /// <summary>When the case was last closed (its latest <see cref="CaseEventKind.Closed"/> event); null while open.</summary>
    [JsonIgnore]
    public DateTimeOffset? ClosedAt => Status == CaseStatus.Closed ? History.LastOrDefault(e => e.Kind == CaseEventKind.Closed)?.At : null;

    /// <summary>Reminders posted in the thread so far.</summary>
    public int Reminders { get; set; }

    /// <summary>The Entra object ids already sent this urgent report's escalation in a private chat (each once).</summary>
    public List<string> EscalatedTo { get; set; } = [];

    public List<CaseEvent> History { get; set; } = [];

    /// <summary>
    /// What a case stored by an earlier version holds that this one doesn't read (e.g. its single decision): kept as it
    /// was, and written back unchanged, so nothing once recorded is lost.
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Earlier { get; set; }

    public void Record(CaseEventKind kind, DateTimeOffset at, Person? by = null, string? detail = null) =>
        History.Add(new CaseEvent { Kind = kind, At = at, By = by, Detail = detail });
}
