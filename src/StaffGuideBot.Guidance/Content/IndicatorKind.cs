namespace StaffGuideBot.Guidance.Content;

public enum IndicatorKind
{
    /// <summary>One of the five points for immediate referral.</summary>
    FivePoint,

    /// <summary>An aggravating factor.</summary>
    Aggravating,
}
