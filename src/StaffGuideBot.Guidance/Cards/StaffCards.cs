using System.Globalization;
using System.Text.Json.Nodes;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;
using static StaffGuideBot.Guidance.Cards.CardElements;

namespace StaffGuideBot.Guidance.Cards;

/// <summary>
/// The cards a member of staff sees, built from the content pack. Every button's data names what it belongs to:
/// the menu (<see cref="MenuKey"/>), or a step of a report (<see cref="StepKey"/> and the draft's <see cref="DraftKey"/>),
/// so a press on an old card can be recognised. A step's card also carries its own instance id
/// (<see cref="InstanceKey"/>, see <see cref="Stamp"/>), so the same press received twice is taken once.
/// The keys are read back, in one go, as a <see cref="StaffSubmit"/>.
/// </summary>
public static class StaffCards
{
    public const string MenuKey = "menu";
    public const string StepKey = "step";
    public const string DraftKey = "draft";
    public const string ActionKey = "action";
    public const string AnswerKey = "answer";
    public const string InstanceKey = "instance";

    /// <summary>On a card asking one field of a form on its own: that field's id (the card's only input).</summary>
    public const string FieldKey = "field";

    /// <summary>On a repeat step's buttons: which item (0 = the first) the button is about.</summary>
    public const string ItemKey = "item";

    /// <summary>On the review's Edit buttons: the step to change.</summary>
    public const string TargetKey = "target";

    /// <summary>On the open-draft offer: "continue" or "discard".</summary>
    public const string ResumeKey = "resume";

    /// <summary>On the "throw this report away?" question: "yes" or "no".</summary>
    public const string CancelKey = "cancel";

    public const string MenuReport = "report";
    public const string MenuQuick = "quick";
    public const string MenuContacts = "contacts";

    public static JsonObject Menu(ContentPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return Card(
            [Heading(pack.Text(TextKeys.MenuTitle)), Text(pack.Text(TextKeys.MenuText))],
            [
                Submit(pack.Text(TextKeys.MenuReport), new JsonObject { [MenuKey] = MenuReport }, positive: true),
                Submit(pack.Text(TextKeys.MenuQuick), new JsonObject { [MenuKey] = MenuQuick }),
                Submit(pack.Text(TextKeys.MenuContacts), new JsonObject { [MenuKey] = MenuContacts }),
            ]);
    }

    public static JsonObject QuickGuidance(ContentPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return Card(
            [Heading(pack.Text(TextKeys.QuickTitle)), Text(pack.Text(TextKeys.QuickText)), ContactFacts(pack, pack.Contacts.ToPhoneNow)],
            [Submit(pack.Text(TextKeys.QuickStartReport), new JsonObject { [MenuKey] = MenuReport }, positive: true)]);
    }

    public static JsonObject Contacts(ContentPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return Card(
            [Heading(pack.Text(TextKeys.ContactsTitle)), Text(pack.Text(TextKeys.ContactsText)), ContactFacts(pack, pack.Contacts.ToPhoneNow)],
            [Submit(pack.Text(TextKeys.MenuReport), new JsonObject { [MenuKey] = MenuReport }, positive: true)]);
    }

