using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;
using static StaffGuideBot.Guidance.Cards.CardElements;

namespace StaffGuideBot.Guidance.Cards;

/// <summary>
/// The summary card a report becomes in the DSL channel (Adaptive Card 1.5, Universal Actions). Built for a DSL reading
/// it on a phone in a hurry, top to bottom:
/// <list type="number">
/// <item>the heading (red when urgent), then urgency: a red block naming the five points that apply, a yellow block of
/// aggravating factors, or one line saying nothing is flagged; then any answers that conflict;</item>
/// <item>the key facts the pack names (<see cref="ContentPack.KeyFacts"/>), one line each, long answers cut short;</item>
/// <item>the case's status in one line, and the decision's details once there is one;</item>
/// <item>the routes beyond the school that apply (<see cref="ContentPack.Routes"/>), with their contacts;</item>
/// <item>reference, reporter, when it was sent, content version;</item>
/// <item>the answers, section by section in flow order (steps not shown to the reporter and unanswered questions left out);</item>
/// <item>the history, most recent last, older events behind a button;</item>
/// <item>the buttons the status allows (<see cref="Verbs"/>), and a <c>refresh</c> so Teams fetches the current card.</item>
/// </list>
/// Every fixed word is pack text. Everything a person typed or Teams supplied (answers, names, notes, decisions) is
/// shown only as a <c>TextRun</c>, which is never read as Markdown, and never goes into titles, urls, ids or data.
/// </summary>
public static class SummaryCard
{
    /// <summary>The <c>Action.Execute</c> verbs the card sends (its <c>data</c> is always <c>{ "reference": … }</c>).</summary>
    public static class Verbs
    {
        public const string Acknowledge = "acknowledge";
        public const string Decision = "decision";
        public const string Parents = "parents";

        /// <summary>Sends the clicker the whole record (<see cref="RecordText"/>) in a private chat.</summary>
        public const string Record = "record";

        /// <summary>Stamps the case as recorded in the school's own system (<see cref="SchoolRecord"/>).</summary>
        public const string Recorded = "recorded";

        /// <summary>Opens one of the card's forms (<see cref="Forms"/>, named in the data's <see cref="FormKey"/>): the card comes back, to the clicker only, with the form at its end.</summary>
        public const string OpenForm = "openForm";
        public const string Note = "note";
        public const string Close = "close";

        /// <summary>Sent by Teams when the card is shown, to get the current card (<see cref="SummaryCard"/> <c>refresh</c>).</summary>
        public const string Refresh = "refresh";
    }

    /// <summary>The key of the report's reference in every action's data.</summary>
    public const string ReferenceKey = "reference";

    /// <summary>The key of the form to open in an <see cref="Verbs.OpenForm"/> action's data.</summary>
    public const string FormKey = "form";

    /// <summary>The card's forms: each opened by <see cref="Verbs.OpenForm"/> and saved by the verb of the same name.</summary>
    public static class Forms
    {
        public const string Decision = Verbs.Decision;
        public const string Parents = Verbs.Parents;
        public const string Note = Verbs.Note;
        public const string Recorded = Verbs.Recorded;

        public static bool IsKnown(string? form) => form is Decision or Parents or Note or Recorded;
    }

    // Input ids of the decision, parents and note forms: the values arrive beside "reference" in the action's data.
    public const string DecisionOutcomesInput = "decisionOutcomes";
    public const string DecisionReasonsInput = "decisionReasons";
    public const string DecisionReferenceInput = "decisionReference";
    public const string DecisionNoteInput = "decisionNote";
    public const string ParentsChoiceInput = "parentsChoice";
    public const string ParentsReasonsInput = "parentsReasons";
    public const string NoteInput = "note";
    public const string RecordedWhereInput = "recordedWhere";

    /// <summary>The input of the answer an outcome <c>asks</c> for.</summary>
    public static string AskInput(string outcomeId) => "decisionAsk." + outcomeId;

    /// <summary>The input of a classification.</summary>
    public static string ClassificationInput(string classificationId) => "decisionClass." + classificationId;

    /// <summary>History events shown before the rest go behind a button.</summary>
    public const int HistoryShown = 5;

    private const int NoteMaxLength = 2000;

    /// <summary>The most characters of an answer in the key facts (the whole answer is further down the card).</summary>
    public const int KeyFactLength = 200;

