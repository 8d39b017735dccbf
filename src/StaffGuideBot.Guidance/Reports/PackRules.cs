using System.Text.Json.Nodes;
using StaffGuideBot.Guidance.Content;

namespace StaffGuideBot.Guidance.Reports;

/// <summary>The pack's conditions and indicators over the answers of a draft that apply (<see cref="ReportSections.Applicable"/>).</summary>
public sealed class PackRules(ContentPack pack) : IAnswerRules
{
    public AppliedAnswers Apply(JsonObject answers) => new(pack, answers);
}
