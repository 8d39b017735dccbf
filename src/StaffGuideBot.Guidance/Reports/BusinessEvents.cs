namespace StaffGuideBot.Guidance.Reports;

/// <summary>
/// The fixed event ids of the business events' log lines, so that a log search or an alert can find them by id
/// (their names are the constants' names, prefixed with <c>Report</c> or <c>Draft</c>). Each line names the report by
/// its reference and says what happened in fixed words: never what the report says, who is in it, or who wrote it.
/// The same events are counted by <see cref="ReportMetrics"/>.
/// </summary>
public static class BusinessEvents
{
    public const int Submitted = 1001;
    public const int Delivered = 1002;
    public const int DeliveryFailed = 1003;
    public const int NotInChannel = 1004;
    public const int Acknowledged = 1005;
    public const int DecisionRecorded = 1006;
    public const int Overdue = 1007;
    public const int LastReminder = 1008;
    public const int Purged = 1009;
    public const int DraftPurged = 1010;
}
