namespace StaffGuideBot.Guidance.Reports;

public sealed class CaseEvent
{
    public required CaseEventKind Kind { get; init; }

    public required DateTimeOffset At { get; init; }

    public Person? By { get; init; }

    /// <summary>What was decided or noted (DSL-entered; shown only in the DSL channel).</summary>
    public string? Detail { get; init; }
}
