namespace StaffGuideBot.Guidance.Content;

/// <summary>A report reaches the DSL urgent when a rule of one of <see cref="Kinds"/> flags it or its answers meet <see cref="When"/>.</summary>
public sealed record UrgentRule
{
    public IReadOnlyList<IndicatorKind> Kinds { get; init; } = [];

    public Condition? When { get; init; }
}