    private static readonly Dictionary<CaseEventKind, string> HistoryKeys = new Dictionary<CaseEventKind, string>
    {
        [CaseEventKind.Created] = TextKeys.DslHistoryCreated,
        [CaseEventKind.Delivered] = TextKeys.DslHistoryDelivered,
        [CaseEventKind.DeliveryFailed] = TextKeys.DslHistoryDeliveryFailed,
        [CaseEventKind.Acknowledged] = TextKeys.DslHistoryAcknowledged,
        [CaseEventKind.Decision] = TextKeys.DslHistoryDecision,
        [CaseEventKind.ParentsDecision] = TextKeys.DslHistoryParents,
        [CaseEventKind.RecordSent] = TextKeys.DslHistoryRecordSent,
        [CaseEventKind.RecordedInSchoolSystem] = TextKeys.DslHistoryRecorded,
        [CaseEventKind.Escalated] = TextKeys.DslHistoryEscalated,
        [CaseEventKind.Note] = TextKeys.DslHistoryNote,
        [CaseEventKind.Reminder] = TextKeys.DslHistoryReminder,
        [CaseEventKind.Closed] = TextKeys.DslHistoryClosed,
        [CaseEventKind.Denied] = TextKeys.DslHistoryDenied,
        [CaseEventKind.LegalHold] = TextKeys.DslHistoryHold,
        [CaseEventKind.HoldReleased] = TextKeys.DslHistoryHoldReleased,
        [CaseEventKind.UnrecordedReminder] = TextKeys.DslHistoryUnrecordedReminder,
    };

    /// <summary>
    /// The card for <paramref name="report"/> as its case stands. <paramref name="now"/> words times ("today at 10:42").
    /// With <paramref name="form"/> (one of <see cref="Forms"/>), the card ends with that form, started from what is
    /// recorded now, and its only buttons are Save and Cancel (Teams shows such a card to the clicker only).
    /// <paramref name="refreshUserIds"/>: the Teams user ids (MRIs) whose card Teams refreshes automatically; null
    /// leaves the list out, so in a channel of up to 60 members Teams refreshes it for everyone (an empty list would
    /// mean "nobody automatically": only the manual "Refresh card" menu item).
    /// </summary>
    public static JsonObject Create(
        ContentPack pack,
        Report report,
        ReportCase reportCase,
        DateTimeOffset now,
        IEnumerable<string>? refreshUserIds = null,
        string? form = null)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(reportCase);

        var values = Answers.FromJson(report.Answers);
        var (fivePoints, aggravating, unknownFlags) = Flags(pack, report, values);
        var urgent = reportCase.Urgent || fivePoints.Count > 0 || unknownFlags.Count > 0;
        var reference = new Dictionary<string, string> { ["reference"] = report.Reference };

        var body = new JsonArray { Heading(pack.Text(TextKeys.DslTitle, reference), urgent) };
        AddUrgency(body, pack, urgent, fivePoints, aggravating, unknownFlags);
        foreach (var check in IndicatorEvaluator.Conflicts(pack, values))
        {
            body.Add(Container([Text(pack.Fill(check.Note))], "accent"));
        }

        if (KeyFacts(pack, report.Answers, values) is { } keyFacts)
        {
            body.Add(keyFacts);
        }

        body.Add(Status(pack, reportCase, urgent, now));
        if (reportCase.RecordedInSchoolSystem is { } recorded)
        {
            var line = Rich(Run(RecordedText(pack, recorded, UkTime.Describe(pack, recorded.At, now)), bold: true, color: "Good"));
            line["spacing"] = "None";
            body.Add(line);
        }
        if (reportCase.Decision is { } decision)
        {
            body.Add(DecisionDetails(pack, reportCase.Decision, now));
        }

        if (reportCase.Parents is { } parents)
        {
            body.Add(ParentsDetails(pack, parents, now));
        }

        if (Routes(pack, values) is { } routes)
        {
            body.Add(routes);
        }

        body.Add(Details(pack, report, now));
        var sections = Sections(pack, report.Answers, values).ToList();
        foreach (var section in sections)
        {
            body.Add(section);
        }

        if (reportCase.History.Count > 0)
        {
            AddHistory(body, pack, reportCase, now);
        }

        JsonArray actions;
        if (Forms.IsKnown(form) && (reportCase.Status != CaseStatus.Closed || form == Forms.Recorded) && !(form == Forms.Recorded && reportCase.RecordedInSchoolSystem is not null))
        {
            var (title, inputs, save) = Form(pack, form!, reportCase, IndicatorEvaluator.Outcomes(pack, values));
            var heading = Text(title, bold: true);
            heading["size"] = "Medium";
            inputs.Insert(0, heading);
            var container = Container(inputs, "emphasis");
            container["separator"] = true;
            container["id"] = "form";
            body.Add(container);
            actions = [Execute(save, form!, report.Reference, positive: true), Execute(pack.Text(TextKeys.DslActionCancel), Verbs.Refresh, report.Reference)];
        }
        else
        {
            actions = Actions(pack, reportCase, report.Reference);
        }

        var card = Card(body, actions);
        var refresh = new JsonObject { ["action"] = Execute(null, Verbs.Refresh, report.Reference) };
        if (refreshUserIds is not null)
        {
            refresh["userIds"] = new JsonArray([.. refreshUserIds.Select(id => (JsonNode)JsonValue.Create(id))]);
        }

