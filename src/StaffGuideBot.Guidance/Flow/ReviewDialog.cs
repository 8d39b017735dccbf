using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Dialogs;
using StaffGuideBot.BotFramework.Dialogs.Recognizers;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Guidance.Flow;

/// <summary>
/// The review step: everything entered (each section with an Edit button), the flags the DSL will see and why,
/// and the send button. Ends with <see cref="EditRequest"/> to change a section, or <see cref="Report"/> once sent.
/// </summary>
public sealed class ReviewDialog(
    ContentPack pack,
    Step review,
    IStatePropertyAccessor<ReportDraft> drafts,
    IAnswerRules rules,
    ReportSubmitter submitter) : Dialog(ContentStepDialog.IdFor(review))
{
    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var draft = (await drafts.GetAsync(dc.Context, cancellationToken: cancellationToken))!;
        draft.CurrentStep = review.Id;
        await SendReviewAsync(dc.Context, draft, dc.ActiveDialog!.State, cancellationToken);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var activity = dc.Context.Activity;
        var draft = (await drafts.GetAsync(dc.Context, cancellationToken: cancellationToken))!;
        if (activity.Type != ActivityTypes.Message)
        {
            return EndOfTurn;
        }

        var state = dc.ActiveDialog!.State;
        if (StaffSubmit.From(activity) is { } submit)
        {
            if (!await CardInstances.TakeAsync(dc.Context, pack, submit, review, draft, state, () => SendReviewAsync(dc.Context, draft, state, cancellationToken), cancellationToken))
            {
                return EndOfTurn;
            }

            switch (submit.Action)
            {
                case "send":
                    return await SendAsync(dc, draft, cancellationToken);
                case "edit" when submit.Target is { } target && pack.Steps.Any(s => s.Id == target):
                    return await dc.EndDialogAsync(new EditRequest(target), cancellationToken);
            }
        }
        else if (activity.Text is { } text && (TypedWords.Of(pack).Send.Matches(text) || ConfirmRecognizer.Recognize(text) == true))
        {
            return await SendAsync(dc, draft, cancellationToken);
        }

        await SendReviewAsync(dc.Context, draft, state, cancellationToken);
        return EndOfTurn;
    }

    /// <summary>The review card for <paramref name="draft"/>.</summary>
    public JsonObject Card(ReportDraft draft) => ReviewCards.Review(pack, review, draft, rules);

    private Task SendReviewAsync(ITurnContext turnContext, ReportDraft draft, JsonObject state, CancellationToken cancellationToken) =>
        CardInstances.SendAsync(turnContext, Card(draft), draft, state, cancellationToken);

    private async Task<DialogTurnResult> SendAsync(DialogContext dc, ReportDraft draft, CancellationToken cancellationToken)
    {
        var fivePoints = rules.Apply(draft.Answers).Flags.Where(f => f.Kind == IndicatorKind.FivePoint).ToList();
        var sent = await submitter.SubmitAsync(dc.Context, pack, draft, cancellationToken);
        await drafts.DeleteAsync(dc.Context, cancellationToken);
        await dc.Context.SendCardAsync(ReviewCards.Receipt(pack, sent, fivePoints), cancellationToken);
        return await dc.EndDialogAsync(sent.Report, cancellationToken);
    }
}
