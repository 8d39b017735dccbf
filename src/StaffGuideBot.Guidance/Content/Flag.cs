namespace StaffGuideBot.Guidance.Content;

/// <summary>An indicator a report's answers raise, and whether it is certain or only possible (the DSL decides).</summary>
public sealed record Flag(Indicator Indicator, bool Possible)
{
    public string Id => Indicator.Id;

    public IndicatorKind Kind => Indicator.Kind;

    /// <summary>The "because" wording that fits: the possible one for a possible flag.</summary>
    public string Because => Possible ? Indicator.PossibleBecause ?? Indicator.Because : Indicator.Because;
}
