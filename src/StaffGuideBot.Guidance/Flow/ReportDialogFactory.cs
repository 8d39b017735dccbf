using StaffGuideBot.BotFramework.Dialogs.Recognizers;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Flow;

/// <summary>Builds the report dialog of one content version.</summary>
public sealed class ReportDialogFactory(DateTimeRecognizer dates, ReportSubmitter submitter, TimeProvider clock)
{
    public ReportDialog Create(ContentPack pack, IStatePropertyAccessor<ReportDraft> drafts) =>
        new(pack, drafts, new AnswerReader(pack, dates), new PackRules(pack), submitter, clock);
}
