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
/// A record stays exactly as given: each card is taken once (<see cref="CardInstances"/>); an input the card showed
/// that comes back empty is cleared; a repeat step edited again lists its items to change or remove one by one.
/// Only the questions whose showIf holds are on the card and required; a hidden question's answer stays in the draft
/// untouched (it is not used: see <see cref="ReportSections.Applicable"/>). A repeat step's item card saves the item
/// and goes on, or saves it and opens an empty card for the next (below the step's max); an item completed by typing
/// asks whether there is another, since a typed reply can't say which of the two buttons was meant.
/// </summary>
public sealed class ContentStepDialog : Dialog
{
    private const string FieldKey = "field";
    private const string PendingKey = "pending";
    private const string PhaseKey = "phase";
    private const string AnotherPhase = "another";
    private const string ListPhase = "list";
    private const string ItemKey = "item";
    private const string BackToListKey = "backToList";

    private readonly ContentPack _pack;
    private readonly Step _step;
    private readonly IStatePropertyAccessor<ReportDraft> _drafts;
    private readonly AnswerReader _answers;
    private readonly IAnswerRules _rules;
    private readonly TimeProvider _clock;

    public ContentStepDialog(ContentPack pack, Step step, IStatePropertyAccessor<ReportDraft> drafts, AnswerReader answers, IAnswerRules rules, TimeProvider clock)
        : base(IdFor(step))
    {
        _pack = pack;
        _step = step;
        _drafts = drafts;
        _answers = answers;
        _rules = rules;
        _clock = clock;
    }

    public static string IdFor(Step step) => "step:" + step?.Id;

    public override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var draft = await DraftAsync(dc.Context, cancellationToken);
        var state = dc.ActiveDialog!.State;
        state[PendingKey] = PrefillFromDraft(draft);
        if (_step.Type == StepType.Repeat && Items(draft).Count > 0)
        {
            // Editing a repeat step: its items stay as they are until the user changes or removes one.
            state[PhaseKey] = ListPhase;
        }

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