        card["refresh"] = refresh;
        return Fit(pack, card, sections);
    }

    /// <summary>
    /// The card as it is when it fits in a Teams message (<see cref="CardElements.MaxCardBytes"/>); else smaller, step
    /// by step until it fits: first the forms start empty instead of from what is recorded now, then every text anyone
    /// typed (always a TextRun) is cut shorter and shorter, with a line at the top saying so; last, the answers'
    /// <paramref name="sections"/> go, last first (the key facts stay). "Get the record" and the stored report always
    /// have every word.
    /// </summary>
    private static JsonObject Fit(ContentPack pack, JsonObject card, List<JsonObject> sections)
    {
        if (Fits(card))
        {
            return card;
        }

        foreach (var input in Descendants(card).Where(n => n["type"]?.GetValue<string>() is "Input.Text" or "Input.ChoiceSet").ToList())
        {
            input.Remove("value");
        }

        var notice = Text(pack.Text(TextKeys.DslCutShort), subtle: true);
        foreach (var longest in FitLengths)
        {
            if (Fits(card))
            {
                break;
            }

            if (!card["body"]!.AsArray().Contains(notice))
            {
                card["body"]!.AsArray().Insert(1, notice);
            }

            foreach (var run in Descendants(card["body"]!).Where(n => n["type"]?.GetValue<string>() == "TextRun" && n["text"]!.GetValue<string>().Length > longest).ToList())
            {
                run["text"] = string.Concat(run["text"]!.GetValue<string>().AsSpan(0, longest).TrimEnd(), "…");
            }
        }

        for (var i = sections.Count - 1; i >= 0 && !Fits(card); i--)
        {
            card["body"]!.AsArray().Remove(sections[i]);
        }

        return card;
    }

    /// <summary>The lengths a typed text is cut to, in turn, until the card fits.</summary>
    private static readonly int[] FitLengths = [1000, 500, 250, 100];

    private static bool Fits(JsonObject card) => System.Text.Encoding.UTF8.GetByteCount(card.ToJsonString()) <= CardElements.MaxCardBytes;

    private static IEnumerable<JsonObject> Descendants(JsonNode node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.Select(p => p.Value).OfType<JsonNode>().SelectMany(Descendants)),
        JsonArray a => a.OfType<JsonNode>().SelectMany(Descendants),
        _ => [],
    };

    /// <summary>A decision's outcomes in one line, in the words they were recorded in.</summary>
    public static string Outcomes(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return string.Join("; ", decision.Outcomes.Select(o => o.Title));
    }

    /// <summary>
    /// The flags to show: those recorded when the report was sent and those its answers meet under this pack (the
    /// pack may be newer), five points and aggravating factors each in pack order, and any recorded id this pack no
    /// longer knows (shown as urgent, to be safe). A flag is possible only when nothing makes it certain (a report
    /// stored before possible flags has all its flags certain).
    /// </summary>
    internal static (List<Flag> FivePoints, List<Flag> Aggravating, List<string> Unknown) Flags(ContentPack pack, Report report, Answers values)
    {
        var raised = IndicatorEvaluator.Raise(pack, values);
        var possibleWhenSent = report.PossibleFlags ?? [];
        var certain = raised.Where(f => !f.Possible).Select(f => f.Id)
            .Concat(report.Flags.Where(id => !possibleWhenSent.Contains(id)))
            .ToHashSet(StringComparer.Ordinal);
        var applying = raised.Select(f => f.Id).Concat(report.Flags).ToHashSet(StringComparer.Ordinal);
        var known = pack.Indicators.Where(i => applying.Contains(i.Id)).Select(i => new Flag(i, Possible: !certain.Contains(i.Id))).ToList();
        var unknown = report.Flags.Where(id => pack.Indicators.All(i => i.Id != id)).Distinct(StringComparer.Ordinal).ToList();
        return (known.Where(f => f.Kind == IndicatorKind.FivePoint).ToList(), known.Where(f => f.Kind == IndicatorKind.Aggravating).ToList(), unknown);
    }

    private static void AddUrgency(JsonArray body, ContentPack pack, bool urgent, List<Flag> fivePoints, List<Flag> aggravating, List<string> unknownFlags)
    {
        if (urgent)
        {
            var items = new JsonArray { Text(pack.Text(TextKeys.DslFivePoints), bold: true) };
            foreach (var point in fivePoints)
            {
                AddIndicator(items, pack, point);
            }

            foreach (var id in unknownFlags)
            {
                items.Add(PlainText(id, bold: true));
            }

            if (fivePoints.Count == 0 && unknownFlags.Count == 0)
            {
                items.Add(Text(pack.Text(TextKeys.DslUrgentNoPoints)));
            }

            body.Add(Container(items, "attention"));
        }

        if (aggravating.Count > 0)
        {
            var items = new JsonArray { Text(pack.Text(TextKeys.DslAggravating), bold: true) };
            foreach (var factor in aggravating)
            {
                AddIndicator(items, pack, factor);
            }

            body.Add(Container(items, "warning"));
        }

        if (!urgent && aggravating.Count == 0)
        {
            body.Add(Text(pack.Text(TextKeys.DslNoFlags)));
        }
    }

    private static void AddIndicator(JsonArray items, ContentPack pack, Flag flag)
    {
        var title = pack.Fill(flag.Indicator.Title);
        items.Add(Text(flag.Possible ? pack.Text(TextKeys.DslPossible, new Dictionary<string, string> { ["item"] = title }) : title, bold: true));
        var because = pack.Fill(flag.Because);
        if (because.Length > 0)
        {
            // "because" completes a sentence ("flagged because …"); standing alone it starts with a capital.
            var line = Text(string.Concat(char.ToUpper(because[0], CultureInfo.GetCultureInfo("en-GB")).ToString(), because.AsSpan(1)));
            line["spacing"] = "None";
            items.Add(line);
        }
    }

    /// <summary>
    /// The pack's key facts that are answered in steps shown to the reporter, in the pack's order: a question's answer,
    /// or each item of a repeat step on one line; each cut to <see cref="KeyFactLength"/> characters. Null when none is.
    /// </summary>
    private static JsonObject? KeyFacts(ContentPack pack, JsonObject raw, Answers values)
    {
        var shown = ReportSections.Shown(pack, condition => ConditionEvaluator.Evaluate(condition, values, pack)).ToList();
        var items = new JsonArray();
        foreach (var fact in pack.KeyFacts)
        {
            if (shown.Find(s => s.Type == StepType.Repeat && s.Id == fact.Id) is { } step)
            {
                var list = (raw[step.Id] as JsonArray ?? []).Select(i => i as JsonObject ?? []).ToList();
                foreach (var (i, item) in list.Index().Where(i => step.Fields.Any(f => Answers.HasValue(i.Item[f.Id]))))
                {
                    items.Add(KeyFact(ReportSections.ItemHeading(pack, step, i, fact.Label), ReportSections.ItemSummary(pack, step, item, step.Fields.Count), cut: false));
                }
            }
            else if (shown.Where(s => s.Type != StepType.Repeat).SelectMany(s => s.Questions).FirstOrDefault(q => q.Id == fact.Id) is { } question
                && Answers.HasValue(raw[question.Id]))
            {
                items.Add(KeyFact(pack.Fill(fact.Label ?? question.Label), AnswerText.Describe(pack, question, raw[question.Id]), cut: true, question.Verbatim));
            }
        }

        if (items.Count == 0)
        {
            return null;
        }

        items.Insert(0, Text(pack.Text(TextKeys.DslKeyFacts), bold: true));
        var container = Container(items, "emphasis");
        container["separator"] = true;
        return container;
    }

    /// <summary>A label and an answer on one line, the answer's line breaks as spaces; with <paramref name="cut"/>, cut to <see cref="KeyFactLength"/> characters.</summary>
    private static JsonObject KeyFact(string label, string answer, bool cut, bool verbatim = false)
    {
        var line = string.Join(' ', answer.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var shown = !cut || line.Length <= KeyFactLength ? line : string.Concat(line.AsSpan(0, KeyFactLength).TrimEnd(), "…");
        var block = Rich(Run(label, bold: true), Run(" "), Run(shown, italic: verbatim));
        block["spacing"] = "Small";
        return block;
    }

    /// <summary>The routes beyond the school that apply, each with why, what the DSL can do and its contacts; null when none does.</summary>
    private static JsonObject? Routes(ContentPack pack, Answers values)
    {
        var routes = IndicatorEvaluator.Routes(pack, values);
        if (routes.Count == 0)
        {
            return null;
        }

        var items = new JsonArray { Text(pack.Text(TextKeys.DslRoutes), bold: true) };
        foreach (var route in routes)
        {
            var title = Text(pack.Fill(route.Title), bold: true);
            title["separator"] = true;
            items.Add(title);
            var because = Text(pack.Text(TextKeys.DslRoutesBecause, new Dictionary<string, string> { ["item"] = pack.Fill(route.Because) }), subtle: true);
            because["spacing"] = "None";
            items.Add(because);
            items.Add(Text(pack.Fill(route.Text)));
            if (route.Contacts.Count > 0)
            {
                items.Add(ContactFacts(pack, route.Contacts.Select(pack.Contacts.Find).OfType<Contact>(), phoneAndUrl: true));
            }
        }

        var container = Container(items);
        container["separator"] = true;
        return container;
    }

    /// <summary>The one-line status of a case (also used by the "open reports" list).</summary>
    internal static JsonObject Status(ContentPack pack, ReportCase reportCase, bool urgent, DateTimeOffset now)
    {
        // A name from Teams is inside: a TextRun, so it is never read as Markdown.
        var (text, color) = StatusText(pack, reportCase, urgent, at => UkTime.Describe(pack, at, now));
        var block = Rich(Run(text, bold: true, color: color));
        block["separator"] = true;
        return block;
    }

    /// <summary>The status's words, with times worded by <paramref name="when"/>, and its colour.</summary>
    internal static (string Text, string Color) StatusText(ContentPack pack, ReportCase reportCase, bool urgent, Func<DateTimeOffset, string> when)
    {
        string key;
        string color;
        var values = new Dictionary<string, string>();
        switch (reportCase.Status)
        {
            case CaseStatus.Acknowledged:
                key = TextKeys.DslStatusAcknowledged;
                color = "Accent";
                AddWhoAndWhen(values, pack, Latest(reportCase, CaseEventKind.Acknowledged), reportCase.Owner, when);
                break;
            case CaseStatus.DecisionRecorded when reportCase.Decision is { } decision:
                key = TextKeys.DslStatusDecision;
                color = "Good";
                values["decision"] = Outcomes(decision);
                values["name"] = Name(pack, decision.By ?? Latest(reportCase, CaseEventKind.Decision)?.By ?? reportCase.Owner);
                values["time"] = when(decision.At);
                break;
            case CaseStatus.DecisionRecorded:
                // A decision status with no decision stored: say who acknowledged it rather than invent a decision.
                key = TextKeys.DslStatusAcknowledged;
                color = "Accent";
                AddWhoAndWhen(values, pack, Latest(reportCase, CaseEventKind.Decision) ?? Latest(reportCase, CaseEventKind.Acknowledged), reportCase.Owner, when);
                break;
            case CaseStatus.Closed:
                key = TextKeys.DslStatusClosed;
                color = "Default";
                AddWhoAndWhen(values, pack, Latest(reportCase, CaseEventKind.Closed), reportCase.Owner, when);
                break;
            default:
                key = TextKeys.DslStatusAwaiting;
                color = urgent ? "Attention" : "Warning";
                break;
        }

        return (pack.Text(key, values), color);
    }

    /// <summary>The line saying a case is in the school's own system, who said so and when (<paramref name="time"/>).</summary>
    internal static string RecordedText(ContentPack pack, SchoolRecord recorded, string time)
    {
        var values = new Dictionary<string, string> { ["name"] = Name(pack, recorded.By), ["time"] = time };
        if (recorded.Where is { } where)
        {
            values["item"] = where;
        }

        return pack.Text(recorded.Where is null ? TextKeys.DslRecordedLine : TextKeys.DslRecordedLineWhere, values);
    }

    /// <summary>A history event's line, e.g. "Acknowledged by Ms Khan, {time}".</summary>
    internal static string HistoryLine(ContentPack pack, CaseEvent caseEvent, string time) =>
        pack.Text(HistoryKeys[caseEvent.Kind], new Dictionary<string, string> { ["name"] = Name(pack, caseEvent.By), ["time"] = time });

    private static void AddWhoAndWhen(Dictionary<string, string> values, ContentPack pack, CaseEvent? caseEvent, Person? fallback, Func<DateTimeOffset, string> when)
    {
        values["name"] = Name(pack, caseEvent?.By ?? fallback);
        values["time"] = caseEvent is null ? pack.Text(TextKeys.DslUnknownTime) : when(caseEvent.At);
    }

    private static CaseEvent? Latest(ReportCase reportCase, CaseEventKind kind) =>
        reportCase.History.Where(e => e.Kind == kind).OrderBy(e => e.At).LastOrDefault();

    private static string Name(ContentPack pack, Person? person) =>
        string.IsNullOrWhiteSpace(person?.Name) ? pack.Text(TextKeys.DslUnknownName) : person.Name;

    /// <summary>The current decision in full, who recorded it and when (the earlier ones are in the history).</summary>
    private static JsonObject DecisionDetails(ContentPack pack, Decision decision, DateTimeOffset now) =>
        Container(DecisionItems(pack, decision, now), "good");

    private static JsonArray DecisionItems(ContentPack pack, Decision decision, DateTimeOffset now)
    {
        var items = new JsonArray { Labelled(pack.Text(TextKeys.DslDecision), Outcomes(decision)) };
        foreach (var (label, value) in decision.Outcomes.Where(o => o.DetailLabel is not null).Select(o => (o.DetailLabel!, o.Detail))
            .Append((pack.Text(TextKeys.DslDecisionReasons), decision.Reasons))
            .Concat(decision.Classifications.Select(c => (c.Title, c.Detail)))
            .Append((pack.Text(TextKeys.DslDecisionReference), decision.ExternalReference))
            .Append((pack.Text(TextKeys.DslDecisionNote), decision.Note)))
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                items.Add(Labelled(label, value));
            }
        }

        items.Add(RecordedBy(pack, decision.By, decision.At, now));
        return items;
    }

    private static JsonObject ParentsDetails(ContentPack pack, ParentsDecision parents, DateTimeOffset now) =>
        Container(
            [
                Labelled(pack.Text(TextKeys.DslParents), parents.Choice.Title),
                Labelled(pack.Text(TextKeys.DslParentsReasons), parents.Reasons),
                RecordedBy(pack, parents.By, parents.At, now),
            ],
            "good");

    private static JsonObject RecordedBy(ContentPack pack, Person? by, DateTimeOffset at, DateTimeOffset now)
    {
        var line = Rich(Run(pack.Text(TextKeys.DslDecisionBy, new Dictionary<string, string> { ["name"] = Name(pack, by), ["time"] = UkTime.Describe(pack, at, now) }), subtle: true));
        line["spacing"] = "None";
        return line;
    }

    private static JsonObject Details(ContentPack pack, Report report, DateTimeOffset now)
    {
        var items = new JsonArray
        {
            Labelled(pack.Text(TextKeys.DslReference), report.Reference),
            Labelled(pack.Text(TextKeys.DslReporter), string.IsNullOrWhiteSpace(report.Reporter.Name) ? pack.Text(TextKeys.DslUnknownName) : report.Reporter.Name),
            Labelled(pack.Text(TextKeys.DslSent), UkTime.Describe(pack, report.SubmittedAt, now)),
            Labelled(pack.Text(TextKeys.DslVersion), report.ContentVersion),
        };
        var container = Container(items);
        container["separator"] = true;
        return container;
    }

    /// <summary>
    /// The answers, one container per step with answered questions, in flow order (as on the review card). The items of
    /// a repeat step in the key facts, whose short answers are there on one line each, show only their other answers,
    /// so a card with many children stays within what Teams takes.
    /// </summary>
    private static IEnumerable<JsonObject> Sections(ContentPack pack, JsonObject raw, Answers values)
    {
        foreach (var step in ReportSections.Shown(pack, condition => ConditionEvaluator.Evaluate(condition, values, pack)))
        {
            var items = new JsonArray();
            if (step.Type == StepType.Repeat)
            {
                var inKeyFacts = pack.KeyFacts.Any(f => f.Id == step.Id);
                var fields = step.Fields.Where(f => !inKeyFacts || !ReportSections.InSummary(f)).ToList();
                var list = raw[step.Id] as JsonArray ?? [];
                for (var i = 0; i < list.Count; i++)
                {
                    var child = new JsonArray();
                    AddAnswers(child, pack, fields, list[i] as JsonObject ?? []);
                    if (child.Count == 0)
                    {
                        continue;
                    }

                    child.Insert(0, Text(ReportSections.ItemHeading(pack, step, i), bold: true));
                    var item = Container(child, "emphasis");
                    item["spacing"] = "Small";
                    items.Add(item);
                }
            }
            else
            {
                AddAnswers(items, pack, step.Questions, raw);
            }

            if (items.Count == 0)
            {
                continue;
            }

            // A step without a title is one question, whose label already heads its answer.
            if (step.Title is not null)
            {
                var title = Text(pack.Fill(step.Title), bold: true);
                title["size"] = "Medium";
                items.Insert(0, title);
            }

            var section = Container(items);
            section["separator"] = true;
            yield return section;
        }
    }

    private static void AddAnswers(JsonArray items, ContentPack pack, IEnumerable<Question> questions, JsonObject values)
    {
        foreach (var question in questions)
        {
            var value = values[question.Id];
            if (!Answers.HasValue(value))
            {
                continue;
            }

            items.Add(Text(pack.Fill(question.Label), subtle: true));
            var answer = Rich(Run(AnswerText.Describe(pack, question, value), italic: question.Verbatim));
            answer["spacing"] = "None";
            items.Add(answer);
        }
    }

    private static void AddHistory(JsonArray body, ContentPack pack, ReportCase reportCase, DateTimeOffset now)
    {
        // Most recent last; a stable sort keeps events recorded at the same moment in the order they were recorded.
        var events = reportCase.History.OrderBy(e => e.At).ToList();
        var why = Reasons(reportCase);
        var title = Text(pack.Text(TextKeys.DslHistory), bold: true);
        title["separator"] = true;
        body.Add(title);

        var earlier = Math.Max(0, events.Count - HistoryShown);
        if (earlier > 0)
        {
            var older = new JsonArray();
            foreach (var caseEvent in events.Take(earlier))
            {
                older.Add(HistoryEntry(pack, caseEvent, why.GetValueOrDefault(caseEvent), now));
            }

            var number = new Dictionary<string, string> { ["number"] = earlier.ToString(CultureInfo.InvariantCulture) };
            body.Add(new JsonObject { ["type"] = "ActionSet", ["actions"] = new JsonArray { ShowCard(pack.Text(TextKeys.DslHistoryEarlier, number), older) } });
        }

        foreach (var caseEvent in events.Skip(earlier))
        {
            body.Add(HistoryEntry(pack, caseEvent, why.GetValueOrDefault(caseEvent), now));
        }
    }

    /// <summary>
    /// The reasons of each decision event: the n-th decision (or parents decision) event records the n-th entry of
    /// <see cref="ReportCase.Decisions"/> (or <see cref="ReportCase.ParentsDecisions"/>), as both are only ever added together.
    /// </summary>
    private static Dictionary<CaseEvent, string> Reasons(ReportCase reportCase)
    {
        var reasons = new Dictionary<CaseEvent, string>(ReferenceEqualityComparer.Instance);
        Pair(CaseEventKind.Decision, reportCase.Decisions.Select(d => d.Reasons).ToList());
        Pair(CaseEventKind.ParentsDecision, reportCase.ParentsDecisions.Select(p => p.Reasons).ToList());
        return reasons;

        void Pair(CaseEventKind kind, List<string> why)
        {
            var events = reportCase.History.Where(e => e.Kind == kind).ToList();
            if (events.Count == why.Count)
            {
                events.Zip(why).ToList().ForEach(p => reasons[p.First] = p.Second);
            }
        }
    }

    private static JsonObject HistoryEntry(ContentPack pack, CaseEvent caseEvent, string? reasons, DateTimeOffset now)
    {
        var items = new JsonArray { Rich(Run(HistoryLine(pack, caseEvent, UkTime.Describe(pack, caseEvent.At, now)))) };
        if (!string.IsNullOrWhiteSpace(caseEvent.Detail))
        {
            var detail = Rich(Run(caseEvent.Detail, subtle: true));
            detail["spacing"] = "None";
            items.Add(detail);
        }

        if (reasons is not null)
        {
            var why = Rich(Run(pack.Text(TextKeys.DslDecisionReasons), subtle: true, bold: true), Run(" "), Run(reasons, subtle: true));
            why["spacing"] = "None";
            items.Add(why);
        }

        var entry = Container(items);
        entry["spacing"] = "Small";
        return entry;
    }

    /// <summary>
    /// Waiting: acknowledge, decision, parents, note. Acknowledged: decision, parents, note. Decision recorded: change
    /// it, parents, note, close. Then, whatever the status (closed too): get the record, and until it is stamped,
    /// recorded in the school's system. At most six, as Teams shows. Each form opens on the card itself (<see cref="Verbs.OpenForm"/>).
    /// </summary>
    private static JsonArray Actions(ContentPack pack, ReportCase reportCase, string reference)
    {
        var status = reportCase.Status;
        var actions = new JsonArray();
        if (status is CaseStatus.AwaitingDelivery or CaseStatus.Delivered)
        {
            actions.Add(Execute(pack.Text(TextKeys.DslActionAcknowledge), Verbs.Acknowledge, reference, positive: true));
        }

        if (status != CaseStatus.Closed)
        {
            actions.Add(OpenForm(pack.Text(status == CaseStatus.DecisionRecorded ? TextKeys.DslActionChangeDecision : TextKeys.DslActionDecision), Forms.Decision, reference));
            actions.Add(OpenForm(pack.Text(TextKeys.DslActionParents), Forms.Parents, reference));
            actions.Add(OpenForm(pack.Text(TextKeys.DslActionNote), Forms.Note, reference));
        }

        if (status == CaseStatus.DecisionRecorded)
        {
            actions.Add(Execute(pack.Text(TextKeys.DslActionClose), Verbs.Close, reference));
        }

        actions.Add(Execute(pack.Text(TextKeys.DslActionRecord), Verbs.Record, reference));
        if (reportCase.RecordedInSchoolSystem is null)
        {
            actions.Add(OpenForm(pack.Text(TextKeys.DslActionRecorded), Forms.Recorded, reference));
        }

        return actions;
    }

    /// <summary>A form's title, inputs and Save button title.</summary>
    private static (string Title, JsonArray Inputs, string Save) Form(ContentPack pack, string form, ReportCase reportCase, IReadOnlyList<DecisionOutcome> offered) => form switch
    {
        Forms.Decision => (pack.Text(reportCase.Decision is null ? TextKeys.DslActionDecision : TextKeys.DslActionChangeDecision), DecisionForm(pack, offered, reportCase.Decision), pack.Text(TextKeys.DslActionSaveDecision)),
        Forms.Parents => (pack.Text(TextKeys.DslActionParents), ParentsForm(pack, reportCase.Parents), pack.Text(TextKeys.DslActionSaveParents)),
        Forms.Recorded => (pack.Text(TextKeys.DslActionRecorded), RecordedForm(pack), pack.Text(TextKeys.DslActionSaveRecorded)),
        _ => (pack.Text(TextKeys.DslActionNote), NoteForm(pack), pack.Text(TextKeys.DslActionSaveNote)),
    };

    private static JsonObject OpenForm(string title, string form, string reference)
    {
        var action = Execute(title, Verbs.OpenForm, reference);
        action["data"]![FormKey] = form;
        return action;
    }

    private static JsonArray DecisionForm(ContentPack pack, IReadOnlyList<DecisionOutcome> offered, Decision? current)
    {
        var outcomes = ChoiceInput(DecisionOutcomesInput, pack.Text(TextKeys.DslDecisionOutcomes), offered.Select(o => (pack.Fill(o.Title), o.Id)), current is null ? null : string.Join(',', current.Outcomes.Select(o => o.Id)));
        outcomes["isMultiSelect"] = true;
        outcomes["isRequired"] = true;
        outcomes["errorMessage"] = pack.Text(TextKeys.DslDecisionRequired);
        var form = new JsonArray { outcomes };
        foreach (var outcome in offered.Where(o => o.Asks is not null))
        {
            form.Add(TextInput(AskInput(outcome.Id), pack.Fill(outcome.Asks!), current?.Outcomes.FirstOrDefault(o => o.Id == outcome.Id)?.Detail, multiline: false));
        }

        var reasons = TextInput(DecisionReasonsInput, pack.Text(TextKeys.DslDecisionReasons), current?.Reasons);
        reasons["isRequired"] = true;
        reasons["errorMessage"] = pack.Text(TextKeys.DslDecisionReasonsRequired);
        form.Add(reasons);
        form.Add(TextInput(DecisionReferenceInput, pack.Text(TextKeys.DslDecisionReference), current?.ExternalReference, multiline: false));
        foreach (var classification in pack.Classifications)
        {
            var label = pack.Text(TextKeys.DslDecisionClassification, new Dictionary<string, string> { ["item"] = pack.Fill(classification.Title) });
            var choices = classification.Choices.Select(c => pack.Fill(c)).Select(c => (c, c));
            var input = ChoiceInput(ClassificationInput(classification.Id), label, choices, current?.Classifications.FirstOrDefault(c => c.Id == classification.Id)?.Detail);
            input["style"] = "compact";
            form.Add(input);
        }

        form.Add(TextInput(DecisionNoteInput, pack.Text(TextKeys.DslDecisionNote), current?.Note));
        return form;
    }

    private static JsonArray ParentsForm(ContentPack pack, ParentsDecision? current)
    {
        var choice = ChoiceInput(ParentsChoiceInput, pack.Text(TextKeys.DslParents), pack.ParentsChoices.Select(c => (pack.Fill(c.Title), c.Id)), current?.Choice.Id);
        choice["isRequired"] = true;
        choice["errorMessage"] = pack.Text(TextKeys.DslParentsRequired);
        var reasons = TextInput(ParentsReasonsInput, pack.Text(TextKeys.DslParentsReasons), current?.Reasons);
        reasons["isRequired"] = true;
        reasons["errorMessage"] = pack.Text(TextKeys.DslDecisionReasonsRequired);
        return [choice, reasons];
    }

    /// <summary>An expanded choice set; <paramref name="value"/> (comma-separated for several) is what is chosen now.</summary>
    private static JsonObject ChoiceInput(string id, string label, IEnumerable<(string Title, string Value)> choices, string? value)
    {
        var input = new JsonObject
        {
            ["type"] = "Input.ChoiceSet",
            ["id"] = id,
            ["label"] = label,
            ["style"] = "expanded",
            ["wrap"] = true,
            ["choices"] = new JsonArray([.. choices.Select(c => (JsonNode)new JsonObject { ["title"] = c.Title, ["value"] = c.Value })]),
        };
        if (value is not null)
        {
            input["value"] = value;
        }

        return input;
    }

    private static JsonArray RecordedForm(ContentPack pack)
    {
        var where = TextInput(RecordedWhereInput, pack.Text(TextKeys.DslRecordedWhere), value: null, multiline: false);
        where["placeholder"] = pack.Text(TextKeys.DslRecordedPlaceholder);
        where["maxLength"] = 100;
        return [Text(pack.Text(TextKeys.DslRecordedIntro)), where];
    }

    private static JsonArray NoteForm(ContentPack pack)
    {
        var note = TextInput(NoteInput, pack.Text(TextKeys.DslNote), value: null);
        note["isRequired"] = true;
        note["errorMessage"] = pack.Text(TextKeys.DslNoteRequired);
        return [note];
    }

    /// <summary>A text input; <paramref name="value"/> is what is recorded now (null: empty).</summary>
    private static JsonObject TextInput(string id, string label, string? value, bool multiline = true)
    {
        var input = new JsonObject
        {
            ["type"] = "Input.Text",
            ["id"] = id,
            ["label"] = label,
            ["isMultiline"] = multiline,
            ["maxLength"] = NoteMaxLength,
        };
        if (!string.IsNullOrEmpty(value))
        {
            input["value"] = value;
        }

        return input;
    }

    private static JsonObject Execute(string? title, string verb, string reference, bool positive = false)
    {
        var action = new JsonObject { ["type"] = "Action.Execute" };
        if (title is not null)
        {
            action["title"] = title;
        }

        action["verb"] = verb;
        action["data"] = new JsonObject { [ReferenceKey] = reference };
        if (positive)
        {
            action["style"] = "positive";
        }

        return action;
    }

    private static JsonObject Container(JsonArray items, string? style = null)
    {
        var container = new JsonObject { ["type"] = "Container", ["items"] = items };
        if (style is not null)
        {
            container["style"] = style;
        }

        return container;
    }

    /// <summary>A bold label and its value on one line, both as TextRuns (the value may be anyone's words).</summary>
    private static JsonObject Labelled(string label, string value) =>
        Rich(Run(label, bold: true), Run(" "), Run(value));

    private static JsonObject Rich(params JsonObject[] runs) =>
        new() { ["type"] = "RichTextBlock", ["inlines"] = new JsonArray([.. runs]) };

    private static JsonObject Run(string text, bool bold = false, bool italic = false, bool subtle = false, string? color = null)
    {
        var run = new JsonObject { ["type"] = "TextRun", ["text"] = text };
        if (bold)
        {
            run["weight"] = "Bolder";
        }

        if (italic)
        {
            run["italic"] = true;
        }

        if (subtle)
        {
            run["isSubtle"] = true;
        }

        if (color is not null)
        {
            run["color"] = color;
        }

        return run;
    }
}
