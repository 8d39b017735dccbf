namespace StaffGuideBot.Guidance.Content;

public sealed class Indicator
{
    public required string Id { get; init; }

    public required IndicatorKind Kind { get; init; }

    public required string Title { get; init; }

    /// <summary>Completes "flagged as urgent because …".</summary>
    public required string Because { get; init; }

    public required Condition When { get; init; }

    /// <summary>Raises the flag as possible (the DSL decides) when <see cref="When"/> does not hold but this does; null: only ever certain.</summary>
    public Condition? Possible { get; init; }

    /// <summary>Completes "flagged as urgent because …" for a possible flag; set whenever <see cref="Possible"/> is.</summary>
    public string? PossibleBecause { get; init; }
}
