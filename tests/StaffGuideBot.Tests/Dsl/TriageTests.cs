using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Connector;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.BotFramework.State;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Dsl;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Dsl;

public sealed class TriageTests
{
    private const string Channel = "19:dsl@thread.tacv2";
    private const string Dsl = "aad-dsl-khan";
    private const string Deputy = "aad-deputy";

    private static readonly ContentPack England = ContentPackLoader.Load(Path.Combine(SharedSchemas.RepositoryRoot, "dialogs", "england"));

    private readonly FaultyStorage _storage = new(new MemoryStorage());
    private readonly CaseStore _cases;
    private readonly StorageReportStore _reports;
    private readonly Mock<IReporterNotifier> _reporters = new();
    private readonly Mock<ISummaryCards> _cards = new();
    private readonly Mock<IConnectorClient> _connector = new();
    private readonly List<(string ServiceUrl, ConversationParameters Chat)> _chats = [];
    private readonly List<Activity> _sent = [];
    private readonly DslTriage _triage;
    private readonly DateTimeOffset _now = new(2026, 11, 20, 11, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock;

    public TriageTests()
    {
        _clock = new FakeTimeProvider(_now);
        _connector.Setup(c => c.CreateConversationAsync(It.IsAny<string>(), It.IsAny<ConversationParameters>(), It.IsAny<CancellationToken>()))
            .Callback((string url, ConversationParameters chat, CancellationToken _) => _chats.Add((url, chat)))
            .ReturnsAsync(new ConversationResourceResponse { Id = "a:dsl-chat" });
        _connector.Setup(c => c.SendToConversationAsync(It.IsAny<string>(), "a:dsl-chat", It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .Callback((string _, string _, Activity activity, CancellationToken _) => _sent.Add(activity))
            .ReturnsAsync(new ResourceResponse { Id = "1" });
        _cases = new CaseStore(_storage);
        _reports = new StorageReportStore(_storage);
        var options = new DslOptions { ChannelId = Channel };
        options.Roster.Add(Dsl);
        options.Roster.Add(Deputy);
        _cards.Setup(c => c.CreateAsync(It.IsAny<Report>(), It.IsAny<ReportCase>(), It.IsAny<bool>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Report r, ReportCase c, bool canAct, string? form, CancellationToken _) => new JsonObject { ["status"] = c.Status.ToString(), ["canAct"] = canAct, ["form"] = form });
        _triage = new DslTriage(ContentLibrary.Of(England), new DslAccess(Options.Create(options), new DslChannelProvider(Options.Create(options)), NullLogger<DslAccess>.Instance), _cases, _reports, _cards.Object, new ReporterUpdates(_reporters.Object, ContentLibrary.Of(England), NullLogger<ReporterUpdates>.Instance),
            _connector.Object, TestMeters.ReportMetrics(_clock), _clock, NullLogger<DslTriage>.Instance);
    }

    [Fact]
    public async Task A_dsl_on_the_roster_acknowledges_and_the_reporter_hears_who_picked_it_up()
    {
        await SeedAsync("SG-2026-0042");

        var response = await InvokeAsync("acknowledge", new { reference = "SG-2026-0042" }, Dsl, "Ms Khan");

        Assert.Equal("Acknowledged", ((JsonObject)response.Value!)["status"]!.GetValue<string>());
        var stored = (await _cases.FindAsync("SG-2026-0042"))!;
        Assert.Equal("Ms Khan", stored.Owner!.Name);
        Assert.Contains(stored.History, e => e.Kind == CaseEventKind.Acknowledged && e.By!.AadObjectId == Dsl && e.At == _now);
        _reporters.Verify(r => r.TellAsync(It.Is<Report>(x => x.Reference == "SG-2026-0042"),
            "Ms Khan (DSL) has picked up your report SG-2026-0042. Thank you for passing it on.", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_click_on_a_report_deleted_while_it_was_being_handled_says_the_report_is_unknown_and_makes_nothing_again()
    {
        await SeedAsync("SG-2026-0042");
        // The retention pass deletes the case just as the click's change is about to be written.
        _storage.BeforeWrite = (keys, inner) => keys.Contains("cases/SG-2026-0042") ? inner.DeleteAsync(["cases/SG-2026-0042", "cases/open/SG-2026-0042"]) : Task.CompletedTask;

        var response = await InvokeAsync("acknowledge", new { reference = "SG-2026-0042" }, Dsl, "Ms Khan");

        Assert.Equal(England.Text(TextKeys.DslUnknownReport), response.Value!.ToString());
        Assert.Null(await _cases.FindAsync("SG-2026-0042"));
        _reporters.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task When_the_reporter_cannot_be_told_the_dsl_still_gets_the_acknowledged_card()
    {
        // Teams refuses the notice (the reporter's chat is gone): the acknowledgement stands and the DSL's card updates.
        await SeedAsync("SG-2026-0042");
        _reporters.Setup(r => r.TellAsync(It.IsAny<Report>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConnectorException(403, "BotNotInConversationRoster", "The bot is not part of the conversation roster."));

        var response = await InvokeAsync("acknowledge", new { reference = "SG-2026-0042" }, Dsl, "Ms Khan");

        Assert.Equal("Acknowledged", ((JsonObject)response.Value!)["status"]!.GetValue<string>());
        Assert.Equal("Ms Khan", (await _cases.FindAsync("SG-2026-0042"))!.Owner!.Name);
    }

    /// <summary>Refused clicks can't flood a report's history (the card carries it, and Teams limits a card's size).</summary>
    [Fact]
    public async Task Repeated_refused_clicks_by_the_same_person_are_noted_once_per_action()
    {
        await SeedAsync("SG-2026-0042");

        for (var i = 0; i < 5; i++)
        {
            await InvokeAsync("acknowledge", new { reference = "SG-2026-0042" }, "aad-someone-else", "Mr Nosy");
            await InvokeAsync("close", new { reference = "SG-2026-0042" }, "aad-someone-else", "Mr Nosy");
        }

        await InvokeAsync("close", new { reference = "SG-2026-0042" }, "aad-another", "Ms Other");
        var denied = (await _cases.FindAsync("SG-2026-0042"))!.History.Where(e => e.Kind == CaseEventKind.Denied).ToList();
        Assert.Equal(["aad-someone-else acknowledge", "aad-someone-else close", "aad-another close"], denied.Select(e => $"{e.By!.AadObjectId} {e.Detail}"));
    }

    [Fact]
    public async Task Someone_not_on_the_roster_is_refused_politely_and_it_is_audited()
    {
        await SeedAsync("SG-2026-0042");

        var response = await InvokeAsync("acknowledge", new { reference = "SG-2026-0042" }, "aad-someone-else", "Mr Nosy");

        Assert.Equal(AdaptiveCardInvokeResponse.MessageType, response.Type);
        Assert.Contains("Only the DSL team", (string)response.Value!, StringComparison.Ordinal);
        var stored = (await _cases.FindAsync("SG-2026-0042"))!;
        Assert.Equal(CaseStatus.Delivered, stored.Status);
        Assert.Contains(stored.History, e => e.Kind == CaseEventKind.Denied && e.By!.Name == "Mr Nosy" && e.Detail == "acknowledge");
        _reporters.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Actions_from_outside_the_dsl_channel_are_refused_even_for_the_dsl()
    {
        await SeedAsync("SG-2026-0042");

        var response = await InvokeAsync("close", new { reference = "SG-2026-0042" }, Dsl, "Ms Khan", conversationId: "19:general@thread.tacv2;messageid=1");

        Assert.Equal(AdaptiveCardInvokeResponse.MessageType, response.Type);
        Assert.Equal(CaseStatus.Delivered, (await _cases.FindAsync("SG-2026-0042"))!.Status);
    }

    [Theory]
    [InlineData("police")]
    [InlineData("social_care")]
    [InlineData("early_help")]
    [InlineData("more_information")]
    public async Task Each_outcome_is_recorded_in_the_packs_words_with_its_reasons_who_and_when(string outcome)
    {
        await SeedAsync("SG-2026-0042");

        await InvokeAsync("decision", new { reference = "SG-2026-0042", decisionOutcomes = outcome, decisionReasons = "Spoke to MASH first", decisionNote = "n" }, Deputy, "Mr Patel");

        var stored = (await _cases.FindAsync("SG-2026-0042"))!;
        var decision = Assert.Single(stored.Decisions);
        var recorded = Assert.Single(decision.Outcomes);
        Assert.Equal((outcome, England.Fill(England.Outcomes.Single(o => o.Id == outcome).Title)), (recorded.Id, recorded.Title));
        Assert.Equal(("Spoke to MASH first", "n", "Mr Patel", _now), (decision.Reasons, decision.Note, decision.By!.Name, decision.At));
        Assert.Equal(CaseStatus.DecisionRecorded, stored.Status);
        var entry = Assert.Single(stored.History, e => e.Kind == CaseEventKind.Decision);
        Assert.Equal(("Mr Patel", recorded.Title), (entry.By!.Name, entry.Detail));
    }

    [Fact]
    public async Task Several_referrals_at_once_with_a_reference_and_classifications_are_one_decision_in_the_packs_order()
    {
        await SeedAsync("SG-2026-0042");

        await InvokeAsync("decision", new Dictionary<string, string>
        {
            ["reference"] = "SG-2026-0042",
            ["decisionOutcomes"] = "social_care,police",
            ["decisionReasons"] = "An adult asked for the image",
            ["decisionReference"] = " CRIS 4411 ",
            ["decisionClass.hackett"] = "Abusive",
            ["decisionClass.typology"] = "Aggravated: an adult involved",
        }, Dsl, "Ms Khan");

        var decision = (await _cases.FindAsync("SG-2026-0042"))!.Decision!;
        Assert.Equal(["police", "social_care"], decision.Outcomes.Select(o => o.Id));
        Assert.Equal("CRIS 4411", decision.ExternalReference);
        Assert.Equal([("hackett", "Hackett continuum", "Abusive"), ("typology", "Type of incident (Wolak and Finkelhor)", "Aggravated: an adult involved")], decision.Classifications.Select(c => (c.Id, c.Title, c.Detail)));
    }

    [Theory]
    [InlineData("police", null, null, "give the reasons")]
    [InlineData("police", "   ", null, "give the reasons")]
    [InlineData("manage_in_school", "Both 15; no pressure", null, "Please fill in \"Manage in school: the headteacher who agreed\" too.")]
    [InlineData("advice_sought", "Unclear", " ", "Seek advice: from whom")]
    [InlineData("", "Reasons", null, "tick at least one outcome")]
    [InlineData("police,arrest_everyone", "Reasons", null, "isn't on this form any more")]
    public async Task A_decision_without_reasons_or_the_answer_an_outcome_asks_for_is_refused_and_nothing_is_recorded(string outcomes, string? reasons, string? ask, string expected)
    {
        await SeedAsync("SG-2026-0042");

        var response = await InvokeAsync("decision", new Dictionary<string, string?>
        {
            ["reference"] = "SG-2026-0042",
            ["decisionOutcomes"] = outcomes,
            ["decisionReasons"] = reasons,
            ["decisionAsk.manage_in_school"] = ask,
            ["decisionAsk.advice_sought"] = ask,
        }, Dsl, "Ms Khan");

        Assert.Equal(AdaptiveCardInvokeResponse.MessageType, response.Type);
        Assert.Contains(expected, (string)response.Value!, StringComparison.Ordinal);
        var stored = (await _cases.FindAsync("SG-2026-0042"))!;
        Assert.Empty(stored.Decisions);
        Assert.Equal(CaseStatus.Delivered, stored.Status);
    }

    [Fact]
    public async Task Managing_in_school_keeps_the_headteacher_who_agreed()
    {
        await SeedAsync("SG-2026-0042");

        await InvokeAsync("decision", new Dictionary<string, string> { ["reference"] = "SG-2026-0042", ["decisionOutcomes"] = "manage_in_school", ["decisionReasons"] = "Both 15; no pressure", ["decisionAsk.manage_in_school"] = " Mrs Head " }, Dsl, "Ms Khan");

        var outcome = Assert.Single((await _cases.FindAsync("SG-2026-0042"))!.Decision!.Outcomes);
        Assert.Equal(("Manage in school: the headteacher who agreed", "Mrs Head"), (outcome.DetailLabel, outcome.Detail));
    }

    [Fact]
    public async Task The_lado_is_offered_and_accepted_only_when_an_adult_who_works_with_children_may_be_involved()
    {
        await SeedAsync("SG-2026-0042");
        await SeedAsync("SG-2026-0043", new JsonObject { ["adult_involved"] = "yes", ["adult_works_with_children"] = "unsure" });

        var refused = await InvokeAsync("decision", new { reference = "SG-2026-0042", decisionOutcomes = "lado", decisionReasons = "r" }, Dsl, "Ms Khan");
        await InvokeAsync("decision", new { reference = "SG-2026-0043", decisionOutcomes = "lado", decisionReasons = "r" }, Dsl, "Ms Khan");

        Assert.Contains("isn't on this form any more", (string)refused.Value!, StringComparison.Ordinal);
        Assert.Empty((await _cases.FindAsync("SG-2026-0042"))!.Decisions);
        Assert.Equal("lado", Assert.Single((await _cases.FindAsync("SG-2026-0043"))!.Decision!.Outcomes).Id);
    }

    [Fact]
    public async Task A_classification_not_in_the_pack_is_refused()
    {
        await SeedAsync("SG-2026-0042");

        var response = await InvokeAsync("decision", new Dictionary<string, string> { ["reference"] = "SG-2026-0042", ["decisionOutcomes"] = "police", ["decisionReasons"] = "r", ["decisionClass.hackett"] = "Catastrophic" }, Dsl, "Ms Khan");

        Assert.Contains("isn't on this form any more", (string)response.Value!, StringComparison.Ordinal);
        Assert.Empty((await _cases.FindAsync("SG-2026-0042"))!.Decisions);
    }

    [Fact]
    public async Task Two_changes_of_mind_are_three_decisions_in_the_history_each_with_who_when_and_why()
    {
        await SeedAsync("SG-2026-0042");

        await InvokeAsync("decision", new { reference = "SG-2026-0042", decisionOutcomes = "more_information", decisionReasons = "Need to speak to the child first" }, Dsl, "Ms Khan");
        _clock.Advance(TimeSpan.FromHours(2));
        await InvokeAsync("decision", new { reference = "SG-2026-0042", decisionOutcomes = "police,social_care", decisionReasons = "The child named an adult" }, Deputy, "Mr Patel");
        _clock.Advance(TimeSpan.FromHours(1));
        await InvokeAsync("decision", new { reference = "SG-2026-0042", decisionOutcomes = "social_care", decisionReasons = "Police advised a social care referral only" }, Dsl, "Ms Khan");

        var stored = (await _cases.FindAsync("SG-2026-0042"))!;
        Assert.Equal(
            [("Ms Khan", _now, "Need to speak to the child first"), ("Mr Patel", _now.AddHours(2), "The child named an adult"), ("Ms Khan", _now.AddHours(3), "Police advised a social care referral only")],
            stored.Decisions.Select(d => (d.By!.Name!, d.At, d.Reasons)));
        Assert.Equal(["social_care"], stored.Decision!.Outcomes.Select(o => o.Id));
        Assert.Equal(
            ["Find out more before deciding", "Refer to the police; Refer to children's social care (MASH)", "Refer to children's social care (MASH)"],
            stored.History.Where(e => e.Kind == CaseEventKind.Decision).Select(e => e.Detail));
    }

    [Fact]
    public async Task The_same_decision_sent_twice_is_recorded_once()
    {
        await SeedAsync("SG-2026-0042");
        var data = new { reference = "SG-2026-0042", decisionOutcomes = "police", decisionReasons = "r" };

        await InvokeAsync("decision", data, Dsl, "Ms Khan");
        _clock.Advance(TimeSpan.FromSeconds(3));
        var again = await InvokeAsync("decision", data, Dsl, "Ms Khan");

        Assert.NotEqual(AdaptiveCardInvokeResponse.MessageType, again.Type);
        var stored = (await _cases.FindAsync("SG-2026-0042"))!;
        Assert.Single(stored.Decisions);
        Assert.Single(stored.History, e => e.Kind == CaseEventKind.Decision);
    }

    [Theory]
    [InlineData(null, "The child asked us to", "choose what is decided about parents or carers")]
    [InlineData("told", " ", "give the reason for the decision about parents or carers")]
    [InlineData("phone_them_all", "r", "isn't on this form any more")]
    public async Task A_parents_decision_needs_a_choice_from_the_pack_and_a_reason(string? choice, string reasons, string expected)
    {
        await SeedAsync("SG-2026-0042");

        var response = await InvokeAsync("parents", new { reference = "SG-2026-0042", parentsChoice = choice, parentsReasons = reasons }, Dsl, "Ms Khan");

        Assert.Contains(expected, (string)response.Value!, StringComparison.Ordinal);
        Assert.Empty((await _cases.FindAsync("SG-2026-0042"))!.ParentsDecisions);
    }

    [Fact]
    public async Task The_parents_decision_is_separate_from_the_review_decision_and_kept_as_history()
    {
        await SeedAsync("SG-2026-0042");

        await InvokeAsync("parents", new { reference = "SG-2026-0042", parentsChoice = "not_told", parentsReasons = "Telling the stepfather could put her at risk" }, Dsl, "Ms Khan");
        await InvokeAsync("parents", new { reference = "SG-2026-0042", parentsChoice = "not_told", parentsReasons = "Telling the stepfather could put her at risk" }, Dsl, "Ms Khan");
        _clock.Advance(TimeSpan.FromDays(1));
        await InvokeAsync("parents", new { reference = "SG-2026-0042", parentsChoice = "will_tell", parentsReasons = "Social care will tell her mother today" }, Deputy, "Mr Patel");

        var stored = (await _cases.FindAsync("SG-2026-0042"))!;
        Assert.Equal(
            [("not_told", "Parents or carers are not to be told", "Telling the stepfather could put her at risk", "Ms Khan"), ("will_tell", "Parents or carers will be told", "Social care will tell her mother today", "Mr Patel")],
            stored.ParentsDecisions.Select(p => (p.Choice.Id, p.Choice.Title, p.Reasons, p.By!.Name!)));
        Assert.Empty(stored.Decisions);
        Assert.Equal(CaseStatus.Delivered, stored.Status);
        Assert.Equal(2, stored.History.Count(e => e.Kind == CaseEventKind.ParentsDecision));
    }

    [Fact]
    public async Task Opening_a_form_shows_the_card_with_it_to_the_roster_and_changes_nothing()
    {
        await SeedAsync("SG-2026-0042");
        var before = JsonSerializer.Serialize(await _cases.FindAsync("SG-2026-0042"));

        var opened = await InvokeAsync("openForm", new { reference = "SG-2026-0042", form = "parents" }, Dsl, "Ms Khan");
        var unknown = await InvokeAsync("openForm", new { reference = "SG-2026-0042", form = "delete" }, Dsl, "Ms Khan");

        Assert.Equal(("Delivered", true, "parents"), (((JsonObject)opened.Value!)["status"]!.GetValue<string>(), ((JsonObject)opened.Value!)["canAct"]!.GetValue<bool>(), ((JsonObject)opened.Value!)["form"]!.GetValue<string>()));
        Assert.Contains("isn't one I recognise", (string)unknown.Value!, StringComparison.Ordinal);
        Assert.Equal(before, JsonSerializer.Serialize(await _cases.FindAsync("SG-2026-0042")));
    }

    [Fact]
    public async Task Get_the_record_sends_the_whole_record_as_plain_text_to_the_clicker_only_and_notes_it()
    {
        await SeedAsync("SG-2026-0042", new JsonObject { ["came_to_attention"] = "child_told", ["what_was_said"] = "He said he'd post it ``` **now**" });
        await SeedAsync("SG-2026-0043", new JsonObject { ["came_to_attention"] = "child_told", ["what_was_said"] = "Another child's words entirely" });
        await InvokeAsync("decision", new { reference = "SG-2026-0043", decisionOutcomes = "early_help", decisionReasons = "Another report's reasons" }, Dsl, "Ms Khan");
        await InvokeAsync("decision", new { reference = "SG-2026-0042", decisionOutcomes = "police", decisionReasons = "An adult is involved" }, Dsl, "Ms Khan");

        var response = await InvokeAsync("record", new { reference = "SG-2026-0042" }, Deputy, "Mr Patel");

        Assert.Equal("I've sent you the record of SG-2026-0042 in our private chat. Copy it into the school's safeguarding system, then press \"Recorded in the school's system\" on the card.", (string)response.Value!);
        var (url, chat) = Assert.Single(_chats);
        Assert.Equal(("https://smba.example/uk/", "29:Mr Patel", false), (url, Assert.Single(chat.Members!).Id, chat.IsGroup));
        var message = Assert.Single(_sent);
        Assert.Equal(TextFormatTypes.Markdown, message.TextFormat);
        Assert.StartsWith("```\nStaffGuideBot record of report SG-2026-0042\n", message.Text, StringComparison.Ordinal);
        Assert.EndsWith("\n```", message.Text, StringComparison.Ordinal);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(message.Text!, "```"));
        Assert.Contains("He said he'd post it ''' **now**", message.Text, StringComparison.Ordinal);
        Assert.Contains("Reasons: An adult is involved", message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("SG-2026-0043", message.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Another", message.Text, StringComparison.Ordinal);
        var noted = Assert.Single((await _cases.FindAsync("SG-2026-0042"))!.History, e => e.Kind == CaseEventKind.RecordSent);
        Assert.Equal(("Mr Patel", null), (noted.By!.Name, noted.Detail));
    }

    [Fact]
    public async Task When_the_private_chat_cannot_be_opened_the_dsl_is_told_how_to_fix_it_and_nothing_is_noted()
    {
        await SeedAsync("SG-2026-0042");
        _connector.Setup(c => c.CreateConversationAsync(It.IsAny<string>(), It.IsAny<ConversationParameters>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConnectorException(403, "Forbidden", "The bot is not installed for the user."));

        var response = await InvokeAsync("record", new { reference = "SG-2026-0042" }, Dsl, "Ms Khan");

        Assert.Contains("couldn't open a private chat with you", (string)response.Value!, StringComparison.Ordinal);
        Assert.DoesNotContain((await _cases.FindAsync("SG-2026-0042"))!.History, e => e.Kind == CaseEventKind.RecordSent);
    }

    [Fact]
    public async Task Recorded_in_the_schools_system_stamps_the_case_once()
    {
        await SeedAsync("SG-2026-0042");

        await InvokeAsync("recorded", new { reference = "SG-2026-0042", recordedWhere = " CPOMS " }, Deputy, "Mr Patel");
        _clock.Advance(TimeSpan.FromMinutes(5));
        var again = await InvokeAsync("recorded", new { reference = "SG-2026-0042", recordedWhere = "MyConcern" }, Dsl, "Ms Khan");

        Assert.NotEqual(AdaptiveCardInvokeResponse.MessageType, again.Type);
        var stored = (await _cases.FindAsync("SG-2026-0042"))!;
        Assert.Equal(("Mr Patel", _now, "CPOMS"), (stored.RecordedInSchoolSystem!.By.Name!, stored.RecordedInSchoolSystem.At, stored.RecordedInSchoolSystem.Where));
        Assert.Single(stored.History, e => e.Kind == CaseEventKind.RecordedInSchoolSystem);
    }

    [Fact]
    public async Task A_closed_case_can_still_be_recorded_in_the_schools_system()
    {
        await SeedAsync("SG-2026-0042");
        await _cases.UpdateAsync("SG-2026-0042", c => c.Status = CaseStatus.Closed);

        await InvokeAsync("recorded", new { reference = "SG-2026-0042" }, Dsl, "Ms Khan");

        var stored = (await _cases.FindAsync("SG-2026-0042"))!;
        Assert.Equal(("Ms Khan", (string?)null), (stored.RecordedInSchoolSystem!.By.Name!, stored.RecordedInSchoolSystem.Where));
        Assert.Equal(CaseStatus.Closed, stored.Status);
    }

    [Fact]
    public async Task A_second_acknowledge_or_a_stale_click_is_harmless_and_shows_the_card_as_it_is()
    {
        await SeedAsync("SG-2026-0042");
        await InvokeAsync("acknowledge", new { reference = "SG-2026-0042" }, Dsl, "Ms Khan");
        await InvokeAsync("close", new { reference = "SG-2026-0042" }, Dsl, "Ms Khan");

        var again = await InvokeAsync("acknowledge", new { reference = "SG-2026-0042" }, Deputy, "Mr Patel");

        Assert.Equal("Closed", ((JsonObject)again.Value!)["status"]!.GetValue<string>());
        var stored = (await _cases.FindAsync("SG-2026-0042"))!;
        Assert.Equal("Ms Khan", stored.Owner!.Name);
        Assert.Single(stored.History, e => e.Kind == CaseEventKind.Acknowledged);
        _reporters.Verify(r => r.TellAsync(It.IsAny<Report>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData("acknowledge", """{"reference":"SG-2026-9999"}""", "can't find that report")]
    [InlineData("acknowledge", """{}""", "can't find that report")]
    [InlineData("acknowledge", "\"not an object\"", "can't find that report")]
    [InlineData("explode", """{"reference":"SG-2026-0042"}""", "isn't one I recognise")]
    [InlineData("decision", """{"reference":"SG-2026-0042","decisionOutcomes":42}""", "isn't on this form any more")]
    [InlineData("decision", """{"reference":"SG-2026-0042","decisionOutcomes":{"police":true}}""", "isn't on this form any more")]
    [InlineData("parents", """{"reference":"SG-2026-0042","parentsChoice":["told"]}""", "isn't on this form any more")]
    [InlineData("note", """{"reference":"SG-2026-0042","note":"   "}""", "write the note")]
    public async Task Invalid_actions_get_a_clear_message_never_an_exception(string verb, string data, string expected)
    {
        await SeedAsync("SG-2026-0042");

        var response = await InvokeAsync(verb, JsonSerializer.Deserialize<JsonElement>(data), Dsl, "Ms Khan");

        Assert.Equal(AdaptiveCardInvokeResponse.MessageType, response.Type);
        Assert.Contains(expected, (string)response.Value!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Notes_are_kept_in_the_history()
    {
        await SeedAsync("SG-2026-0042");

        await InvokeAsync("note", new { reference = "SG-2026-0042", note = "Parents informed by phone" }, Deputy, "Mr Patel");

        Assert.Contains((await _cases.FindAsync("SG-2026-0042"))!.History, e => e.Kind == CaseEventKind.Note && e.Detail == "Parents informed by phone");
    }

    private async Task SeedAsync(string reference, JsonObject? answers = null)
    {
        await _reports.SaveAsync(new Report
        {
            Reference = reference,
            SubmittedAt = _now,
            StartedAt = _now,
            ContentPack = "england",
            ContentVersion = "abcd1234",
            Reporter = new Reporter { Name = "Alex", UserId = "29:alex", ConversationId = "a:alex", ServiceUrl = "https://smba.example/" },
            Answers = answers ?? [],
            Flags = [],
        });
        var reportCase = new ReportCase { Reference = reference, Status = CaseStatus.Delivered };
        reportCase.Record(CaseEventKind.Delivered, _now);
        await _cases.CreateAsync(reportCase);
    }

    private Task<AdaptiveCardInvokeResponse> InvokeAsync(string verb, object data, string aadObjectId, string name, string conversationId = Channel + ";messageid=17")
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Invoke,
            Name = "adaptiveCard/action",
            ChannelId = Channels.Msteams,
            ServiceUrl = "https://smba.example/uk/",
            From = new ChannelAccount { Id = "29:" + name, Name = name, AadObjectId = aadObjectId },
            Conversation = new ConversationAccount { Id = conversationId, ConversationType = ConversationTypes.Channel },
        };
        var turn = new Mock<ITurnContext>();
        turn.SetupGet(t => t.Activity).Returns(activity);
        var element = data is JsonElement e ? e : JsonSerializer.SerializeToElement(data);
        return _triage.HandleAsync(turn.Object, new AdaptiveCardInvokeValue { Action = new AdaptiveCardInvokeAction { Type = "Action.Execute", Verb = verb, Data = element } });
    }
}
