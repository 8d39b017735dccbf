using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Flow;

/// <summary>Builds the report dialog for the live pack.</summary>
public sealed class ReportDialogFactory(ContentPack pack, AnswerReader answers, IAnswerRules rules, ReportSubmitter submitter, TimeProvider clock)
{
    public ReportDialog Create(IStatePropertyAccessor<ReportDraft> drafts) => new(pack, drafts, answers, rules, submitter, clock);
}
