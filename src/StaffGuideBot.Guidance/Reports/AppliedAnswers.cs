using StaffGuideBot.Guidance.Content;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>
/// A draft's answers as the pack's rules see them, worked out once (<see cref="IAnswerRules.Apply"/>): the answers that
/// apply (<see cref="ReportSections.Applicable"/>), and over those the pack's conditions, flags, cross-checks and
/// allegation rule. A snapshot: taken again after the answers change.
/// </summary>
public sealed class AppliedAnswers
{
    private readonly ContentPack _pack;
    private IReadOnlyList<Flag>? _flags;
    private IReadOnlyList<AnswerCheck>? _conflicts;

    public AppliedAnswers(ContentPack pack, System.Text.Json.Nodes.JsonObject answers)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(answers);
        _pack = pack;
        Answers = ReportSections.Applicable(pack, answers);
    }

    /// <summary>The answers that apply (read them; a copy for keeping is <see cref="Answers.ToJson"/>).</summary>
    public Answers Answers { get; }

    public bool Holds(Condition condition) => ConditionEvaluator.Evaluate(condition, Answers, _pack);

    /// <summary>The flags the answers raise (certain or possible), five points first.</summary>
    public IReadOnlyList<Flag> Flags => _flags ??= IndicatorEvaluator.Raise(_pack, Answers);

    /// <summary>The pack's cross-checks the answers fail (answers that don't agree), in pack order.</summary>
    public IReadOnlyList<AnswerCheck> Conflicts => _conflicts ??= IndicatorEvaluator.Conflicts(_pack, Answers);

    /// <summary>True when the answers meet the pack's allegation rule (an adult who works with children): the report goes to the allegations channel.</summary>
    public bool IsAllegation => _pack.Allegation is { } rule && Holds(rule.When);
}
