namespace StaffGuideBot.Guidance.Dsl;

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

public enum CaseStatus
{
    AwaitingDelivery,
    Delivered,
    Acknowledged,
    DecisionRecorded,
    Closed,
}

/// <summary>Where the summary card went in the DSL channel.</summary>
public sealed class Delivery
{
    /// <summary>The thread's conversation id (<c>channelId;messageid=…</c>).</summary>
    public string? ThreadId { get; set; }

    /// <summary>The summary card's activity id (for updating it in place).</summary>
    public string? ActivityId { get; set; }

    public string? ServiceUrl { get; set; }

    public DateTimeOffset? DeliveredAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>The last failure's error code (never content).</summary>
    public string? LastError { get; set; }

    /// <summary>True once the reporter was told to phone the DSL because delivery is late.</summary>
    public bool ReporterWarned { get; set; }

    /// <summary>True once the DSLs were told in 1:1 chats that the app is missing from the DSL channel.</summary>
    public bool DslsToldNotInChannel { get; set; }
}

public sealed class Person
{
    public string? Name { get; set; }

    public string? AadObjectId { get; set; }
}

public enum DecisionKind
{
    ReferToPolice,
    ReferToSocialCare,
    ManageInSchool,
    MoreInformationNeeded,
    AdviceSought,
}

public sealed class Decision
{
    public required DecisionKind Kind { get; set; }

    public string? Note { get; set; }

    /// <summary>Manage in school: the reasons (required).</summary>
    public string? Reasons { get; set; }

    /// <summary>Manage in school: the headteacher who signed it off (required).</summary>
    public string? HeadteacherSignOff { get; set; }

    public Person? By { get; set; }

    public DateTimeOffset At { get; set; }
}

public enum CaseEventKind
{
    Created,
    Delivered,
    DeliveryFailed,
    Acknowledged,
    Decision,
    Note,
    Reminder,
    Closed,
    Denied,
}

public sealed class CaseEvent
{
    public required CaseEventKind Kind { get; init; }

    public required DateTimeOffset At { get; init; }

    public Person? By { get; init; }

    /// <summary>What was decided or noted (DSL-entered; shown only in the DSL channel).</summary>
    public string? Detail { get; init; }
}