        if (StaffSubmit.From(activity) is { } submit)
        {
            if (!await CardInstances.TakeAsync(dc.Context, _pack, submit, _step, draft, state, () => SendCardAsync(dc.Context, draft, state, cancellationToken), cancellationToken))
            {
                return EndOfTurn;
            }

            Touch(draft);
            return await HandleSubmissionAsync(dc, draft, state, submit, cancellationToken);
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

    private async Task<DialogTurnResult> HandleSubmissionAsync(DialogContext dc, ReportDraft draft, JsonObject state, StaffSubmit submit, CancellationToken cancellationToken)
    {
        var action = submit.Action;
        var phase = state[PhaseKey]?.GetValue<string>();
        switch (_step.Type)
        {
            case StepType.Info when action == "continue":
            case StepType.Acknowledge when action == "confirm":
                return await dc.EndDialogAsync(cancellationToken: cancellationToken);
            case StepType.Question when action == "answer":
                var answer = _answers.FromCard(_step.Question!, submit.Answer ?? string.Empty);
                if (answer is null)
                {
                    await SendCardAsync(dc.Context, draft, state, cancellationToken);
                    return EndOfTurn;
                }

                draft.Answers[_step.Question!.Id] = answer;
                return await dc.EndDialogAsync(cancellationToken: cancellationToken);
            case StepType.Repeat when action == "another" && phase == AnotherPhase:
                return await AnotherAsync(dc, draft, state, submit.Answer == "yes", cancellationToken);
            case StepType.Repeat when phase == ListPhase:
                return await ListActionAsync(dc, draft, state, action, submit.Item, cancellationToken);
            case StepType.Repeat when action == "done" && phase is null && ItemsBefore(draft, state) > 0:
                // "No, that's everyone" on the card for a further item: nothing more to add (that card is not saved).
                return await dc.EndDialogAsync(cancellationToken: cancellationToken);
            case StepType.Question or StepType.Form or StepType.Repeat when (action == "submit" || (action == "another" && _step.Type == StepType.Repeat)) && phase is null:
                var pending = (JsonObject)state[PendingKey]!;
                var problems = new List<string>();
                var shown = Shown(draft).Where(q => submit.Field is not { } only || q.Id == only);
                foreach (var question in shown)
                {
                    var raw = submit.Inputs.GetValueOrDefault(question.Id);
                    if (string.IsNullOrWhiteSpace(raw))
                    {
                        // An input the card showed that comes back empty (Teams leaves it out) was cleared.
                        pending.Remove(question.Id);
                        continue;
                    }

                    var value = _answers.FromCard(question, raw);
                    if (value is null)
                    {
                        problems.Add(FieldName(question));
                    }
                    else
                    {
                        pending[question.Id] = value;
                    }
                }

                state.Remove(FieldKey);
                return await CompleteOrAskAgainAsync(dc, draft, state, problems, another: action == "another", cancellationToken);
            default:
                await SendCardAsync(dc.Context, draft, state, cancellationToken);
                return EndOfTurn;
        }
    }

    /// <summary>A button on the list of a repeat step's items: change, remove or add one, or done.</summary>
    private async Task<DialogTurnResult> ListActionAsync(DialogContext dc, ReportDraft draft, JsonObject state, string? action, int? item, CancellationToken cancellationToken)
    {
        var items = Items(draft);
        var index = item < items.Count ? item : null;
        switch (action)
        {
            case "done":
                return await dc.EndDialogAsync(cancellationToken: cancellationToken);
            case "change" when index is { } change:
                state[PendingKey] = (items[change] as JsonObject ?? []).DeepClone();
                state[ItemKey] = change;
                state[BackToListKey] = true;
                state.Remove(PhaseKey);
                break;
            case "add" when items.Count < _step.Max:
                state[PendingKey] = new JsonObject();
                state.Remove(ItemKey);
                state[BackToListKey] = true;
                state.Remove(PhaseKey);
                break;
            case "remove" when index is { } remove:
                if (items.Count == 1)
                {
                    await dc.Context.SendActivityAsync(_pack.Text(TextKeys.RepeatKeepOne), cancellationToken);
                }
                else
                {
                    items.RemoveAt(remove);
                }

                break;
        }

        await SendCardAsync(dc.Context, draft, state, cancellationToken);
        return EndOfTurn;
    }

    private async Task<DialogTurnResult> HandleTextAsync(DialogContext dc, ReportDraft draft, JsonObject state, string text, CancellationToken cancellationToken)
    {
        switch (_step.Type)
        {
            case StepType.Info:
            case StepType.Acknowledge:
                if (ConfirmRecognizer.Recognize(text) == true || TypedWords.Of(_pack).Continue.Matches(text))
                {
                    return await dc.EndDialogAsync(cancellationToken: cancellationToken);
                }

                var label = _step.Type == StepType.Info ? _step.Continue : _step.Confirm;
                var button = label is null ? _pack.Text(TextKeys.ButtonContinue) : _pack.Fill(label);
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
            case StepType.Repeat when state[PhaseKey]?.GetValue<string>() == ListPhase:
                if (TypedWords.Of(_pack).Continue.Matches(text) || ConfirmRecognizer.Recognize(text) == false)
                {
                    return await dc.EndDialogAsync(cancellationToken: cancellationToken);
                }

                await NotUnderstoodAsync(dc.Context, _pack.Text(TextKeys.RepeatListIntro), cancellationToken);
                await SendCardAsync(dc.Context, draft, state, cancellationToken);
                return EndOfTurn;
            case StepType.Repeat when state[PhaseKey]?.GetValue<string>() == AnotherPhase:
                if (ConfirmRecognizer.Recognize(text) is { } another)
                {
                    return await AnotherAsync(dc, draft, state, another, cancellationToken);
                }

                await NotUnderstoodAsync(dc.Context, StaffCards.AnotherQuestion(_pack, _step), cancellationToken);
                await SendCardAsync(dc.Context, draft, state, cancellationToken);
                return EndOfTurn;
            case StepType.Repeat when ItemsBefore(draft, state) > 0 && state[FieldKey] is null && ((JsonObject)state[PendingKey]!).Count == 0
                && (ConfirmRecognizer.Recognize(text) == false || TypedWords.Of(_pack).Continue.Matches(text)):
                // The empty card for a further item, answered "no" or "done": nothing more to add.
                return await dc.EndDialogAsync(cancellationToken: cancellationToken);
            default:
                return await TypedFieldAsync(dc, draft, state, text, cancellationToken);
        }
    }

    /// <summary>
    /// A typed reply to a form. When one field is being asked on its own (or the step has only one), the reply answers
    /// that field. Otherwise only what the reply clearly says is kept (<see cref="AnswerReader.Recognize"/>); the bot
    /// says back what it noted and shows the form again, pre-filled, for the rest. A reply that clearly answers nothing
    /// is not kept: the first empty required field is then asked on its own.
    /// </summary>
    private async Task<DialogTurnResult> TypedFieldAsync(DialogContext dc, ReportDraft draft, JsonObject state, string text, CancellationToken cancellationToken)
    {
        var pending = (JsonObject)state[PendingKey]!;
        var questions = Shown(draft);
        var asked = FindQuestion(questions, state[FieldKey]?.GetValue<string>()) ?? (questions.Count == 1 ? questions[0] : null);
        IReadOnlyList<(Question Question, JsonNode Value)> noted = [];
        if (asked is not null)
        {
            if (!(asked.Required is false && TypedWords.Of(_pack).Skip.Matches(text)))
            {
                noted = _answers.FromTypedField(asked, questions, text);
                if (noted.Count == 0)
                {
                    await NotUnderstoodAsync(dc.Context, _pack.Fill(asked.Label), cancellationToken);
                    await SendCardAsync(dc.Context, draft, state, cancellationToken);
                    return EndOfTurn;
                }
            }

            state.Remove(FieldKey);
        }
        else
        {
            var firstMissing = NextEmpty(questions, pending);
            if (firstMissing is null && (TypedWords.Of(_pack).Continue.Matches(text) || TypedWords.Of(_pack).Skip.Matches(text)))
            {
                return await CompleteOrAskAgainAsync(dc, draft, state, [], another: null, cancellationToken);
            }

            noted = _answers.Recognize(questions, text);
            if (noted.Count == 0)
            {
                await dc.Context.SendActivityAsync(_pack.Text(TextKeys.TypedUnclear), cancellationToken);
                if (firstMissing is not null)
                {
                    state[FieldKey] = firstMissing.Id;
                }

                await SendCardAsync(dc.Context, draft, state, cancellationToken);
                return EndOfTurn;
            }
        }

        foreach (var (question, value) in noted)
        {
            pending[question.Id] = value;
        }

        if (noted.Count > 0)
        {
            var said = string.Join("; ", noted.Select(n => FieldName(n.Question) + ": " + AnswerText.Describe(_pack, n.Question, n.Value)));
            await dc.Context.SendActivityAsync(_pack.Text(TextKeys.TypedNoted, new Dictionary<string, string> { ["answers"] = said }), cancellationToken);
        }

        var next = NextEmpty(questions, pending);
        if (next is not null && asked is not null)
        {
            // Answering field by field: the next required one, on its own.
            state[FieldKey] = next.Id;
            await SendCardAsync(dc.Context, draft, state, cancellationToken);
            return EndOfTurn;
        }

        return await CompleteOrAskAgainAsync(dc, draft, state, [], another: null, cancellationToken);
    }

    private string FieldName(Question question) => StaffCards.FieldName(_pack, question);

    private static bool ChosenWithAnother(JsonNode? answer, string value) =>
        answer is JsonArray { Count: > 1 } values && values.Any(v => v?.GetValue<string>() == value);

    /// <summary>
    /// Saves the step's answers when every shown required question is answered, else says what is missing and shows the
    /// card again. For a repeat step, <paramref name="another"/> is the button pressed: true "save and add another",
    /// false "save", null typed (then whether there is another is asked).
    /// </summary>
    private async Task<DialogTurnResult> CompleteOrAskAgainAsync(DialogContext dc, ReportDraft draft, JsonObject state, List<string> problems, bool? another, CancellationToken cancellationToken)
    {
        var pending = (JsonObject)state[PendingKey]!;
        if (Shown(draft).SelectMany(q => q.Choices.Where(c => c.Exclusive && ChosenWithAnother(pending[q.Id], c.Value)).Select(c => (q, c))).FirstOrDefault() is ({ } clash, { } alone))
        {
            // "None known" with another answer: which one is meant is the staff member's to say; both stay ticked.
            var names = new Dictionary<string, string> { ["item"] = _pack.Fill(alone.Title), ["question"] = _pack.Fill(clash.Label) };
            await dc.Context.SendActivityAsync(_pack.Text(TextKeys.AnswerExclusive, names), cancellationToken);
            await SendCardAsync(dc.Context, draft, state, cancellationToken);
            return EndOfTurn;
        }

        var missing = Shown(draft).Where(q => q.Required && pending[q.Id] is null).Select(FieldName).ToList();
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

        var items = Items(draft);
        if (state[ItemKey]?.GetValue<int>() is { } changed && changed < items.Count)
        {
            items[changed] = pending.DeepClone();
        }
        else
        {
            items.Add(pending.DeepClone());
        }

        state.Remove(ItemKey);
        if (state[BackToListKey]?.GetValue<bool>() == true)
        {
            state[PhaseKey] = ListPhase;
        }
        else if (items.Count >= _step.Max || another == false)
        {
            return await dc.EndDialogAsync(cancellationToken: cancellationToken);
        }
        else if (another == true)
        {
            state[PendingKey] = new JsonObject();
        }
        else
        {
            state[PhaseKey] = AnotherPhase;
        }

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
        var pending = (JsonObject?)state[PendingKey];
        var shown = Shown(draft);
        var card = state[PhaseKey]?.GetValue<string>() switch
        {
            AnotherPhase => StaffCards.AddAnother(_pack, _step, draft.Id),
            ListPhase => StaffCards.RepeatList(_pack, _step, draft.Id, ShownItems(draft).Select(i => ReportSections.ItemSummary(_pack, _step, i as JsonObject ?? [])).ToList()),
            _ when FindQuestion(shown, state[FieldKey]?.GetValue<string>()) is { } asked =>
                StaffCards.SingleField(_pack, _step, asked, draft.Id, CardValues(pending)?.GetValueOrDefault(asked.Id)),
            _ => StaffCards.Step(_pack, _step, draft.Id, CardValues(pending), shown, ItemsBefore(draft, state)),
        };
        return CardInstances.SendAsync(turnContext, card, draft, state, cancellationToken);
    }

    /// <summary>The items of this repeat step in the draft (an empty list is added when there are none).</summary>
    private JsonArray Items(ReportDraft draft)
    {
        if (draft.Answers[_step.Id] is not JsonArray items)
        {
            items = [];
            draft.Answers[_step.Id] = items;
        }

        return items;
    }

    /// <summary>
    /// On a repeat step's card for a new item (not one being changed, nor one added from the list of items): how many
    /// items are saved already; otherwise null.
    /// </summary>
    private int? ItemsBefore(ReportDraft draft, JsonObject state) =>
        _step.Type == StepType.Repeat && state[ItemKey] is null && state[BackToListKey] is null ? Items(draft).Count : null;

    /// <summary>This repeat step's items as they apply (each without the answers of fields whose showIf does not hold).</summary>
    private JsonArray ShownItems(ReportDraft draft) =>
        _rules.Apply(draft.Answers).Answers.ToJson()[_step.Id] as JsonArray ?? [];

    /// <summary>The questions of this step whose showIf holds on the draft's answers.</summary>
    private List<Question> Shown(ReportDraft draft) =>
        [.. ReportSections.ShownQuestions(_step, _rules.Apply(draft.Answers).Holds)];

    private async Task NotUnderstoodAsync(ITurnContext turnContext, string question, CancellationToken cancellationToken) =>
        await turnContext.SendActivityAsync(_pack.Text(TextKeys.AnswerNotUnderstood, new Dictionary<string, string> { ["question"] = question }), cancellationToken);

    private static Question? FindQuestion(List<Question> questions, string? id) => id is null ? null : questions.FirstOrDefault(q => q.Id == id);

    private static Question? NextEmpty(List<Question> questions, JsonObject pending) =>
        questions.FirstOrDefault(q => pending[q.Id] is null && q.Required);

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

    private async Task<ReportDraft> DraftAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        await _drafts.GetAsync(turnContext, cancellationToken: cancellationToken)
        ?? throw new InvalidOperationException("A report step ran without a draft.");

    private void Touch(ReportDraft draft) => draft.UpdatedAt = _clock.GetUtcNow();
}
