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
