using StaffGuideBot.BotFramework.Dialogs;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Flow;

/// <summary>
/// The report flow compiled from the pack: a waterfall with one step per pack step. A step whose <c>showIf</c> does
/// not hold is skipped (and any answers it had are dropped), and so is a step none of whose questions is shown (their
/// answers are kept but not used, see <see cref="ReportSections.Applicable"/>). After "Edit" on the review, the flow
/// runs again from the chosen step, skipping steps already seen unless they are newly shown or now show a question
/// they didn't, and returns to the review.
/// </summary>
public sealed class ReportDialog : ComponentDialog
{
    public const string DialogId = "report";
    private const string FlowId = "report.flow";

    private readonly ContentPack _pack;
    private readonly IStatePropertyAccessor<ReportDraft> _drafts;
    private readonly IAnswerRules _rules;

    public ReportDialog(ContentPack pack, IStatePropertyAccessor<ReportDraft> drafts, AnswerReader answers, IAnswerRules rules, ReportSubmitter submitter, TimeProvider clock)
        : base(DialogId)
    {
        ArgumentNullException.ThrowIfNull(pack);
        _pack = pack;
        _drafts = drafts;
        _rules = rules;

        var steps = new List<WaterfallStep>();
        foreach (var step in pack.Steps)
        {
            if (step.Type == StepType.Review)
            {
                AddDialog(new ReviewDialog(pack, step, drafts, rules, submitter));
                steps.Add((sc, ct) => sc.BeginDialogAsync(ContentStepDialog.IdFor(step), cancellationToken: ct));
                steps.Add(AfterReviewAsync);
            }
            else
            {
                AddDialog(new ContentStepDialog(pack, step, drafts, answers, rules, clock));
                steps.Add((sc, ct) => PresentAsync(sc, step, ct));
            }
        }

        AddDialog(new WaterfallDialog(FlowId, steps));
        InitialDialogId = FlowId;
    }

    private async Task<DialogTurnResult> PresentAsync(WaterfallStepContext sc, Step step, CancellationToken cancellationToken)
    {
        var draft = (await _drafts.GetAsync(sc.Context, cancellationToken: cancellationToken))!;
        var applied = _rules.Apply(draft.Answers);
        if (step.ShowIf is not null && !applied.Holds(step.ShowIf))
        {
            foreach (var question in step.Questions)
            {
                draft.Answers.Remove(question.Id);
            }

            draft.Answers.Remove(step.Id);
            return await sc.NextAsync(cancellationToken: cancellationToken);
        }

        var shown = ReportSections.ShownQuestions(step, applied.Holds).ToList();
        if (step.Questions.Any() && shown.Count == 0)
        {
            return await sc.NextAsync(cancellationToken: cancellationToken);
        }

        var edit = sc.GetOptions<EditOptions>();
        if (edit is not null)
        {
            var editIndex = IndexOf(edit.StepId);
            var index = IndexOf(step.Id);
            var seenBefore = edit.Seen.Contains(step.Id) && shown.All(q => edit.SeenQuestions.Contains(q.Id));
            if (index < editIndex || (index > editIndex && seenBefore))
            {
                return await sc.NextAsync(cancellationToken: cancellationToken);
            }
        }

        return await sc.BeginDialogAsync(ContentStepDialog.IdFor(step), cancellationToken: cancellationToken);
    }

    private async Task<DialogTurnResult> AfterReviewAsync(WaterfallStepContext sc, CancellationToken cancellationToken)
    {
        if (sc.Result is EditRequest edit)
        {
            var draft = (await _drafts.GetAsync(sc.Context, cancellationToken: cancellationToken))!;
            var applied = _rules.Apply(draft.Answers);
            var seen = _pack.Steps.Where(s => s.ShowIf is null || applied.Holds(s.ShowIf)).ToList();
            var seenQuestions = seen.SelectMany(s => ReportSections.ShownQuestions(s, applied.Holds)).Select(q => q.Id).ToList();
            return await sc.ReplaceDialogAsync(FlowId, new EditOptions { StepId = edit.StepId, Seen = [.. seen.Select(s => s.Id)], SeenQuestions = seenQuestions }, cancellationToken);
        }

        return await sc.EndDialogAsync(sc.Result, cancellationToken);
    }

    private int IndexOf(string stepId)
    {
        for (var i = 0; i < _pack.Steps.Count; i++)
        {
            if (_pack.Steps[i].Id == stepId)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Options of a run started from the review's Edit button.</summary>
    public sealed class EditOptions
    {
        public string StepId { get; set; } = string.Empty;

        /// <summary>Steps shown before the edit; later ones of these are skipped on the way back to the review.</summary>
        public List<string> Seen { get; set; } = [];

        /// <summary>Questions shown before the edit: a later step seen before is shown again when it now shows one not among these.</summary>
        public List<string> SeenQuestions { get; set; } = [];
    }
}
