using System.Text.Json.Nodes;
using StaffGuideBot.Guidance.Content;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>The pack's conditions and indicators over the answers of a draft that apply (<see cref="ReportSections.Applicable"/>).</summary>
public sealed class PackRules(ContentPack pack) : IAnswerRules
{
    public bool Holds(Condition condition, JsonObject answers) =>
        ConditionEvaluator.Evaluate(condition, ReportSections.Applicable(pack, answers), pack);

    public IReadOnlyList<Flag> Flags(JsonObject answers) =>
        IndicatorEvaluator.Raise(pack, ReportSections.Applicable(pack, answers));

    public IReadOnlyList<AnswerCheck> Conflicts(JsonObject answers) =>
        IndicatorEvaluator.Conflicts(pack, ReportSections.Applicable(pack, answers));

    public bool IsAllegation(JsonObject answers) =>
        pack.Allegation is { } rule && Holds(rule.When, answers);
}
