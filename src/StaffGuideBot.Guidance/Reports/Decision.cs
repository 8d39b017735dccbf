namespace StaffGuideBot.Guidance.Reports;

/// <summary>
/// One initial review decision as the DSL recorded it, in the pack's words of that moment (decisions.yaml). Never
/// changed afterwards: a change of mind is a new decision, so <see cref="ReportCase.Decisions"/> is the whole history.
/// </summary>
public sealed class Decision
{
    /// <summary>The outcomes ticked (one or more), each with the answer its <c>asks</c> needed, if any.</summary>
    public required IReadOnlyList<RecordedChoice> Outcomes { get; init; }

    /// <summary>Why: required for every decision.</summary>
    public required string Reasons { get; init; }

    /// <summary>The classifications given (e.g. Hackett continuum: Problematic); none when none was.</summary>
    public IReadOnlyList<RecordedChoice> Classifications { get; init; } = [];

    /// <summary>The police or social care reference, when there is one.</summary>
    public string? ExternalReference { get; init; }

    public string? Note { get; init; }

    public Person? By { get; init; }

    public DateTimeOffset At { get; init; }
}
