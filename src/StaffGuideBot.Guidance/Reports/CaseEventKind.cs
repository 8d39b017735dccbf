namespace StaffGuideBot.Guidance.Reports;

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
    ParentsDecision,
    RecordSent,
    RecordedInSchoolSystem,
    Escalated,
    LegalHold,
    HoldReleased,
    UnrecordedReminder,
}