    /// <summary>A question's label as named inside a message ("Please fill in: …", "I've noted: …"), without its own end mark.</summary>
    public static string FieldName(ContentPack pack, Question question)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(question);
        return pack.Fill(question.Label).TrimEnd('?', '.', ':', ' ');
    }

    /// <summary>
    /// The card of one report step (not the review, which has its own builder), with the <paramref name="shown"/>
    /// questions (default: all; a question whose showIf does not hold is left out). A repeat step's card for a new
    /// item (<paramref name="itemsBefore"/> items saved already; null when an item is being changed or added from the
    /// list) offers "save and add another" below the step's max and, after the first item, "no, that's everyone".
    /// </summary>
    public static JsonObject Step(ContentPack pack, Step step, string draftId, IReadOnlyDictionary<string, string>? values = null, IReadOnlyList<Question>? shown = null, int? itemsBefore = 0)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(step);
        return step.Type switch
        {
            StepType.Info => Info(pack, step, draftId),
            StepType.Acknowledge => Acknowledge(pack, step, draftId),
            StepType.Question when step.Question!.Type is QuestionType.YesNo or QuestionType.Choice => QuestionButtons(pack, step, draftId),
            StepType.Question or StepType.Form or StepType.Repeat => Form(pack, step, draftId, values, shown ?? [.. step.Questions], step.Type == StepType.Repeat ? itemsBefore : null),
            _ => throw new ArgumentException($"Step '{step.Id}' of type {step.Type} has no step card.", nameof(step)),
        };
    }

    public static JsonObject StepData(Step step, string draftId, string action) => new()
    {
        [StepKey] = step.Id,
        [DraftKey] = draftId,
        [ActionKey] = action,
    };

    /// <summary>
    /// Gives every button of a report step's card (those with <see cref="StepKey"/>) an instance id: the card's
    /// <paramref name="instance"/>, a dot and the button's number ("3f9a0c.2"), so a press can be told from another
    /// button of the same card.
    /// </summary>
    public static JsonObject Stamp(JsonObject card, string instance)
    {
        ArgumentNullException.ThrowIfNull(card);
        var actions = new List<JsonObject>();
        CollectActions(card, actions);
        var number = 0;
        foreach (var action in actions)
        {
            if (action["data"] is JsonObject data && data.ContainsKey(StepKey))
            {
                data[InstanceKey] = string.Create(CultureInfo.InvariantCulture, $"{instance}.{++number}");
            }
        }

        return card;
    }

    /// <summary>The card part of a button's instance id (see <see cref="Stamp"/>).</summary>
    public static string CardInstance(string buttonInstance)
    {
        ArgumentNullException.ThrowIfNull(buttonInstance);
        var dot = buttonInstance.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? buttonInstance : buttonInstance[..dot];
    }

    /// <summary>One field of a form asked on its own (when answers are typed); <paramref name="value"/> pre-fills it.</summary>
    public static JsonObject SingleField(ContentPack pack, Step step, Question question, string draftId, string? value = null)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(question);
        var data = StepData(step, draftId, "submit");
        data[FieldKey] = question.Id;
        return Card([Input(pack, question, value)], [Submit(step.Submit is null ? pack.Text(TextKeys.ButtonContinue) : pack.Fill(step.Submit), data, positive: true)]);
    }

    /// <summary>After an item of a repeat step is saved by typing (which can't say which button was meant): is there another?</summary>
    public static JsonObject AddAnother(ContentPack pack, Step step, string draftId)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(step);
        var yes = StepData(step, draftId, "another");
        yes[AnswerKey] = "yes";
        var no = StepData(step, draftId, "another");
        no[AnswerKey] = "no";
        return Card(
            [Text(AnotherQuestion(pack, step), bold: true)],
            [Submit(pack.Text(TextKeys.RepeatYes), yes), Submit(pack.Text(TextKeys.RepeatNo), no, positive: true)]);
    }

    /// <summary>"Saved. Is there another child to add?": the question after an item saved by typing.</summary>
    public static string AnotherQuestion(ContentPack pack, Step step)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(step);
        return pack.Text(TextKeys.RepeatAnother, new Dictionary<string, string> { ["item"] = ItemName(pack, step) });
    }

    /// <summary>A repeat step's itemName in lower case, e.g. "child", for texts with {item}.</summary>
    private static string ItemName(ContentPack pack, Step step) =>
        pack.Fill(step.ItemName ?? step.Title ?? step.Id).ToLower(CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>
    /// The items of a repeat step entered so far, one line each (<paramref name="summaries"/>, user text shown as typed),
    /// each with Change and Remove; then Add another (below the step's maximum) and Done.
    /// </summary>
    public static JsonObject RepeatList(ContentPack pack, Step step, string draftId, IReadOnlyList<string> summaries)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(summaries);
        var body = new JsonArray();
        if (step.Title is not null)
        {
            body.Add(Heading(pack.Fill(step.Title)));
        }

        body.Add(Text(pack.Text(TextKeys.RepeatListIntro)));
        for (var i = 0; i < summaries.Count; i++)
        {
            var heading = pack.Text(TextKeys.ReviewItem, new Dictionary<string, string>
            {
                ["item"] = pack.Fill(step.ItemName ?? step.Title ?? step.Id),
                ["number"] = (i + 1).ToString(CultureInfo.InvariantCulture),
            });
            body.Add(new JsonObject
            {
                ["type"] = "Container",
                ["separator"] = true,
                ["items"] = new JsonArray { Text(heading, bold: true), PlainText(summaries[i]) },
            });
            var change = StepData(step, draftId, "change");
            change[ItemKey] = i;
            var remove = StepData(step, draftId, "remove");
            remove[ItemKey] = i;
            body.Add(new JsonObject
            {
                ["type"] = "ActionSet",
                ["actions"] = new JsonArray { Submit(pack.Text(TextKeys.RepeatChange), change), Submit(pack.Text(TextKeys.RepeatRemove), remove) },
            });
        }

        var actions = new JsonArray();
        if (summaries.Count < step.Max)
        {
            actions.Add(Submit(pack.Text(TextKeys.RepeatAdd, new Dictionary<string, string> { ["item"] = ItemName(pack, step) }), StepData(step, draftId, "add")));
        }

        actions.Add(Submit(pack.Text(TextKeys.RepeatDone), StepData(step, draftId, "done"), positive: true));
        return Card(body, actions);
    }

    /// <summary>The card's actions in document order (an action's own contents are not searched), walked without iterators: every card is stamped.</summary>
    private static void CollectActions(JsonNode? node, List<JsonObject> actions)
    {
        switch (node)
        {
            case JsonObject o when o["type"] is JsonValue type && type.TryGetValue<string>(out var name) && name.StartsWith("Action.", StringComparison.Ordinal):
                actions.Add(o);
                break;
            case JsonObject o:
                foreach (var (_, value) in o)
                {
                    CollectActions(value, actions);
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    CollectActions(item, actions);
                }

                break;
        }
    }

    private static JsonObject Info(ContentPack pack, Step step, string draftId)
    {
        var body = new JsonArray();
        if (step.Title is not null)
        {
            body.Add(Heading(pack.Fill(step.Title), urgent: step.Style == "urgent"));
        }

        body.Add(Text(pack.Fill(step.Text!)));
        if (step.Contacts.Count > 0)
        {
            body.Add(ContactFacts(pack, step.Contacts.Select(pack.Contacts.Find).OfType<Contact>()));
        }

        var actions = new JsonArray();
        if (step.More is not null)
        {
            actions.Add(ShowCard(pack.Text(TextKeys.More), [Text(pack.Fill(step.More))]));
        }

        actions.Add(Submit(step.Continue is null ? pack.Text(TextKeys.ButtonContinue) : pack.Fill(step.Continue), StepData(step, draftId, "continue"), positive: true));
        return Card(body, actions);
    }

    private static JsonObject Acknowledge(ContentPack pack, Step step, string draftId)
    {
        var body = new JsonArray();
        if (step.Title is not null)
        {
            body.Add(Heading(pack.Fill(step.Title), urgent: true));
        }

        if (step.Text is not null)
        {
            body.Add(Text(pack.Fill(step.Text)));
        }

        if (step.Points.Count > 0)
        {
            body.Add(Text(string.Join("\n", step.Points.Select(p => "- " + pack.Fill(p)))));
        }

        return Card(body, [Submit(pack.Fill(step.Confirm!), StepData(step, draftId, "confirm"), positive: true)]);
    }

    private static JsonObject QuestionButtons(ContentPack pack, Step step, string draftId)
    {
        var question = step.Question!;
        var body = new JsonArray();
        if (step.Title is not null)
        {
            body.Add(Heading(pack.Fill(step.Title)));
        }

        if (step.Text is not null)
        {
            body.Add(Text(pack.Fill(step.Text)));
        }

        body.Add(Text(pack.Fill(question.Label), bold: true));
        var actions = new JsonArray();
        foreach (var option in QuestionOptions.For(pack, question))
        {
            var data = StepData(step, draftId, "answer");
            data[AnswerKey] = option.Value;
            actions.Add(Submit(option.Title, data));
        }

        return Card(body, actions);
    }

    private static JsonObject Form(ContentPack pack, Step step, string draftId, IReadOnlyDictionary<string, string>? values, IReadOnlyList<Question> shown, int? itemsBefore)
    {
        var body = new JsonArray();
        if (step.Title is not null)
        {
            body.Add(Heading(pack.Fill(step.Title)));
        }

        var intro = step.Intro ?? step.Text;
        if (intro is not null)
        {
            body.Add(Text(pack.Fill(intro)));
        }

        foreach (var question in shown)
        {
            body.Add(Input(pack, question, values is not null && values.TryGetValue(question.Id, out var value) ? value : null));
        }

        var actions = new JsonArray { Submit(step.Submit is null ? pack.Text(TextKeys.ButtonContinue) : pack.Fill(step.Submit), StepData(step, draftId, "submit"), positive: true) };
        if (itemsBefore + 1 < step.Max)
        {
            actions.Add(Submit(pack.Fill(step.AddAnother!), StepData(step, draftId, "another")));
        }

        if (itemsBefore > 0)
        {
            // Stops adding without the (empty or half-filled) form: its inputs are neither checked nor sent.
            var noMore = Submit(pack.Text(TextKeys.RepeatNo), StepData(step, draftId, "done"));
            noMore["associatedInputs"] = "none";
            actions.Add(noMore);
        }

        return Card(body, actions);
    }

    /// <summary>The input for one question; <paramref name="value"/> pre-fills it (card wire format).</summary>
    public static JsonObject Input(ContentPack pack, Question question, string? value)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(question);
        var label = pack.Fill(question.Label);
        JsonObject input = question.Type switch
        {
            QuestionType.Text or QuestionType.LongText => new JsonObject
            {
                ["type"] = "Input.Text",
                ["isMultiline"] = question.Type == QuestionType.LongText,
            },
            QuestionType.Choice or QuestionType.MultiChoice or QuestionType.YesNo => ChoiceSet(pack, question),
            QuestionType.Number => new JsonObject { ["type"] = "Input.Number" },
            QuestionType.Date => new JsonObject { ["type"] = "Input.Date" },
            QuestionType.Time => new JsonObject { ["type"] = "Input.Time" },
            QuestionType.Toggle => new JsonObject { ["type"] = "Input.Toggle", ["title"] = label, ["valueOn"] = "true", ["valueOff"] = "false" },
            _ => throw new ArgumentOutOfRangeException(nameof(question), question.Type, "Unknown question type."),
        };
        input["id"] = question.Id;
        input["label"] = label;
        if (question.Required)
        {
            input["isRequired"] = true;
            input["errorMessage"] = pack.Text(TextKeys.RequiredMissing, new Dictionary<string, string> { ["fields"] = FieldName(pack, question) });
        }

        if (question.Placeholder is not null && question.Type is QuestionType.Text or QuestionType.LongText or QuestionType.Number)
        {
            input["placeholder"] = pack.Fill(question.Placeholder);
        }

        if (question.MaxLength is { } maxLength && question.Type is QuestionType.Text or QuestionType.LongText)
        {
            input["maxLength"] = maxLength;
        }

        if (question.Type == QuestionType.Number)
        {
            if (question.Min is { } min)
            {
                input["min"] = min;
            }

            if (question.Max is { } max)
            {
                input["max"] = max;
            }
        }

        if (!string.IsNullOrEmpty(value))
        {
            input["value"] = question.Type == QuestionType.Number && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
                ? JsonValue.Create(number)
                : value;
        }

        return input;
    }

    private static JsonObject ChoiceSet(ContentPack pack, Question question)
    {
        var choices = new JsonArray();
        foreach (var option in QuestionOptions.For(pack, question))
        {
            choices.Add(new JsonObject { ["title"] = option.Title, ["value"] = option.Value });
        }

        return new JsonObject
        {
            ["type"] = "Input.ChoiceSet",
            ["choices"] = choices,
            ["style"] = question.Type == QuestionType.MultiChoice || choices.Count <= 6 ? "expanded" : "compact",
            ["isMultiSelect"] = question.Type == QuestionType.MultiChoice,
            ["wrap"] = true, // a long choice reads whole on a phone
        };
    }

    /// <summary>"You have a report you haven't sent yet … last changed {time}": carry on, or delete it (asks first).</summary>
    public static JsonObject ResumeOffer(ContentPack pack, DateTimeOffset lastChanged, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return Card(
            [Text(pack.Text(TextKeys.ResumeOffer, new Dictionary<string, string> { ["time"] = UkTime.Describe(pack, lastChanged, now) }), bold: true)],
            [
                Submit(pack.Text(TextKeys.ResumeContinue), new JsonObject { [ResumeKey] = "continue" }, positive: true),
                Submit(pack.Text(TextKeys.ResumeDiscard), new JsonObject { [ResumeKey] = "discard" }),
            ]);
    }

    /// <summary>"Delete the report you have started?": keep it (the default) or delete it.</summary>
    public static JsonObject CancelQuestion(ContentPack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return Card(
            [Text(pack.Text(TextKeys.CancelConfirm), bold: true)],
            [
                Submit(pack.Text(TextKeys.CancelNo), new JsonObject { [CancelKey] = "no" }, positive: true),
                Submit(pack.Text(TextKeys.CancelYes), new JsonObject { [CancelKey] = "yes" }),
            ]);
    }
}
