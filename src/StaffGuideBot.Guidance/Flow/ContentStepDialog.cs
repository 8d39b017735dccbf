using System.Text.Json;
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
/// Runs one step of the pack's report flow (info, acknowledge, question, form or repeat): sends its card, then
/// accepts the card's submission or typed answers, enforces required fields, explains a press on an old card and
/// shows the current one again, and writes the answers into the draft. Ends when the step is complete.
/// </summary>
public sealed class ContentStepDialog : Dialog
{
    private const string FieldKey = "field";
    private const string PendingKey = "pending";
    private const string PhaseKey = "phase";
    private const string AnotherPhase = "another";
    private static readonly string[] ContinueWords = ["continue", "next", "ok", "okay", "done", "go on", "carry on", "i understand", "understood", "agreed", "i agree"];
    private static readonly string[] SkipWords = ["skip", "none", "n/a", "na", "nothing", "no more", "not known", "don't know", "dont know"];

    private readonly ContentPack _pack;
    private readonly Step _step;
    private readonly IStatePropertyAccessor<ReportDraft> _drafts;
    private readonly AnswerReader _answers;
    private readonly TimeProvider _clock;

    public ContentStepDialog(ContentPack pack, Step step, IStatePropertyAccessor<ReportDraft> drafts, AnswerReader answers, TimeProvider clock)
        : base(IdFor(step))
    {
        _pack = pack;
        _step = step;
        _drafts = drafts;
        _answers = answers;
        _clock = clock;
    }

    public static string IdFor(Step step) => "step:" + step?.Id;

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var draft = await DraftAsync(dc.Context, cancellationToken);
        var state = dc.ActiveDialog!.State;
        if (_step.Type == StepType.Repeat)
        {
            // Editing a repeat step starts its items afresh.
            draft.Answers[_step.Id] = new JsonArray();
        }

