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

    private readonly MemoryStorage _storage = new();
    private readonly CaseStore _cases;
    private readonly StorageReportStore _reports;
    private readonly Mock<IReporterNotifier> _reporters = new();
    private readonly Mock<ISummaryCards> _cards = new();
    private readonly DslTriage _triage;
    private readonly DateTimeOffset _now = new(2026, 11, 20, 11, 0, 0, TimeSpan.Zero);

    public TriageTests()
    {
        _cases = new CaseStore(_storage);
        _reports = new StorageReportStore(_storage);
        var options = new DslOptions { ChannelId = Channel };
        options.Roster.Add(Dsl);
        options.Roster.Add(Deputy);
        _cards.Setup(c => c.CreateAsync(It.IsAny<Report>(), It.IsAny<ReportCase>(), It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((Report r, ReportCase c, bool canAct, CancellationToken _) => new JsonObject { ["status"] = c.Status.ToString(), ["canAct"] = canAct });
        _triage = new DslTriage(ContentLibrary.Of(England), new DslAccess(Options.Create(options), new DslChannelProvider(Options.Create(options)), NullLogger<DslAccess>.Instance), _cases, _reports, _cards.Object, new ReporterUpdates(_reporters.Object, ContentLibrary.Of(England), NullLogger<ReporterUpdates>.Instance),
            new FakeTimeProvider(_now), NullLogger<DslTriage>.Instance);
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
    [InlineData("referToPolice")]
    [InlineData("referToSocialCare")]
    [InlineData("moreInformationNeeded")]
    [InlineData("adviceSought")]
    public async Task Each_decision_is_recorded_with_who_and_when(string kind)
    {
        await SeedAsync("SG-2026-0042");

        await InvokeAsync("decision", new { reference = "SG-2026-0042", decisionKind = kind, decisionNote = "Spoke to MASH" }, Deputy, "Mr Patel");

        var stored = (await _cases.FindAsync("SG-2026-0042"))!;
        Assert.Equal(kind, StaffGuideBot.Guidance.Cards.SummaryCard.DecisionValue(stored.Decision!.Kind));
        Assert.Equal("Spoke to MASH", stored.Decision.Note);
        Assert.Equal(CaseStatus.DecisionRecorded, stored.Status);
        Assert.Contains(stored.History, e => e.Kind == CaseEventKind.Decision && e.By!.Name == "Mr Patel");
    }

    [Theory]
    [InlineData(null, "Mrs Head")]
    [InlineData("Low risk, both 15, consensual", null)]
    [InlineData("  ", "  ")]
    public async Task Managing_in_school_without_reasons_and_sign_off_is_refused_with_a_clear_message(string? reasons, string? signOff)
    {
        await SeedAsync("SG-2026-0042");

        var response = await InvokeAsync("decision", new { reference = "SG-2026-0042", decisionKind = "manageInSchool", decisionReasons = reasons, decisionSignOff = signOff }, Dsl, "Ms Khan");

        Assert.Contains("reasons and the name of the headteacher", (string)response.Value!, StringComparison.Ordinal);
        Assert.Null((await _cases.FindAsync("SG-2026-0042"))!.Decision);
    }

    [Fact]
    public async Task Managing_in_school_with_reasons_and_sign_off_is_recorded()
    {
        await SeedAsync("SG-2026-0042");

        await InvokeAsync("decision", new { reference = "SG-2026-0042", decisionKind = "manageInSchool", decisionReasons = "Both 15; no pressure", decisionSignOff = "Mrs Head" }, Dsl, "Ms Khan");

        var decision = (await _cases.FindAsync("SG-2026-0042"))!.Decision!;
        Assert.Equal(DecisionKind.ManageInSchool, decision.Kind);
        Assert.Equal("Mrs Head", decision.HeadteacherSignOff);
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
    [InlineData("decision", """{"reference":"SG-2026-0042","decisionKind":"42"}""", "choose a decision")]
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

    private async Task SeedAsync(string reference)
    {
        await _reports.SaveAsync(new Report
        {
            Reference = reference,
            SubmittedAt = _now,
            StartedAt = _now,
            ContentPack = "england",
            ContentVersion = "abcd1234",
            Reporter = new Reporter { Name = "Alex", UserId = "29:alex", ConversationId = "a:alex", ServiceUrl = "https://smba.example/" },
            Answers = [],
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
            From = new ChannelAccount { Id = "29:" + name, Name = name, AadObjectId = aadObjectId },
            Conversation = new ConversationAccount { Id = conversationId, ConversationType = ConversationTypes.Channel },
        };
        var turn = new Mock<ITurnContext>();
        turn.SetupGet(t => t.Activity).Returns(activity);
        var element = data is JsonElement e ? e : JsonSerializer.SerializeToElement(data);
        return _triage.HandleAsync(turn.Object, new AdaptiveCardInvokeValue { Action = new AdaptiveCardInvokeAction { Type = "Action.Execute", Verb = verb, Data = element } });
    }
}
