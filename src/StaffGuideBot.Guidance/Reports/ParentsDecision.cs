namespace StaffGuideBot.Guidance.Reports;

/// <summary>
/// The decision on informing parents or carers, separate from the review decision because telling them can put a
/// child at risk; with its reason. Never changed afterwards: a change is a new entry in <see cref="ReportCase.ParentsDecisions"/>.
/// </summary>
public sealed class ParentsDecision
{
    public required RecordedChoice Choice { get; init; }

    public required string Reasons { get; init; }

    public Person? By { get; init; }

    public DateTimeOffset At { get; init; }
}
