using System.Text.Json.Nodes;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>A report sent to the DSL: what the reporter entered, who they are (from Teams), and the flags derived from it.</summary>
public sealed class Report
{
    /// <summary>The human-friendly reference, e.g. SG-2026-0042.</summary>
    public required string Reference { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>The content version the reporter saw.</summary>
    public required string ContentVersion { get; init; }

    public required string ContentPack { get; init; }

    public required Reporter Reporter { get; init; }

    public required JsonObject Answers { get; init; }

    /// <summary>Ids of the indicators that applied when it was sent (five points first).</summary>
    public required IReadOnlyList<string> Flags { get; init; }

    /// <summary>
    /// Which of <see cref="Flags"/> were raised only as possible (e.g. a "not sure" answer): the DSL decides. Null in a
    /// report stored before possible flags existed, whose flags are all certain.
    /// </summary>
    public IReadOnlyList<string>? PossibleFlags { get; init; }

    /// <summary>
    /// True when the pack's allegation rule held when it was sent (an adult who works or volunteers with children):
    /// it goes to the allegations channel, never the DSL's. False in a report stored before the rule existed.
    /// </summary>
    public bool Allegation { get; init; }
}
