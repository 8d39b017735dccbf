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

    public Decision? Decision { get; set; }

    /// <summary>Reminders posted in the thread so far.</summary>
    public int Reminders { get; set; }

    public List<CaseEvent> History { get; set; } = [];

    public void Record(CaseEventKind kind, DateTimeOffset at, Person? by = null, string? detail = null) =>
        History.Add(new CaseEvent { Kind = kind, At = at, By = by, Detail = detail });
}
