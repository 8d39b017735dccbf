namespace StaffGuideBot.Guidance.Reports;

public enum CaseStatus
{
    AwaitingDelivery,
    Delivered,
    Acknowledged,
    DecisionRecorded,
    Closed,
}
