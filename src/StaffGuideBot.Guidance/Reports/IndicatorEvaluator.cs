using StaffGuideBot.Guidance.Content;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>Which of a pack's indicators a report's answers meet. Flags come only from answers, by the pack's rules.</summary>
public static class IndicatorEvaluator
{
    /// <summary>The indicators that apply, certain or possible: the five points first, then aggravating factors, each in pack order.</summary>
    public static IReadOnlyList<Indicator> Evaluate(ContentPack pack, Answers answers) =>
        Raise(pack, answers).Select(f => f.Indicator).ToList();

    /// <summary>
    /// The flags the answers raise, in the order of <see cref="Evaluate"/>: certain when an indicator's <c>when</c>
    /// holds, otherwise possible when its <c>possible</c> does.
    /// </summary>
    public static IReadOnlyList<Flag> Raise(ContentPack pack, Answers answers)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(answers);
        var raised = new List<Flag>();
        foreach (var indicator in pack.Indicators)
        {
            if (ConditionEvaluator.Evaluate(indicator.When, answers, pack))
            {
                raised.Add(new Flag(indicator, Possible: false));
            }
            else if (indicator.Possible is { } possible && ConditionEvaluator.Evaluate(possible, answers, pack))
            {
                raised.Add(new Flag(indicator, Possible: true));
            }
        }

        return raised.Where(f => f.Kind == IndicatorKind.FivePoint)
            .Concat(raised.Where(f => f.Kind == IndicatorKind.Aggravating))
            .ToList();
    }

    /// <summary>The pack's cross-checks whose answers conflict, in pack order.</summary>
    public static IReadOnlyList<AnswerCheck> Conflicts(ContentPack pack, Answers answers)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(answers);
        return pack.Checks.Where(c => ConditionEvaluator.Evaluate(c.When, answers, pack)).ToList();
    }

    /// <summary>The pack's routes that apply to the answers (those without a condition always do), in pack order.</summary>
    public static IReadOnlyList<Route> Routes(ContentPack pack, Answers answers)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(answers);
        return pack.Routes.Where(r => r.When is null || ConditionEvaluator.Evaluate(r.When, answers, pack)).ToList();
    }

    /// <summary>The outcomes the DSL's decision form offers for a report with <paramref name="answers"/>, in the pack's order.</summary>
    public static IReadOnlyList<DecisionOutcome> Outcomes(ContentPack pack, Answers answers)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(answers);
        return pack.Outcomes.Where(o => o.When is null || ConditionEvaluator.Evaluate(o.When, answers, pack)).ToList();
    }
}
