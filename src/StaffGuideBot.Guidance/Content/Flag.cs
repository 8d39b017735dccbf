namespace StaffGuideBot.Guidance.Content;

/// <summary>An indicator a report's answers raise, and whether it is certain or only possible (the DSL decides).</summary>
public sealed record Flag(Indicator Indicator, bool Possible)
{
    public string Id => Indicator.Id;

    public IndicatorKind Kind => Indicator.Kind;

    public string Because => Possible ? Indicator.PossibleBecause ?? Indicator.Because : Indicator.Because;
}
