using StaffGuideBot.Guidance.Content;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>Which of a pack's indicators a report's answers meet. Flags come only from answers, by the pack's rules.</summary>
public static class IndicatorEvaluator
{
    /// <summary>The indicators that apply: the five points first, then aggravating factors, each in pack order.</summary>
    public static IReadOnlyList<Indicator> Evaluate(ContentPack pack, Answers answers)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(answers);
        var applying = pack.Indicators.Where(i => ConditionEvaluator.Evaluate(i.When, answers, pack)).ToList();
        return applying.Where(i => i.Kind == IndicatorKind.FivePoint)
            .Concat(applying.Where(i => i.Kind == IndicatorKind.Aggravating))
            .ToList();
    }
}
