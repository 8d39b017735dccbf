using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Dialogs;
using StaffGuideBot.BotFramework.Dialogs.Recognizers;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;
using static StaffGuideBot.Guidance.Cards.CardElements;

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
        else if (activity.Text is { } text && (TypedWords.Send.Matches(text) || ConfirmRecognizer.Recognize(text) == true))
        {
            return await SendAsync(dc, draft, cancellationToken);
        }

        await SendReviewAsync(dc.Context, draft, state, cancellationToken);
        return EndOfTurn;
    }

    /// <summary>The review card for <paramref name="draft"/>.</summary>
    public JsonObject Card(ReportDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var body = new JsonArray { Heading(pack.Text(TextKeys.ReviewTitle)), Text(pack.Text(TextKeys.ReviewIntro)) };

        // As on the DSL's card: the five points (certain or possible) in the urgent block, aggravating factors apart.
        var flags = rules.Flags(draft.Answers);
        var fivePoints = flags.Where(f => f.Kind == IndicatorKind.FivePoint).ToList();
        var aggravating = flags.Where(f => f.Kind == IndicatorKind.Aggravating).ToList();
        if (fivePoints.Count > 0)
        {
            body.Add(FlagBlock(TextKeys.ReviewFlagsIntro, "attention", fivePoints));
        }

        if (aggravating.Count > 0)
        {
            body.Add(FlagBlock(TextKeys.ReviewAlsoFlagged, "warning", aggravating));
        }

        if (flags.Count == 0)
        {
            body.Add(Text(pack.Text(TextKeys.ReviewNoFlags), subtle: true));
        }

        // Answers that don't agree: a plain note asking to check, with Edit to the step concerned.
        foreach (var check in rules.Conflicts(draft.Answers).Where(c => pack.Steps.Any(s => s.Id == c.Step)))
        {
            body.Add(new JsonObject { ["type"] = "Container", ["id"] = "check-" + check.Id, ["style"] = "accent", ["items"] = new JsonArray { Text(pack.Fill(check.Note)) } });
            var edit = StaffCards.StepData(review, draft.Id, "edit");
            edit[StaffCards.TargetKey] = check.Step;
            body.Add(new JsonObject { ["type"] = "ActionSet", ["actions"] = new JsonArray { Submit(pack.Text(TextKeys.ReviewEdit), edit) } });
        }

        foreach (var step in ReportSections.Shown(pack, condition => rules.Holds(condition, draft.Answers)))
        {
            // A step without a title is one question, whose label already heads its answer.
            var section = step.Title is null ? new JsonArray() : new JsonArray { Text(pack.Fill(step.Title), bold: true) };
            if (step.Type == StepType.Repeat)
            {
                var items = draft.Answers[step.Id] as JsonArray ?? [];
                for (var i = 0; i < items.Count; i++)
                {
                    section.Add(Text(ReportSections.ItemHeading(pack, step, i), subtle: true));
                    AddAnswers(section, step.Fields, items[i] as JsonObject ?? []);
                }
            }
            else
            {
                AddAnswers(section, step.Questions, draft.Answers);
            }

            var edit = StaffCards.StepData(review, draft.Id, "edit");
            edit[StaffCards.TargetKey] = step.Id;
            body.Add(new JsonObject
            {
                ["type"] = "Container",
                ["separator"] = true,
                ["items"] = section,
            });
            body.Add(new JsonObject
            {
                ["type"] = "ActionSet",
                ["actions"] = new JsonArray { EditButton(step, edit) },
            });
        }

        return CardElements.Card(body, [Submit(pack.Text(TextKeys.ReviewSend), StaffCards.StepData(review, draft.Id, "send"), positive: true)]);
    }

    /// <summary>"Edit", with the section it edits as its tooltip (read out by screen readers, shown on hover).</summary>
    private JsonObject EditButton(Step step, JsonObject data)
    {
        var section = pack.Fill(step.Title ?? step.Questions.First().Label);
        var button = Submit(pack.Text(TextKeys.ReviewEdit), data);
        button["tooltip"] = pack.Text(TextKeys.ReviewEditTooltip, new Dictionary<string, string> { ["question"] = section });
        return button;
    }

    private JsonObject FlagBlock(string headingKey, string style, IEnumerable<Flag> flags)
    {
        var items = new JsonArray { Text(pack.Text(headingKey), bold: true) };
        foreach (var flag in flags)
        {
            items.Add(Text("- " + pack.Fill(flag.Because)));
        }

        return new JsonObject { ["type"] = "Container", ["style"] = style, ["items"] = items };
    }

    private void AddAnswers(JsonArray section, IEnumerable<Question> questions, JsonObject values)
    {
        foreach (var question in questions)
        {
            if (values[question.Id] is not { } value)
            {
                continue;
            }

            section.Add(Text(pack.Fill(question.Label), subtle: true));
            section.Add(PlainText(AnswerText.Describe(pack, question, value)));
        }
    }

    private Task SendReviewAsync(ITurnContext turnContext, ReportDraft draft, JsonObject state, CancellationToken cancellationToken) =>
        CardInstances.SendAsync(turnContext, Card(draft), draft, state, cancellationToken);

    private async Task<DialogTurnResult> SendAsync(DialogContext dc, ReportDraft draft, CancellationToken cancellationToken)
    {
        var fivePoints = rules.Flags(draft.Answers).Where(f => f.Kind == IndicatorKind.FivePoint).ToList();
        var report = await submitter.SubmitAsync(dc.Context, pack, draft, cancellationToken);
        await drafts.DeleteAsync(dc.Context, cancellationToken);
        var values = new Dictionary<string, string> { ["reference"] = report.Reference };
        var body = new JsonArray { Heading(pack.Text(TextKeys.ReceiptTitle, values)), Text(pack.Text(TextKeys.ReceiptText, values)) };
        if (fivePoints.Count > 0)
        {
            // The same urgent block as on the review, so the reporter knows what the DSL will see as urgent.
            body.Add(FlagBlock(TextKeys.ReceiptUrgent, "attention", fivePoints));
        }

        body.Add(Text(pack.Text(TextKeys.ReceiptNext, values)));
        body.Add(Text(pack.Text(TextKeys.ReceiptSelfCare, values), subtle: true));
        await dc.Context.SendCardAsync(CardElements.Card(body), cancellationToken);
        return await dc.EndDialogAsync(report, cancellationToken);
    }
}
