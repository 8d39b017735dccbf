namespace StaffGuideBot.Guidance.Content;

/// <summary>An outcome of the DSL's initial review (decisions.yaml): offered when <see cref="When"/> holds for the report's answers, or always when null.</summary>
public sealed record DecisionOutcome
{
    public required string Id { get; init; }

    public required string Title { get; init; }

    /// <summary>The label of one more answer the DSL must give with this outcome (e.g. the headteacher who agreed); null when none.</summary>
    public string? Asks { get; init; }

    public Condition? When { get; init; }
}
