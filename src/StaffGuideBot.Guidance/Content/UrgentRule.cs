namespace StaffGuideBot.Guidance.Content;

/// <summary>
/// When a report reaches the DSL marked urgent (indicators.yaml, <c>urgent</c>): when it is flagged by a rule of one
/// of <see cref="Kinds"/>, or when its answers meet <see cref="When"/>.
/// </summary>
public sealed record UrgentRule
{
    public IReadOnlyList<IndicatorKind> Kinds { get; init; } = [];

    public Condition? When { get; init; }
}
