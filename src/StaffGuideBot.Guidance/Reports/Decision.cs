namespace StaffGuideBot.Guidance.Reports;

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
