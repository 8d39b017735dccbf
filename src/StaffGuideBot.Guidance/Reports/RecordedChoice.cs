namespace StaffGuideBot.Guidance.Reports;

/// <summary>
/// A choice as it was recorded: its id in the pack, its words then (so the record reads the same after the pack
/// changes), and the answer that went with it: an outcome's <c>asks</c> ("the headteacher who agreed": "Mrs Khan"), or a
/// classification's chosen text.
/// </summary>
public sealed record RecordedChoice
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    /// <summary>What <see cref="Detail"/> answers, in the pack's words then (an outcome's <c>asks</c>); null when nothing did.</summary>
    public string? DetailLabel { get; init; }

    public string? Detail { get; init; }
}
