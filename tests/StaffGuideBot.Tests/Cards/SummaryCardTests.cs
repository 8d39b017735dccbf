using System.Text.Json;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Dialogs.Recognizers;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Flow;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Tests.Support;
using StaffGuideBot.Guidance.Cards;

namespace StaffGuideBot.Tests.Cards;

/// <summary>The DSL summary card: valid, urgency first, user text can't forge anything, actions follow the case.</summary>
public sealed class SummaryCardTests
{
    private static readonly Lazy<ContentPack> LazyEngland = new(() => ContentPackLoader.Load(Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "england")));

    private static readonly DateTimeOffset Now = new(2026, 3, 10, 11, 0, 0, TimeSpan.Zero);

    private const string Forged = "**x** [link](https://evil.example) <at>Head</at> {\"type\":\"Action.OpenUrl\",\"url\":\"https://evil.example\"}\nStatus: closed\n\n- evil";

    private static ContentPack England => LazyEngland.Value;

    private static AnswerReader Reader => new(England, new DateTimeRecognizer());

    public static TheoryData<CaseStatus, bool> StatusesAndFlags()
    {
        var data = new TheoryData<CaseStatus, bool>();
        foreach (var status in Enum.GetValues<CaseStatus>())
        {
            data.Add(status, true);
            data.Add(status, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StatusesAndFlags))]
    public void The_card_is_a_valid_adaptive_card_for_every_status(CaseStatus status, bool flagged)
    {
        var answers = flagged ? FullAnswers("plain words") : QuietAnswers();

        var card = Create(answers, Case(status, "Dee Ess", "a note"));

        AdaptiveCardSchema.AssertValid(card);
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
        Assert.All(All(card).OfType<JsonObject>().Where(o => Type(o) == "TextBlock"), b => Assert.True(b["wrap"]!.GetValue<bool>()));
        Assert.DoesNotContain(All(card).OfType<JsonObject>(), o => Type(o) is "ColumnSet" or "Action.Submit" or "Action.OpenUrl");
    }

    [Fact]
    public void With_an_adult_involved_the_first_thing_after_the_heading_is_a_red_block_naming_that_point()
    {
        var answers = QuietAnswers();
        answers["adult_involved"] = "yes";

        var body = Create(answers, Case(CaseStatus.Delivered))["body"]!.AsArray();

        Assert.Equal(Text("dsl.title", ("reference", "SG-2026-0042")), body[0]!["text"]!.GetValue<string>());
        Assert.Equal("Attention", body[0]!["color"]!.GetValue<string>());
        var urgency = body[1]!.AsObject();
        Assert.Equal(("Container", "attention"), (Type(urgency), urgency["style"]!.GetValue<string>()));
        var texts = Texts(urgency);
        Assert.Equal(Text("dsl.fivePoints"), texts[0]);
        Assert.Contains(Indicator("adult_involved").Title, texts);
        Assert.DoesNotContain(Indicator("sexual_acts_under_13").Title, texts);
    }

    [Fact]
    public void Not_sure_to_immediate_danger_is_in_the_red_block_worded_as_possible()
    {
        var answers = QuietAnswers();
        answers["immediate_danger"] = "unsure";

        var body = Create(answers, Case(CaseStatus.Delivered))["body"]!.AsArray();

        Assert.Equal("attention", body[1]!["style"]!.GetValue<string>());
        var urgency = Texts(body[1]!);
        Assert.Contains(Text("dsl.possible", ("item", Indicator("immediate_risk").Title)), urgency);
        Assert.Contains(urgency, t => t.Contains("not sure", StringComparison.Ordinal));
    }

    [Fact]
    public void A_report_stored_before_possible_flags_still_loads_and_shows_its_flags_as_certain()
    {
        var answers = QuietAnswers();
        answers["adult_involved"] = "yes";
        var stored = JsonSerializer.SerializeToNode(Report(answers), StaffGuideBot.BotFramework.Schema.BotJson.Options)!.AsObject();
        stored.Remove("possibleFlags");

        var report = stored.Deserialize<Report>(StaffGuideBot.BotFramework.Schema.BotJson.Options)!;
        var card = SummaryCard.Create(England, report, Case(CaseStatus.Delivered), Now);

        AdaptiveCardSchema.AssertValid(card);
        var urgency = Texts(card["body"]![1]!);
        Assert.Contains(Indicator("adult_involved").Title, urgency);
    }

    [Fact]
    public void Answers_that_conflict_are_noted_on_the_card()
    {
        var answers = QuietAnswers();
        answers["children"] = new JsonArray(new JsonObject { ["name"] = "CD", ["age"] = 15 }, new JsonObject { ["name"] = "EF", ["age"] = 18 });

        var body = Create(answers, Case(CaseStatus.Delivered))["body"]!.AsArray();

        var check = England.Checks.Single(c => c.Id == "adult_age");
        Assert.Contains(body.OfType<JsonObject>(), o => Type(o) == "Container" && o["style"]?.GetValue<string>() == "accent" && Texts(o).Contains(England.Fill(check.Note)));
        Assert.Contains(Indicator("adult_involved").Title, Texts(body[1]!));
    }

    public static TheoryData<string> ReviewAndCardCases() =>
    [
        """{"immediate_danger":"unsure"}""",
        """{"adult_involved":"unsure","spread":"online","parents_worry":"yes"}""",
        """{"spread":"widely","age_gap":"yes"}""",
        """{"children":[{"name":"CD","age":15,"role":["shown"]},{"name":"EF","age":18,"role":["shared"]}]}""",
        """{"sexual_acts":"unsure","children":[{"name":"CD","year_group":"y7","vulnerabilities":["send"]}],"violence_or_unusual":"yes"}""",
    ];

    [Theory]
    [MemberData(nameof(ReviewAndCardCases))]
    public void The_review_and_the_dsl_card_put_the_same_flags_in_the_same_blocks(string change)
    {
        var answers = QuietAnswers();
        foreach (var (key, value) in JsonNode.Parse(change)!.AsObject())
        {
            answers[key] = value?.DeepClone();
        }

        var storage = new StaffGuideBot.BotFramework.State.MemoryStorage();
        var review = new ReviewDialog(England, England.Steps.Single(s => s.Type == StepType.Review), new StaffGuideBot.BotFramework.State.ConversationState(storage).CreateProperty<ReportDraft>("d"),
            new PackRules(England), new ReportSubmitter(new StorageReportStore(storage), new RecordedDslEscalation(storage, TimeProvider.System), TimeProvider.System));
        var reviewCard = review.Card(new ReportDraft { Answers = (JsonObject)answers.DeepClone() });
        var dslCard = Create(answers, Case(CaseStatus.Delivered));

        var reviewUrgent = FlagsIn(Block(reviewCard, "attention"));
        var reviewAlso = FlagsIn(Block(reviewCard, "warning"));
        Assert.Equal(reviewUrgent, FlagsIn(Block(dslCard, "attention")));
        Assert.Equal(reviewAlso, FlagsIn(Block(dslCard, "warning")));
        Assert.All(reviewUrgent, id => Assert.Equal(IndicatorKind.FivePoint, Indicator(id).Kind));
        Assert.All(reviewAlso, id => Assert.Equal(IndicatorKind.Aggravating, Indicator(id).Kind));
        Assert.NotEmpty(reviewUrgent.Concat(reviewAlso));
    }

    [Fact]
    public void A_year_7_child_and_sexual_acts_name_the_under_13_point_first_and_aggravating_factors_follow_in_yellow()
    {
        var answers = QuietAnswers();
        answers["children"] = new JsonArray(new JsonObject { ["name"] = "AB", ["year_group"] = "y7", ["role"] = new JsonArray("shown") });
        answers["sexual_acts"] = "yes";
        answers["spread"] = "online";

        var body = Create(answers, Case(CaseStatus.Delivered))["body"]!.AsArray();

        var urgency = Texts(body[1]!);
        Assert.Equal("attention", body[1]!["style"]!.GetValue<string>());
        Assert.Contains(Indicator("sexual_acts_under_13").Title, urgency);
        Assert.DoesNotContain(Indicator("adult_involved").Title, urgency);
        Assert.Equal("warning", body[2]!["style"]!.GetValue<string>());
        Assert.Equal([Text("dsl.aggravating"), Indicator("shared_widely").Title], Texts(body[2]!).Take(2));
    }

    [Fact]
    public void Immediate_danger_answered_yes_is_urgent_and_says_why()
    {
        var answers = QuietAnswers();
        answers["immediate_danger"] = "yes";

        var body = Create(answers, Case(CaseStatus.Delivered))["body"]!.AsArray();

        Assert.Equal("attention", body[1]!["style"]!.GetValue<string>());
        Assert.Contains(Indicator("immediate_risk").Title, Texts(body[1]!));
    }

    [Fact]
    public void A_case_marked_urgent_without_any_of_the_five_points_still_leads_with_a_red_block()
    {
        var reportCase = Case(CaseStatus.Delivered);
        reportCase.Urgent = true;

        var body = Create(QuietAnswers(), reportCase)["body"]!.AsArray();

        Assert.Equal("attention", body[1]!["style"]!.GetValue<string>());
        Assert.Equal([Text("dsl.fivePoints"), Text("dsl.urgentNoPoints")], Texts(body[1]!));
    }

    [Fact]
    public void A_flag_recorded_when_sent_shows_even_if_todays_rules_would_not_raise_it()
    {
        var report = Report(QuietAnswers());
        var sent = new Report
        {
            Reference = report.Reference,
            SubmittedAt = report.SubmittedAt,
            StartedAt = report.StartedAt,
            ContentPack = report.ContentPack,
            ContentVersion = "old12345",
            Reporter = report.Reporter,
            Answers = report.Answers,
            Flags = ["adult_involved", "retired_flag"],
        };

        var body = SummaryCard.Create(England, sent, Case(CaseStatus.Delivered), Now)["body"]!.AsArray();

        var urgency = Texts(body[1]!);
        Assert.Contains(Indicator("adult_involved").Title, urgency);
        Assert.Contains("retired_flag", urgency);
    }

    [Fact]
    public void With_nothing_flagged_one_plain_line_says_so()
    {
        var body = Create(QuietAnswers(), Case(CaseStatus.Delivered))["body"]!.AsArray();

        Assert.Equal(("TextBlock", Text("dsl.noFlags")), (Type(body[1]!), body[1]!["text"]!.GetValue<string>()));
        Assert.DoesNotContain(body, n => n?["style"]?.GetValue<string>() is "attention" or "warning");
        Assert.Equal("Warning", body[3]!["inlines"]![0]!["color"]!.GetValue<string>()); // after the key facts
    }

    [Fact]
    public void The_status_is_one_line_that_follows_the_case()
    {
        string Status(ReportCase reportCase) => Create(QuietAnswers(), reportCase)["body"]!.AsArray()
            .Single(n => n?["separator"] is not null && Type(n) == "RichTextBlock")!["inlines"]!.AsArray().Single()!["text"]!.GetValue<string>();

        Assert.Equal(Text("dsl.status.awaiting"), Status(Case(CaseStatus.Delivered)));
        Assert.Equal(Text("dsl.status.acknowledged", ("name", "Dee Ess"), ("time", "today at 10:05")), Status(Case(CaseStatus.Acknowledged, "Dee Ess")));
        Assert.Equal(
            Text("dsl.status.decision", ("decision", "Manage in school"), ("name", "Dee Ess"), ("time", "today at 10:20")),
            Status(Case(CaseStatus.DecisionRecorded, "Dee Ess")));
        Assert.Equal(Text("dsl.status.closed", ("name", "Dee Ess"), ("time", "today at 10:40")), Status(Case(CaseStatus.Closed, "Dee Ess")));
        Assert.Equal(
            Text("dsl.status.acknowledged", ("name", Text("dsl.unknownName")), ("time", Text("dsl.unknownTime"))),
            Status(new ReportCase { Reference = "SG-2026-0042", Status = CaseStatus.Acknowledged }));
    }

    [Fact]
    public void The_details_and_facts_follow_the_flow_skipping_hidden_steps_and_unanswered_questions()
    {
        var answers = FullAnswers("plain words");
        answers["already_seen"] = "no";
        answers["seen_when_how"] = "left over from an edit";

        var card = Create(answers, Case(CaseStatus.Delivered));
        var texts = Texts(card);

        Assert.Contains(Text("dsl.reporter") + " Rita Porter", RichLines(card));
        Assert.Contains(Text("dsl.sent") + " today at 09:58", RichLines(card));
        Assert.Contains(Text("dsl.version") + " abc12345", RichLines(card));
        Assert.DoesNotContain("left over from an edit", texts);
        Assert.DoesNotContain(England.Steps.Single(s => s.Id == "seen_details").Title!, texts);
        Assert.DoesNotContain(England.Steps.Single(s => s.Id == "sharing").Fields.Single(f => f.Id == "without_consent").Label, texts);

        var expectedOrder = England.Steps.Where(s => s.Id is "danger_check" or "account" or "children" or "adult" or "sharing").Select(s => s.Title!).ToList();
        var positions = expectedOrder.Select(t => texts.IndexOf(t)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);

        // The children's short answers are in the key facts, one line each; their section has only the rest, child by child.
        Assert.DoesNotContain("Child 1", texts);
        var child2 = texts.IndexOf("Child 2");
        var notes = England.Steps.Single(s => s.Id == "children").Fields.Single(f => f.Id == "child_notes").Label;
        Assert.Equal([notes, "plain words notes"], texts.Skip(child2 + 1).Take(2));
        Assert.DoesNotContain("Year 9", texts.Skip(texts.IndexOf(England.Steps.Single(s => s.Id == "children").Title!)));
        var said = All(card).OfType<JsonObject>().Last(o => Type(o) == "TextRun" && o["text"]!.GetValue<string>() == "plain words said"); // the first is in the key facts
        Assert.True(said["italic"]!.GetValue<bool>());
        Assert.Contains(AnswerText.Describe(England, England.Steps.Single(s => s.Id == "account").Fields.Single(f => f.Id == "found_out_date"), "2026-03-10"), texts);
    }

    [Fact]
    public void User_text_that_looks_like_markup_or_card_json_cannot_change_the_card()
    {
        // With the decision form open, which starts from the decision's note (the forged words).
        var plain = Create(FullAnswers("plain words"), Case(CaseStatus.DecisionRecorded, "Dee Ess", "a note"), "Rita Porter", SummaryCard.Forms.Decision);
        var forged = Create(FullAnswers(Forged), Case(CaseStatus.DecisionRecorded, Forged, Forged), Forged, SummaryCard.Forms.Decision);

        AdaptiveCardSchema.AssertValid(forged);
        Assert.Equal(Blank(plain).ToJsonString(), Blank(forged).ToJsonString());
        Assert.Contains(All(forged).OfType<JsonObject>(), o => Type(o) == "TextRun" && o["text"]!.GetValue<string>().Contains(Forged, StringComparison.Ordinal));

        // Anything that carries the forged words is the text of a TextRun, or what a form's text box starts with; never
        // Markdown, a title, url, id or data.
        foreach (var (owner, key, value) in Strings(forged))
        {
            if (value.Contains("evil", StringComparison.Ordinal) || value.Contains("<at>", StringComparison.Ordinal))
            {
                Assert.Contains((Type(owner) ?? string.Empty, key), new[] { ("TextRun", "text"), ("Input.Text", "value") });
            }
        }

        Assert.DoesNotContain(All(forged).OfType<JsonObject>(), o => Type(o) == "Action.OpenUrl" || o.ContainsKey("url"));
        Assert.All(All(forged).OfType<JsonObject>().Where(o => o.ContainsKey("data")), o => Assert.Equal("""{"reference":"SG-2026-0042"}""", o["data"]!.ToJsonString()));
    }

    [Theory]
    [InlineData(CaseStatus.AwaitingDelivery, new[] { "acknowledge", "decision", "parents", "note", "record", "recorded" })]
    [InlineData(CaseStatus.Delivered, new[] { "acknowledge", "decision", "parents", "note", "record", "recorded" })]
    [InlineData(CaseStatus.Acknowledged, new[] { "decision", "parents", "note", "record", "recorded" })]
    [InlineData(CaseStatus.DecisionRecorded, new[] { "decision", "parents", "note", "close", "record", "recorded" })]
    [InlineData(CaseStatus.Closed, new[] { "record", "recorded" })]
    public void The_buttons_follow_the_status(CaseStatus status, string[] verbs)
    {
        var card = Create(QuietAnswers(), Case(status, "Dee Ess"));

        var actions = card["actions"]?.AsArray() ?? [];
        Assert.Equal(verbs, actions.Select(a => Verb(a!)));
        Assert.All(actions, a => Assert.False(string.IsNullOrEmpty(a!["title"]!.GetValue<string>())));
        if (status == CaseStatus.DecisionRecorded)
        {
            Assert.Equal(Text("dsl.action.changeDecision"), actions[0]!["title"]!.GetValue<string>());
        }

        // At most six, as Teams shows; once the case is in the school's system, that button goes.
        Assert.InRange(actions.Count, 0, 6);
        var stamped = Case(status, "Dee Ess");
        stamped.RecordedInSchoolSystem = new SchoolRecord { By = new Person { Name = "Dee Ess" }, At = Now.AddMinutes(-1), Where = "CPOMS" };
        var recorded = Create(QuietAnswers(), stamped);
        Assert.Equal(verbs.Where(v => v != "recorded"), recorded["actions"]!.AsArray().Select(a => Verb(a!)));
        Assert.Contains(Text("dsl.recorded.lineWhere", ("item", "CPOMS"), ("name", "Dee Ess"), ("time", "today at 10:59")), RichLines(recorded));

        // The refresh keeps every viewer's copy current, whatever the status.
        var refresh = card["refresh"]!.AsObject();
        Assert.Equal(("Action.Execute", "refresh", """{"reference":"SG-2026-0042"}"""), (Type(refresh["action"]!), refresh["action"]!["verb"]!.GetValue<string>(), refresh["action"]!["data"]!.ToJsonString()));
        Assert.DoesNotContain("userIds", refresh);
    }

    [Fact]
    public void The_decision_form_opens_on_the_card_with_the_packs_outcomes_reasons_and_classifications_and_save_sends_them_with_the_reference()
    {
        var plain = Create(QuietAnswers(), Case(CaseStatus.Acknowledged, "Dee Ess"));
        var open = plain["actions"]!.AsArray().Single(a => Verb(a!) == "decision")!;
        Assert.Equal((Text("dsl.action.decision"), "Action.Execute", """{"reference":"SG-2026-0042","form":"decision"}"""), (open["title"]!.GetValue<string>(), Type(open), open["data"]!.ToJsonString()));
        Assert.DoesNotContain(All(plain).OfType<JsonObject>(), o => Type(o)?.StartsWith("Input.", StringComparison.Ordinal) == true);

        var card = Create(QuietAnswers(), Case(CaseStatus.Acknowledged, "Dee Ess"), form: SummaryCard.Forms.Decision);

        AdaptiveCardSchema.AssertValid(card);
        var form = All(card["body"]!.AsArray().Last()!).OfType<JsonObject>().Where(o => Type(o)?.StartsWith("Input.", StringComparison.Ordinal) == true).ToList();
        var outcomes = form.First(i => Type(i) == "Input.ChoiceSet");
        Assert.Equal(SummaryCard.DecisionOutcomesInput, outcomes["id"]!.GetValue<string>());
        Assert.True(outcomes["isRequired"]!.GetValue<bool>());
        Assert.True(outcomes["isMultiSelect"]!.GetValue<bool>());
        var choices = outcomes["choices"]!.AsArray().Select(c => (c!["title"]!.GetValue<string>(), c["value"]!.GetValue<string>())).ToList();

        // No adult works with children in these answers: the LADO is not offered.
        Assert.Equal(England.Outcomes.Where(o => o.Id != "lado").Select(o => (England.Fill(o.Title), o.Id)), choices);
        Assert.Equal(
            [SummaryCard.AskInput("manage_in_school"), SummaryCard.AskInput("advice_sought"), SummaryCard.DecisionReasonsInput, SummaryCard.DecisionReferenceInput, SummaryCard.DecisionNoteInput],
            form.Where(i => Type(i) == "Input.Text").Select(i => i["id"]!.GetValue<string>()));
        Assert.True(form.Single(i => i["id"]!.GetValue<string>() == SummaryCard.DecisionReasonsInput)["isRequired"]!.GetValue<bool>());
        Assert.Equal(
            England.Classifications.Select(c => SummaryCard.ClassificationInput(c.Id)),
            form.Where(i => Type(i) == "Input.ChoiceSet").Skip(1).Select(i => i["id"]!.GetValue<string>()));

        // Its only buttons: save it, or cancel (the card as it is).
        Assert.Equal(
            [(Text("dsl.action.saveDecision"), "decision"), (Text("dsl.action.cancel"), "refresh")],
            card["actions"]!.AsArray().Select(a => (a!["title"]!.GetValue<string>(), a["verb"]!.GetValue<string>())));
        Assert.All(card["actions"]!.AsArray(), a => Assert.Equal("""{"reference":"SG-2026-0042"}""", a!["data"]!.ToJsonString()));

        Assert.Equal([SummaryCard.NoteInput], FormValues(Create(QuietAnswers(), Case(CaseStatus.Acknowledged, "Dee Ess"), form: SummaryCard.Forms.Note)).Keys);
        Assert.Equal([SummaryCard.ParentsChoiceInput, SummaryCard.ParentsReasonsInput], FormValues(Create(QuietAnswers(), Case(CaseStatus.Acknowledged, "Dee Ess"), form: SummaryCard.Forms.Parents)).Keys);

        // A closed case has no forms, and an unknown form is no form.
        Assert.Equal(Create(QuietAnswers(), Case(CaseStatus.Closed, "Dee Ess")).ToJsonString(), Create(QuietAnswers(), Case(CaseStatus.Closed, "Dee Ess"), form: SummaryCard.Forms.Decision).ToJsonString());
        Assert.Equal(plain.ToJsonString(), Create(QuietAnswers(), Case(CaseStatus.Acknowledged, "Dee Ess"), form: "everything").ToJsonString());
    }

    [Fact]
    public void A_recorded_decision_shows_its_outcomes_reasons_and_the_answer_its_outcome_asked_for()
    {
        var lines = RichLines(Create(QuietAnswers(), Case(CaseStatus.DecisionRecorded, "Dee Ess", "a note")));

        Assert.Contains(Text("dsl.decision") + " Manage in school", lines);
        Assert.Contains(Text("dsl.decision.reasons") + " Low risk, both Year 10", lines);
        Assert.Contains("Manage in school: the headteacher who agreed Mrs Head", lines);
        Assert.Contains(Text("dsl.decision.by", ("name", "Dee Ess"), ("time", "today at 10:20")), lines);
    }

    [Fact]
    public void The_card_shows_the_current_decision_the_history_every_decision_with_why_and_the_forms_start_from_what_is_recorded_now()
    {
        var reportCase = Case(CaseStatus.DecisionRecorded, "Dee Ess");
        var patel = new Person { Name = "Mr Patel" };
        var decision = new Decision
        {
            Outcomes = [new RecordedChoice { Id = "police", Title = "Refer to the police" }, new RecordedChoice { Id = "social_care", Title = "Refer to children's social care (MASH)" }],
            Reasons = "The child named an adult",
            Classifications = [new RecordedChoice { Id = "hackett", Title = "Hackett continuum", Detail = "Abusive" }],
            ExternalReference = "CRIS 4411",
            By = patel,
            At = Now.AddMinutes(-10),
        };
        reportCase.Decisions.Add(decision);
        reportCase.Record(CaseEventKind.Decision, decision.At, patel, SummaryCard.Outcomes(decision));
        reportCase.ParentsDecisions.Add(new ParentsDecision { Choice = new RecordedChoice { Id = "not_told", Title = "Parents or carers are not to be told" }, Reasons = "Could put her at risk", By = patel, At = Now.AddMinutes(-5) });
        reportCase.Record(CaseEventKind.ParentsDecision, Now.AddMinutes(-5), patel, "Parents or carers are not to be told");

        var card = Create(QuietAnswers(), reportCase);

        AdaptiveCardSchema.AssertValid(card);
        var current = card["body"]!.AsArray().OfType<JsonObject>().Where(o => o["style"]?.GetValue<string>() == "good").Select(RichLines).ToList();
        Assert.Equal(
            [
                [Text("dsl.decision") + " Refer to the police; Refer to children's social care (MASH)", Text("dsl.decision.reasons") + " The child named an adult", "Hackett continuum Abusive", Text("dsl.decision.reference") + " CRIS 4411", Text("dsl.decision.by", ("name", "Mr Patel"), ("time", "today at 10:50"))],
                [Text("dsl.parents") + " Parents or carers are not to be told", Text("dsl.parents.reasons") + " Could put her at risk", Text("dsl.decision.by", ("name", "Mr Patel"), ("time", "today at 10:55"))],
            ],
            current);

        // The history: both decisions with who, when and why, in the words they were recorded in; the parents decision too.
        var history = RichLines(new JsonArray([.. card["body"]!.AsArray().SkipWhile(n => Type(n!) != "TextBlock" || n!["text"]!.GetValue<string>() != Text("dsl.history")).Select(n => n!.DeepClone())]));
        Assert.Equal(
            [
                Text("dsl.history.decision", ("name", "Dee Ess"), ("time", "today at 10:20")), "Manage in school", Text("dsl.decision.reasons") + " Low risk, both Year 10",
                Text("dsl.history.decision", ("name", "Mr Patel"), ("time", "today at 10:50")), "Refer to the police; Refer to children's social care (MASH)", Text("dsl.decision.reasons") + " The child named an adult",
                Text("dsl.history.parents", ("name", "Mr Patel"), ("time", "today at 10:55")), "Parents or carers are not to be told", Text("dsl.parents.reasons") + " Could put her at risk",
            ],
            history.Where(l => l != "a note" && !l.StartsWith(Text("dsl.history.note", ("name", "Dee Ess"), ("time", "today at 10:30")), StringComparison.Ordinal)).SkipWhile(l => !l.StartsWith("Decision", StringComparison.Ordinal)).ToList());

        var form = FormValues(Create(QuietAnswers(), reportCase, form: SummaryCard.Forms.Decision));
        Assert.Equal(("police,social_care", "The child named an adult", "CRIS 4411", "Abusive"), (form[SummaryCard.DecisionOutcomesInput], form[SummaryCard.DecisionReasonsInput], form[SummaryCard.DecisionReferenceInput], form[SummaryCard.ClassificationInput("hackett")]));
        var parents = FormValues(Create(QuietAnswers(), reportCase, form: SummaryCard.Forms.Parents));
        Assert.Equal(("not_told", "Could put her at risk"), (parents[SummaryCard.ParentsChoiceInput], parents[SummaryCard.ParentsReasonsInput]));
    }

    [Fact]
    public void With_three_children_and_ten_history_entries_the_card_is_valid_and_fits_in_a_teams_message()
    {
        var answers = FullAnswers(new string('w', 300));
        answers["children"] = new JsonArray([.. Enumerable.Range(1, 3).Select(i => (JsonNode)new JsonObject
        {
            ["name"] = $"Firstname Lastname {i}",
            ["age"] = 15,
            ["year_group"] = "y10",
            ["role"] = new JsonArray("shown", "shared", "received"),
            ["vulnerabilities"] = new JsonArray("send", "looked_after"),
            ["child_notes"] = new string('n', 1000),
        })]);
        var dee = new Person { Name = "Dee Ess", AadObjectId = "aad-dee" };
        var reportCase = new ReportCase { Reference = "SG-2026-0042", Status = CaseStatus.DecisionRecorded, Urgent = true, Owner = dee };
        reportCase.Record(CaseEventKind.Created, Now.AddHours(-5));
        reportCase.Record(CaseEventKind.Delivered, Now.AddHours(-5));
        reportCase.Record(CaseEventKind.Acknowledged, Now.AddHours(-4), dee);
        foreach (var i in Enumerable.Range(1, 3))
        {
            var decision = new Decision
            {
                Outcomes = [.. England.Outcomes.Select(o => new RecordedChoice { Id = o.Id, Title = England.Fill(o.Title), DetailLabel = o.Asks is null ? null : England.Fill(o.Asks), Detail = o.Asks is null ? null : new string('d', 200) })],
                Reasons = new string('r', 1500),
                Classifications = [.. England.Classifications.Select(c => new RecordedChoice { Id = c.Id, Title = England.Fill(c.Title), Detail = England.Fill(c.Choices[0]) })],
                ExternalReference = "CRIS 4411/26",
                Note = new string('n', 500),
                By = dee,
                At = Now.AddHours(-4 + i),
            };
            reportCase.Decisions.Add(decision);
            reportCase.Record(CaseEventKind.Decision, decision.At, dee, SummaryCard.Outcomes(decision));
        }

        foreach (var i in Enumerable.Range(1, 2))
        {
            reportCase.ParentsDecisions.Add(new ParentsDecision { Choice = new RecordedChoice { Id = "will_tell", Title = "Parents or carers will be told" }, Reasons = new string('p', 1000), By = dee, At = Now.AddMinutes(-30 + i) });
            reportCase.Record(CaseEventKind.ParentsDecision, Now.AddMinutes(-30 + i), dee, "Parents or carers will be told");
        }

        reportCase.Record(CaseEventKind.Note, Now.AddMinutes(-5), dee, new string('n', 1000));
        reportCase.Record(CaseEventKind.Note, Now.AddMinutes(-4), dee, new string('n', 1000));
        Assert.Equal(10, reportCase.History.Count);

        var card = Create(answers, reportCase, form: SummaryCard.Forms.Decision);

        AdaptiveCardSchema.AssertValid(card);
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(card.ToJsonString()), 0, StaffGuideBot.Content.CardCheck.MaxCardBytes);

        // To fit, the form starts empty and long typed texts are cut short, which the card says; what is recorded is whole.
        Assert.Equal(Text("dsl.cutShort"), card["body"]![1]!["text"]!.GetValue<string>());
        Assert.Contains(SummaryCard.DecisionReasonsInput, FormValues(card).Keys);
        Assert.All(FormValues(card).Values, Assert.Null);
        Assert.DoesNotContain(new string('r', 1500), card.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(RichLines(card), l => l.StartsWith(Text("dsl.decision.reasons") + " rrrr", StringComparison.Ordinal) && l.EndsWith('…'));
        Assert.Equal(1500, reportCase.Decision!.Reasons.Length);
    }

    [Fact]
    public void A_card_that_fits_is_never_cut()
    {
        var card = Create(FullAnswers("plain words"), Case(CaseStatus.DecisionRecorded, "Dee Ess", new string('n', 2000)));

        Assert.DoesNotContain(Text("dsl.cutShort"), Texts(card));
        Assert.Contains(RichLines(card), l => l == new string('n', 2000));
        Assert.Equal("Low risk, both Year 10", FormValues(Create(FullAnswers("plain words"), Case(CaseStatus.DecisionRecorded, "Dee Ess", new string('n', 2000)), form: SummaryCard.Forms.Decision))[SummaryCard.DecisionReasonsInput]);
    }

    [Fact]
    public void History_runs_oldest_to_newest_with_older_events_behind_a_button()
    {
        var reportCase = Case(CaseStatus.Acknowledged, "Dee Ess");
        for (var i = 1; i <= 6; i++)
        {
            reportCase.Record(CaseEventKind.Note, Now.AddMinutes(-30 + i), new Person { Name = "Dee Ess" }, $"note {i}");
        }

        var card = Create(QuietAnswers(), reportCase);
        var body = card["body"]!.AsArray();

        var history = body.ToList().FindIndex(n => n?["text"]?.GetValue<string>() == Text("dsl.history"));
        Assert.InRange(history, 1, int.MaxValue);
        var earlier = body[history + 1]!["actions"]![0]!;
        Assert.Equal(("Action.ShowCard", Text("dsl.history.earlier", ("number", "4"))), (Type(earlier), earlier["title"]!.GetValue<string>()));
        Assert.Equal(4, earlier["card"]!["body"]!.AsArray().Count);
        var shown = body.Skip(history + 2).Select(n => Texts(n!)).ToList();
        Assert.Equal(SummaryCard.HistoryShown, shown.Count);
        Assert.Equal([Text("dsl.history.note", ("name", "Dee Ess"), ("time", "today at 10:36")), "note 6"], shown[^1]);
        Assert.Equal(Text("dsl.history.created", ("time", "today at 09:58")), Texts(earlier["card"]!)[0]);
    }

    [Fact]
    public void Refresh_user_ids_are_listed_when_given()
    {
        var card = SummaryCard.Create(England, Report(QuietAnswers()), Case(CaseStatus.Delivered), Now, ["29:one", "29:two"]);

        Assert.Equal("""["29:one","29:two"]""", card["refresh"]!["userIds"]!.ToJsonString());
        AdaptiveCardSchema.AssertValid(card);
    }

    [Fact]
    public void Key_facts_follow_the_flags_in_the_packs_order_one_line_each()
    {
        var answers = FullAnswers("plain words");
        answers["children"]!.AsArray()[1]!["age"] = 14;

        var card = Create(answers, Case(CaseStatus.Delivered));

        var body = card["body"]!.AsArray();
        var facts = KeyFactsBlock(card)!;
        Assert.Equal("emphasis", facts["style"]!.GetValue<string>());
        Assert.Equal(Text("dsl.keyFacts"), Texts(facts)[0]);
        Assert.Equal(
            [
                "Child 1 AB, 12, Year 7, Shown in an image or video, Told someone, Distressed",
                "Child 2 plain words name, 14, Year 9, Shared it, SEND",
                "Child's words plain words said",
                "Adult involved Yes",
                "About the adult plain words adult",
                "Spread A few people",
                "Device now plain words device",
                "Done so far plain words actions",
            ],
            RichLines(facts));

        // Under the flags and the notes of conflicting answers, above the status.
        var at = body.IndexOf(facts);
        Assert.Equal(["attention", "warning"], body.Take(at).OfType<JsonObject>().Where(o => Type(o) == "Container").Select(o => o["style"]!.GetValue<string>()));
        Assert.Equal(Text("dsl.status.awaiting"), Line(body[at + 1]!.AsObject()));
        var said = All(facts).OfType<JsonObject>().Single(o => Type(o) == "TextRun" && o["text"]!.GetValue<string>() == "plain words said");
        Assert.True(said["italic"]!.GetValue<bool>());
    }

    [Fact]
    public void Unanswered_key_facts_and_those_of_steps_not_shown_are_left_out()
    {
        var answers = QuietAnswers();
        answers["device_location"] = "  ";

        var facts = KeyFactsBlock(Create(answers, Case(CaseStatus.Delivered)))!;

        Assert.Equal(["Child 1 CD, 15", "Child's words words", "Adult involved No"], RichLines(facts));
    }

    [Fact]
    public void A_long_answer_is_cut_short_in_the_key_facts_and_whole_further_down()
    {
        var words = string.Concat(Enumerable.Repeat("He said he would post it.\nThen he laughed. ", 12));
        var answers = QuietAnswers();
        answers["what_was_said"] = words;

        var card = Create(answers, Case(CaseStatus.Delivered));

        var line = RichLines(KeyFactsBlock(card)!).Single(l => l.StartsWith("Child's words ", StringComparison.Ordinal))["Child's words ".Length..];
        Assert.Equal(SummaryCard.KeyFactLength + 1, line.Length);
        Assert.EndsWith("…", line, StringComparison.Ordinal);
        Assert.StartsWith("He said he would post it. Then he laughed. He said", line, StringComparison.Ordinal);
        Assert.Contains(All(card).OfType<JsonObject>(), o => Type(o) == "TextRun" && o["text"]!.GetValue<string>() == words);
    }

    [Fact]
    public void Routes_show_when_their_condition_holds_and_those_without_one_always()
    {
        var quiet = RoutesIn(Create(QuietAnswers(), Case(CaseStatus.Delivered)));
        Assert.Equal(["Getting an image removed", "Professionals Online Safety Helpline"], quiet);

        var unsure = QuietAnswers();
        unsure["adult_involved"] = "unsure";
        Assert.Equal(["NCA-CEOP", "Getting an image removed", "Professionals Online Safety Helpline"], RoutesIn(Create(unsure, Case(CaseStatus.Delivered))));

        var blackmail = QuietAnswers();
        blackmail["pressure"] = new JsonArray("blackmail");
        Assert.Equal(["Sextortion (blackmail over images)", "Getting an image removed", "Professionals Online Safety Helpline"], RoutesIn(Create(blackmail, Case(CaseStatus.Delivered))));

        var grooming = QuietAnswers();
        grooming["pressure"] = new JsonArray("grooming");
        Assert.Contains("NCA-CEOP", RoutesIn(Create(grooming, Case(CaseStatus.Delivered))));
    }

    [Fact]
    public void A_route_says_why_it_applies_what_the_dsl_can_do_and_its_contacts_with_phone_and_url()
    {
        var card = Create(QuietAnswers(), Case(CaseStatus.Delivered));

        var routes = RoutesBlock(card)!;
        var posh = England.Routes.Single(r => r.Id == "posh");
        var texts = Texts(routes);
        var title = texts.IndexOf(posh.Title);
        Assert.Equal(Text("dsl.routes.because", ("item", England.Fill(posh.Because))), texts[title + 1]);
        Assert.Equal(England.Fill(posh.Text), texts[title + 2]);
        var contact = England.Contacts.Find("posh")!;
        Assert.Contains(All(routes).OfType<JsonObject>(), f => f["title"]?.GetValue<string>() == contact.Role && f["value"]!.GetValue<string>() == $"{PackText.PhoneLink(contact.Phone!)} {PackText.UrlLink(contact.Url!)}");

        // After the status, before the reference and the answers.
        var body = card["body"]!.AsArray();
        Assert.InRange(body.IndexOf(routes), body.IndexOf(KeyFactsBlock(card)!) + 2, body.IndexOf(body.OfType<JsonObject>().First(o => RichLines(o).Any(l => l.StartsWith(Text("dsl.reference"), StringComparison.Ordinal)))) - 1);
    }

    [Fact]
    public void The_reporter_does_not_see_the_routes_or_the_key_facts()
    {
        var storage = new StaffGuideBot.BotFramework.State.MemoryStorage();
        var review = new ReviewDialog(England, England.Steps.Single(s => s.Type == StepType.Review), new StaffGuideBot.BotFramework.State.ConversationState(storage).CreateProperty<ReportDraft>("d"),
            new PackRules(England), new ReportSubmitter(new StorageReportStore(storage), new RecordedDslEscalation(storage, TimeProvider.System), TimeProvider.System));

        var texts = Texts(review.Card(new ReportDraft { Answers = FullAnswers("plain words") }));

        Assert.DoesNotContain(Text("dsl.routes"), texts);
        Assert.DoesNotContain(Text("dsl.keyFacts"), texts);
        Assert.All(England.Routes, r => Assert.DoesNotContain(England.Fill(r.Title), texts));
    }

    [Fact]
    public void With_fifteen_children_the_card_is_valid_and_fits_in_a_teams_message()
    {
        // Each child is once on the card: a line of the key facts, and their notes (none here) in their section.
        var answers = FullAnswers("plain words");
        answers["what_was_said"] = Longest(England.Steps.Single(s => s.Id == "account").Fields.Single(f => f.Id == "what_was_said"));
        answers["children"] = new JsonArray([.. Enumerable.Range(1, England.Steps.Single(s => s.Id == "children").Max).Select(i => (JsonNode)new JsonObject
        {
            ["name"] = $"Firstname Lastname {i}",
            ["age"] = 15,
            ["year_group"] = "y10",
            ["role"] = new JsonArray("shown", "shared", "received"),
            ["vulnerabilities"] = new JsonArray("send", "looked_after"),
        })]);
        answers["pressure"] = new JsonArray("threats", "blackmail", "grooming", "coercion");

        var card = Create(answers, Case(CaseStatus.DecisionRecorded, "Dee Ess", "a note"));

        Assert.Equal(15, RichLines(KeyFactsBlock(card)!).Count(l => l.StartsWith("Child ", StringComparison.Ordinal)));
        Assert.Equal(4, RoutesIn(card).Count);
        AdaptiveCardSchema.AssertValid(card);
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(card.ToJsonString()), 0, StaffGuideBot.Content.CardCheck.MaxCardBytes);
    }

    private static JsonObject Create(JsonObject answers, ReportCase reportCase, string reporter = "Rita Porter", string? form = null) =>
        SummaryCard.Create(England, Report(answers, reporter), reportCase, Now, form: form);

    /// <summary>The inputs of the form at the end of <paramref name="card"/> (opened with <c>form</c>), by id, with the value each starts from.</summary>
    private static Dictionary<string, string?> FormValues(JsonObject card) =>
        All(card["body"]!.AsArray().Last()!).OfType<JsonObject>().Where(o => Type(o)?.StartsWith("Input.", StringComparison.Ordinal) == true)
            .ToDictionary(i => i["id"]!.GetValue<string>(), i => i["value"]?.GetValue<string>());

    private static Report Report(JsonObject answers, string reporter = "Rita Porter") => new()
    {
        Reference = "SG-2026-0042",
        SubmittedAt = Now.AddMinutes(-62),
        StartedAt = Now.AddMinutes(-75),
        ContentPack = "england",
        ContentVersion = "abc12345",
        Reporter = new Reporter { Name = reporter, UserId = "29:reporter", ConversationId = "a:1", ServiceUrl = "https://smba.example/uk/" },
        Answers = answers,
        Flags = IndicatorEvaluator.Raise(England, Answers.FromJson(answers)).Select(f => f.Id).ToList(),
        PossibleFlags = IndicatorEvaluator.Raise(England, Answers.FromJson(answers)).Where(f => f.Possible).Select(f => f.Id).ToList(),
    };

    /// <summary>A case at <paramref name="status"/> with the history that leads there.</summary>
    private static ReportCase Case(CaseStatus status, string dsl = "Dee Ess", string note = "a note")
    {
        var person = new Person { Name = dsl, AadObjectId = "aad-dsl" };
        var reportCase = new ReportCase { Reference = "SG-2026-0042", Status = status };
        reportCase.Record(CaseEventKind.Created, Now.AddMinutes(-62));
        if (status == CaseStatus.AwaitingDelivery)
        {
            return reportCase;
        }

        reportCase.Record(CaseEventKind.Delivered, Now.AddMinutes(-61));
        if (status == CaseStatus.Delivered)
        {
            return reportCase;
        }

        reportCase.Owner = person;
        reportCase.Record(CaseEventKind.Acknowledged, Now.AddMinutes(-55), person);
        if (status == CaseStatus.Acknowledged)
        {
            return reportCase;
        }

        var decision = new Decision
        {
            Outcomes = [new RecordedChoice { Id = "manage_in_school", Title = "Manage in school", DetailLabel = "Manage in school: the headteacher who agreed", Detail = "Mrs Head" }],
            Note = note,
            Reasons = "Low risk, both Year 10",
            By = person,
            At = Now.AddMinutes(-40),
        };
        reportCase.Decisions.Add(decision);
        reportCase.Record(CaseEventKind.Decision, Now.AddMinutes(-40), person, SummaryCard.Outcomes(decision));
        reportCase.Record(CaseEventKind.Note, Now.AddMinutes(-30), person, note);
        if (status == CaseStatus.DecisionRecorded)
        {
            return reportCase;
        }

        reportCase.Record(CaseEventKind.Closed, Now.AddMinutes(-20), person);
        return reportCase;
    }

    private static JsonObject QuietAnswers() => new()
    {
        ["immediate_danger"] = "no",
        ["device_involved"] = "no",
        ["already_seen"] = "no",
        ["came_to_attention"] = "child_told",
        ["found_out_date"] = "2026-03-10",
        ["what_was_said"] = "words",
        ["children"] = new JsonArray(new JsonObject { ["name"] = "CD", ["age"] = 15 }),
        ["adult_involved"] = "no",
    };

    /// <summary>Answers to every question, every free-text one set to <paramref name="text"/> (with a suffix).</summary>
    private static JsonObject FullAnswers(string text) => new()
    {
        ["immediate_danger"] = "unsure",
        ["device_involved"] = "yes",
        ["already_seen"] = "yes",
        ["seen_when_how"] = text + " seen",
        ["seen_copy"] = "no",
        ["came_to_attention"] = "child_told",
        ["found_out_date"] = "2026-03-10",
        ["found_out_time"] = "09:40",
        ["found_out_where"] = text + " where",
        ["what_was_said"] = text + " said",
        ["what_you_said"] = text + " asked",
        ["children"] = new JsonArray(
            new JsonObject { ["name"] = "AB", ["age"] = 12, ["year_group"] = "y7", ["role"] = new JsonArray("shown", "told"), ["wellbeing"] = new JsonArray("distressed") },
            new JsonObject { ["name"] = text + " name", ["year_group"] = "y9", ["role"] = new JsonArray("shared"), ["vulnerabilities"] = new JsonArray("send"), ["child_notes"] = text + " notes" }),
        ["adult_involved"] = "yes",
        ["adult_details"] = text + " adult",
        ["image_description"] = text + " shows",
        ["media_type"] = "photo",
        ["sexual_acts"] = "yes",
        ["violence_or_unusual"] = "no",
        ["platform"] = text + " platform",
        ["spread"] = "a_few",
        ["pressure"] = new JsonArray("threats"),
        ["device_location"] = text + " device",
        ["actions_taken"] = text + " actions",
    };

    private static JsonObject? KeyFactsBlock(JsonObject card) =>
        card["body"]!.AsArray().OfType<JsonObject>().FirstOrDefault(o => Type(o) == "Container" && Texts(o).FirstOrDefault() == Text("dsl.keyFacts"));

    private static JsonObject? RoutesBlock(JsonObject card) =>
        card["body"]!.AsArray().OfType<JsonObject>().FirstOrDefault(o => Type(o) == "Container" && Texts(o).FirstOrDefault() == Text("dsl.routes"));

    /// <summary>The titles of the routes on the card, in order.</summary>
    private static List<string> RoutesIn(JsonObject card) =>
        RoutesBlock(card) is { } block ? block["items"]!.AsArray().OfType<JsonObject>().Where(o => o["separator"] is not null).Select(o => o["text"]!.GetValue<string>()).ToList() : [];

    private static string Longest(Question question) => new('w', question.MaxLength!.Value);

    private static Indicator Indicator(string id) => England.Indicators.Single(i => i.Id == id);

    private static string Text(string key, params (string Name, string Value)[] values) =>
        England.Text(key, values.ToDictionary(v => v.Name, v => v.Value));

    private static string? Type(JsonNode node) => node is JsonObject o && o["type"] is JsonValue t ? t.GetValue<string>() : null;

    /// <summary>An action's verb; for a button that opens a form, the form's name.</summary>
    private static string? Verb(JsonNode action) => action["verb"]!.GetValue<string>() == SummaryCard.Verbs.OpenForm
        ? action["data"]![SummaryCard.FormKey]!.GetValue<string>()
        : action["verb"]!.GetValue<string>();

    private static IEnumerable<JsonNode> All(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>().SelectMany(All))
        {
            yield return child;
        }
    }

    /// <summary>The words shown, in order: TextBlock texts and whole RichTextBlock lines.</summary>
    /// <summary>The body's container of <paramref name="style"/> (the urgent block is "attention", the other flags "warning"), if any.</summary>
    private static JsonObject? Block(JsonObject card, string style) =>
        card["body"]!.AsArray().OfType<JsonObject>().FirstOrDefault(o => Type(o) == "Container" && o["style"]?.GetValue<string>() == style);

    /// <summary>The indicators whose wording (certain or possible) appears in <paramref name="block"/>.</summary>
    private static List<string> FlagsIn(JsonObject? block)
    {
        var texts = block is null ? [] : Texts(block);
        return England.Indicators
            .Where(i => texts.Any(t => t.Contains(i.Because, StringComparison.OrdinalIgnoreCase) || (i.PossibleBecause is { } possible && t.Contains(England.Fill(possible), StringComparison.OrdinalIgnoreCase))))
            .Select(i => i.Id)
            .ToList();
    }

    private static List<string> Texts(JsonNode node) => All(node).OfType<JsonObject>()
        .Where(o => Type(o) is "TextBlock" or "RichTextBlock")
        .Select(o => Type(o) == "TextBlock" ? o["text"]!.GetValue<string>() : Line(o))
        .ToList();

    private static List<string> RichLines(JsonNode node) => All(node).OfType<JsonObject>().Where(o => Type(o) == "RichTextBlock").Select(Line).ToList();

    private static string Line(JsonObject rich) => string.Concat(rich["inlines"]!.AsArray().Select(r => r!["text"]!.GetValue<string>()));

    /// <summary>The answers (lines after a label) between two positions of <see cref="Texts"/>.</summary>
    private static List<string> AnswersBetween(List<string> texts, int from, int to) =>
        texts.Skip(from + 1).Take(to - from - 1).Where((_, i) => i % 2 == 1).ToList();

    private static JsonNode Blank(JsonObject card)
    {
        var copy = card.DeepClone();
        foreach (var run in All(copy).OfType<JsonObject>().Where(o => Type(o) == "TextRun").ToList())
        {
            run["text"] = string.Empty;
        }

        foreach (var input in All(copy).OfType<JsonObject>().Where(o => Type(o) == "Input.Text" && o.ContainsKey("value")).ToList())
        {
            input["value"] = string.Empty;
        }

        return copy;
    }

    private static IEnumerable<(JsonObject Owner, string Key, string Value)> Strings(JsonNode node) =>
        All(node).OfType<JsonObject>().SelectMany(o => o
            .Where(p => p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            .Select(p => (o, p.Key, p.Value!.GetValue<string>())));
}
