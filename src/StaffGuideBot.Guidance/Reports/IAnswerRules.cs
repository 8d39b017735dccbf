using System.Text.Json.Nodes;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>The pack's rules applied to a draft's answers: whether a step is shown, which flags apply.</summary>
public interface IAnswerRules
{
    /// <summary>The answers as the rules see them now: worked out once, then asked as often as needed.</summary>
    AppliedAnswers Apply(JsonObject answers);
}
