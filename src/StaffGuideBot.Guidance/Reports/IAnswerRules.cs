using System.Text.Json.Nodes;
using StaffGuideBot.Guidance.Content;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>The pack's rules applied to a draft's answers: whether a step is shown, and which flags apply.</summary>
public interface IAnswerRules
{
    bool Holds(Condition condition, JsonObject answers);

    /// <summary>The flags the answers raise (certain or possible), five points first.</summary>
    IReadOnlyList<Flag> Flags(JsonObject answers);

    /// <summary>The pack's cross-checks the answers fail (answers that don't agree), in pack order.</summary>
    IReadOnlyList<AnswerCheck> Conflicts(JsonObject answers);

    /// <summary>True when the answers meet the pack's allegation rule (an adult who works with children): the report goes to the allegations channel.</summary>
    bool IsAllegation(JsonObject answers);
}