        state[PendingKey] = PrefillFromDraft(draft);
        draft.CurrentStep = _step.Id;
        Touch(draft);
        await SendCardAsync(dc.Context, draft, state, cancellationToken);
        return EndOfTurn;
    }

    public override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var activity = dc.Context.Activity;
        var draft = await DraftAsync(dc.Context, cancellationToken);
        var state = dc.ActiveDialog!.State;
        if (activity.Type != ActivityTypes.Message)
        {
            return EndOfTurn;
        }

        if (CardMessages.Submission(activity) is { } submission)
        {
            if (!IsForThisStep(submission, draft))
            {
                await dc.Context.SendActivityAsync(_pack.Text(TextKeys.StaleClick), cancellationToken);
                await SendCardAsync(dc.Context, draft, state, cancellationToken);
                return EndOfTurn;
            }

            Touch(draft);
            return await HandleSubmissionAsync(dc, draft, state, submission, cancellationToken);
        }

        if (string.IsNullOrWhiteSpace(activity.Text))
        {
            return EndOfTurn;
        }

        Touch(draft);
        return await HandleTextAsync(dc, draft, state, activity.Text, cancellationToken);
    }

    public override Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return RepromptAsync(turnContext, instance.State, cancellationToken);
    }

    private async Task RepromptAsync(ITurnContext turnContext, JsonObject state, CancellationToken cancellationToken)
    {
        var draft = await DraftAsync(turnContext, cancellationToken);
        await SendCardAsync(turnContext, draft, state, cancellationToken);
    }

    private async Task<DialogTurnResult> HandleSubmissionAsync(DialogContext dc, ReportDraft draft, JsonObject state, JsonElement submission, CancellationToken cancellationToken)
    {
        var action = CardMessages.Read(submission, StaffCards.ActionKey);
        switch (_step.Type)
        {
            case StepType.Info when action == "continue":
            case StepType.Acknowledge when action == "confirm":
                return await dc.EndDialogAsync(cancellationToken: cancellationToken);
            case StepType.Question when action == "answer":
                var answer = _answers.FromCard(_step.Question!, CardMessages.Read(submission, StaffCards.AnswerKey) ?? string.Empty);
                if (answer is null)
                {
                    await SendCardAsync(dc.Context, draft, state, cancellationToken);
                    return EndOfTurn;
                }

                draft.Answers[_step.Question!.Id] = answer;
                return await dc.EndDialogAsync(cancellationToken: cancellationToken);
            case StepType.Repeat when action == "another":
                return await AnotherAsync(dc, draft, state, CardMessages.Read(submission, StaffCards.AnswerKey) == "yes", cancellationToken);
            case StepType.Question or StepType.Form or StepType.Repeat when action == "submit":
                var pending = (JsonObject)state[PendingKey]!;
                var problems = new List<string>();
                foreach (var question in _step.Questions)
                {
                    var raw = CardMessages.Read(submission, question.Id);
                    if (string.IsNullOrWhiteSpace(raw))
                    {
                        continue;
                    }

                    var value = _answers.FromCard(question, raw);
                    if (value is null)
                    {
                        problems.Add(_pack.Fill(question.Label));
                    }
                    else
                    {
                        pending[question.Id] = value;
                    }
                }

                state.Remove(FieldKey);
                return await CompleteOrAskAgainAsync(dc, draft, state, problems, cancellationToken);
            default:
                await SendCardAsync(dc.Context, draft, state, cancellationToken);
                return EndOfTurn;
        }
    }

    private async Task<DialogTurnResult> HandleTextAsync(DialogContext dc, ReportDraft draft, JsonObject state, string text, CancellationToken cancellationToken)
    {
        var normalized = CardMessages.NormalizeTyped(text);
        switch (_step.Type)
        {
            case StepType.Info:
            case StepType.Acknowledge:
                if (ConfirmRecognizer.Recognize(text) == true || ContinueWords.Contains(normalized))
                {
                    return await dc.EndDialogAsync(cancellationToken: cancellationToken);
                }

                var label = _step.Type == StepType.Info ? _step.Continue : _step.Confirm;
                var button = label is null ? _pack.Text(TextKeys.ContinueButton) : _pack.Fill(label);
                await NotUnderstoodAsync(dc.Context, button, cancellationToken);
                await SendCardAsync(dc.Context, draft, state, cancellationToken);
                return EndOfTurn;
            case StepType.Question when _step.Question!.Type is QuestionType.YesNo or QuestionType.Choice:
                var answer = _answers.FromText(_step.Question, text);
                if (answer is null)
                {
                    await NotUnderstoodAsync(dc.Context, _pack.Fill(_step.Question.Label), cancellationToken);
                    await SendCardAsync(dc.Context, draft, state, cancellationToken);
                    return EndOfTurn;
                }

                draft.Answers[_step.Question.Id] = answer;
                return await dc.EndDialogAsync(cancellationToken: cancellationToken);
            case StepType.Repeat when state[PhaseKey]?.GetValue<string>() == AnotherPhase:
                if (ConfirmRecognizer.Recognize(text) is { } another)
                {
                    return await AnotherAsync(dc, draft, state, another, cancellationToken);
                }

                await NotUnderstoodAsync(dc.Context, _pack.Fill(_step.AddAnother!), cancellationToken);
                await SendCardAsync(dc.Context, draft, state, cancellationToken);
                return EndOfTurn;
            default:
                return await TypedFieldAsync(dc, draft, state, text, normalized, cancellationToken);
        }
    }

    /// <summary>
    /// A typed answer to a form: it answers the field being asked (at first the first empty required field, or the
    /// first empty field when all required ones are answered); then the next empty required field is asked on its
    /// own. Optional fields are left to the card rather than asked one by one.
    /// </summary>
    private async Task<DialogTurnResult> TypedFieldAsync(DialogContext dc, ReportDraft draft, JsonObject state, string text, string normalized, CancellationToken cancellationToken)
    {
        var pending = (JsonObject)state[PendingKey]!;
        var asked = FindQuestion(state[FieldKey]?.GetValue<string>()) ?? NextEmpty(pending, requiredOnly: true) ?? NextEmpty(pending, requiredOnly: false);
        if (asked is null)
        {
            return await CompleteOrAskAgainAsync(dc, draft, state, [], cancellationToken);
        }

        if (!(asked.Required is false && SkipWords.Contains(normalized)))
        {
            var value = _answers.FromText(asked, text);
            if (value is null)
            {
                await NotUnderstoodAsync(dc.Context, _pack.Fill(asked.Label), cancellationToken);
                state[FieldKey] = asked.Id;
                await SendSingleFieldAsync(dc.Context, draft, asked, cancellationToken);
                return EndOfTurn;
            }

            pending[asked.Id] = value;
        }

        var next = NextEmpty(pending, requiredOnly: true);
        if (next is null)
        {
            state.Remove(FieldKey);
            return await CompleteOrAskAgainAsync(dc, draft, state, [], cancellationToken);
        }

        state[FieldKey] = next.Id;
        await SendSingleFieldAsync(dc.Context, draft, next, cancellationToken);
        return EndOfTurn;
    }

    private async Task<DialogTurnResult> CompleteOrAskAgainAsync(DialogContext dc, ReportDraft draft, JsonObject state, List<string> problems, CancellationToken cancellationToken)
    {
        var pending = (JsonObject)state[PendingKey]!;
        var missing = _step.Questions.Where(q => q.Required && pending[q.Id] is null).Select(q => _pack.Fill(q.Label)).ToList();
        if (problems.Count > 0 || missing.Count > 0)
        {
            var fields = string.Join("; ", problems.Concat(missing));
            await dc.Context.SendActivityAsync(_pack.Text(TextKeys.RequiredMissing, new Dictionary<string, string> { ["fields"] = fields }), cancellationToken);
            await SendCardAsync(dc.Context, draft, state, cancellationToken);
            return EndOfTurn;
        }

        if (_step.Type != StepType.Repeat)
        {
            foreach (var question in _step.Questions)
            {
                if (pending[question.Id] is { } value)
                {
                    draft.Answers[question.Id] = value.DeepClone();
                }
                else
                {
                    draft.Answers.Remove(question.Id);
                }
            }

            return await dc.EndDialogAsync(cancellationToken: cancellationToken);
        }

        var items = draft.Answers[_step.Id] as JsonArray ?? [];
        draft.Answers[_step.Id] = items;
        items.Add(pending.DeepClone());
        if (items.Count >= _step.Max)
        {
            return await dc.EndDialogAsync(cancellationToken: cancellationToken);
        }

        state[PhaseKey] = AnotherPhase;
        await SendCardAsync(dc.Context, draft, state, cancellationToken);
        return EndOfTurn;
    }

    private async Task<DialogTurnResult> AnotherAsync(DialogContext dc, ReportDraft draft, JsonObject state, bool another, CancellationToken cancellationToken)
    {
        if (!another)
        {
            return await dc.EndDialogAsync(cancellationToken: cancellationToken);
        }

        state.Remove(PhaseKey);
        state[PendingKey] = new JsonObject();
        await SendCardAsync(dc.Context, draft, state, cancellationToken);
        return EndOfTurn;
    }

    private Task SendCardAsync(ITurnContext turnContext, ReportDraft draft, JsonObject state, CancellationToken cancellationToken)
    {
        JsonObject card;
        if (_step.Type == StepType.Repeat && state[PhaseKey]?.GetValue<string>() == AnotherPhase)
        {
            var yes = StaffCards.StepData(_step, draft.Id, "another");
            yes[StaffCards.AnswerKey] = "yes";
            var no = StaffCards.StepData(_step, draft.Id, "another");
            no[StaffCards.AnswerKey] = "no";
            card = CardElements.Card(
                [CardElements.Text(_pack.Fill(_step.AddAnother!), bold: true)],
                [CardElements.Submit(_pack.Text(TextKeys.RepeatYes), yes), CardElements.Submit(_pack.Text(TextKeys.RepeatNo), no, positive: true)]);
        }
        else
        {
            card = StaffCards.Step(_pack, _step, draft.Id, CardValues((JsonObject?)state[PendingKey]));
        }

        return turnContext.SendCardAsync(card, cancellationToken);
    }

    private Task SendSingleFieldAsync(ITurnContext turnContext, ReportDraft draft, Question question, CancellationToken cancellationToken)
    {
        var single = new Step { Id = _step.Id, Type = StepType.Form, Fields = [question], Submit = _step.Submit };
        return turnContext.SendCardAsync(StaffCards.Step(_pack, single, draft.Id), cancellationToken);
    }

    private async Task NotUnderstoodAsync(ITurnContext turnContext, string question, CancellationToken cancellationToken) =>
        await turnContext.SendActivityAsync(_pack.Text(TextKeys.NotUnderstood, new Dictionary<string, string> { ["question"] = question }), cancellationToken);

    private Question? FindQuestion(string? id) => id is null ? null : _step.Questions.FirstOrDefault(q => q.Id == id);

    private Question? NextEmpty(JsonObject pending, bool requiredOnly) =>
        _step.Questions.FirstOrDefault(q => pending[q.Id] is null && (q.Required || !requiredOnly));

    private JsonObject PrefillFromDraft(ReportDraft draft)
    {
        var pending = new JsonObject();
        if (_step.Type is StepType.Form or StepType.Question)
        {
            foreach (var question in _step.Questions)
            {
                if (draft.Answers[question.Id] is { } value)
                {
                    pending[question.Id] = value.DeepClone();
                }
            }
        }

        return pending;
    }

    /// <summary>Answers as the card's inputs expect their values.</summary>
    private static Dictionary<string, string>? CardValues(JsonObject? pending)
    {
        if (pending is null || pending.Count == 0)
        {
            return null;
        }

        return pending.Where(p => p.Value is not null).ToDictionary(
            p => p.Key,
            p => p.Value is JsonArray list ? string.Join(",", list.Select(v => v?.ToString())) : p.Value!.ToString());
    }

    private bool IsForThisStep(JsonElement submission, ReportDraft draft) =>
        CardMessages.Read(submission, StaffCards.StepKey) == _step.Id && CardMessages.Read(submission, StaffCards.DraftKey) == draft.Id;

    private async Task<ReportDraft> DraftAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        await _drafts.GetAsync(turnContext, cancellationToken: cancellationToken)
        ?? throw new InvalidOperationException("A report step ran without a draft.");

    private void Touch(ReportDraft draft) => draft.UpdatedAt = _clock.GetUtcNow();
}
