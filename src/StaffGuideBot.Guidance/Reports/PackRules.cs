using System.Text.Json.Nodes;
using StaffGuideBot.Guidance.Content;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>The pack's conditions and indicators over a draft's answers.</summary>
public sealed class PackRules(ContentPack pack) : IAnswerRules
{
    public bool Holds(Condition condition, JsonObject answers) =>
        ConditionEvaluator.Evaluate(condition, Answers.FromJson(answers), pack);

    public IReadOnlyList<Flag> Flags(JsonObject answers) =>
        IndicatorEvaluator.Raise(pack, Answers.FromJson(answers));

    public IReadOnlyList<AnswerCheck> Conflicts(JsonObject answers) =>
        IndicatorEvaluator.Conflicts(pack, Answers.FromJson(answers));

    public bool IsAllegation(JsonObject answers) =>
        pack.Allegation is { } rule && Holds(rule.When, answers);
}
