using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Tests.Http;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Dsl;

/// <summary>
/// Who may see and change a report, through the real bot: every card verb and every command that reads or changes a
/// report, from every kind of place. Outside the DSL channel nothing is honoured and the answer says nothing about any
/// report (not even whether it exists); in the DSL channel anyone may read (without buttons), and only people on the
/// roster may change.
/// </summary>
public sealed class AccessTests : IClassFixture<AccessTests.Bot>
{
    private const string DslChannel = "19:dsl@thread.tacv2";
    private const string OtherChannel = "19:general@thread.tacv2";
    private const string AllegationsChannel = "19:heads@thread.tacv2";
    private const string Chair = "aad-chair";
    private const string OnRoster = "aad-dsl-khan";
    private const string OffRoster = "aad-someone-else";
    private const string ChildsWords = "he said he would post it everywhere";

    private readonly Bot _bot;

    public AccessTests(Bot bot) => _bot = bot;

    public enum Place
    {
        PersonalChatOffRoster,
        PersonalChatOnRoster,
        OtherTeamsChannelOffRoster,
        OtherTeamsChannelOnRoster,
        DslChannelOffRoster,
        DslChannelOnRoster,

        /// <summary>The allegations channel, by someone on its roster: a DSL report is one that doesn't exist there.</summary>
        AllegationsChannelOnItsRoster,
    }

    public enum Request
    {
        Refresh,
        Acknowledge,
        Decision,
        Parents,
        OpenForm,
        Record,
        Recorded,
        Note,
        Close,
        UnknownVerb,
        ReportCommand,
        OpenReports,
        ShowButton,
        HoldCommand,
        ReleaseCommand,
        FindCommand,
    }

    public static TheoryData<Request, Place> Everything()
    {
        var data = new TheoryData<Request, Place>();
        foreach (var request in Enum.GetValues<Request>())
        {
            foreach (var place in Enum.GetValues<Place>())
            {
                data.Add(request, place);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Everything))]
    public async Task Every_request_about_a_report_is_honoured_only_where_and_by_whom_it_may_be(Request request, Place place)
    {
        var reference = await SeedAsync();
        var before = await CaseJsonAsync(reference);
        var logged = _bot.Logs.Count;

        var answer = await SendAsync(request, place, reference);

        var after = (await _bot.Services.GetRequiredService<CaseStore>().FindAsync(reference))!;
        var pack = _bot.Services.GetRequiredService<ContentLibrary>().Live;
        switch (place)
        {
            case Place.PersonalChatOffRoster or Place.PersonalChatOnRoster or Place.OtherTeamsChannelOffRoster or Place.OtherTeamsChannelOnRoster
                when request == Request.FindCommand:
                // Names no report, so it is an ordinary message there (the menu, or "message me one to one"): nothing
                // of any report in the answer, nothing written.
                AssertNothingOfAnyReport(answer.All, "none");
                Assert.Equal(before, await CaseJsonAsync(reference));
                break;

            case Place.PersonalChatOffRoster or Place.PersonalChatOnRoster or Place.OtherTeamsChannelOffRoster or Place.OtherTeamsChannelOnRoster:
                // Refused, with nothing of any report, the same whether the reference exists or not, and nothing written.
                Assert.Equal(pack.Text(TextKeys.DslNotHere), answer.Text);
                AssertNothingOfAnyReport(answer.All, reference);
                Assert.Equal(before, await CaseJsonAsync(reference));
                Assert.Contains(_bot.Logs.Skip(logged), l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("from outside the DSL channel", StringComparison.Ordinal));
                var unknown = await SendAsync(request, place, "SG-2026-9999");
                Assert.Equal(answer.Text, unknown.Text);
                Assert.Equal(answer.Card?.ToJsonString(), unknown.Card?.ToJsonString().Replace("SG-2026-9999", reference, StringComparison.Ordinal));
                break;

            case Place.DslChannelOffRoster when IsRosterCommand(request):
                // Legal hold and subject access are the roster's alone: refused, with nothing of any report, nothing written.
                Assert.Equal(pack.Text(TextKeys.DslRosterOnly), answer.Text);
                AssertNothingOfAnyReport(answer.All, reference);
                Assert.Equal(before, await CaseJsonAsync(reference));
                break;

            case Place.DslChannelOffRoster when IsRead(request):
                // The DSL channel may read: the card as it is, without buttons.
                AssertShowsTheReport(answer, reference, withButtons: false);
                Assert.Equal(before, await CaseJsonAsync(reference));
                break;

            case Place.DslChannelOffRoster:
                // A change by someone off the roster: refused, and (truthfully) noted in that report's history.
                Assert.Equal(pack.Text(TextKeys.DslNotAllowed), answer.Text);
                AssertNothingOfAnyReport(answer.All, reference);
                Assert.Equal(CaseStatus.Delivered, after.Status);
                Assert.Null(after.Decision);
                var denied = Assert.Single(after.History, e => e.Kind == CaseEventKind.Denied);
                Assert.Equal(OffRoster, denied.By!.AadObjectId);
                Assert.DoesNotContain(after.History, e => e.Kind is CaseEventKind.Note or CaseEventKind.Acknowledged or CaseEventKind.Closed or CaseEventKind.Decision or CaseEventKind.ParentsDecision or CaseEventKind.RecordSent or CaseEventKind.RecordedInSchoolSystem);
                Assert.Empty(after.ParentsDecisions);
                Assert.Null(after.RecordedInSchoolSystem);
                break;

            case Place.DslChannelOnRoster:
                AssertHonouredForTheRoster(request, answer, reference, after, pack);
                break;

            case Place.AllegationsChannelOnItsRoster:
                // Whatever is asked, the DSL's report is not there: nothing of it in the answer and nothing written.
                Assert.Equal(before, await CaseJsonAsync(reference));
                AssertNothingOfAnyReport(answer.All.Replace(reference, string.Empty, StringComparison.Ordinal), "none");
                if (request == Request.FindCommand)
                {
                    Assert.Equal(pack.Text(TextKeys.DslFindNone), answer.Text);
                }
                else if (request != Request.OpenReports)
                {
                    Assert.Equal(pack.Text(TextKeys.DslUnknownReport), answer.Text);
                }
                else
                {
                    Assert.DoesNotContain(reference, answer.All, StringComparison.Ordinal);
                }

                break;
        }

        // Whatever happened, nothing of the report reached the log.
        Assert.All(_bot.Logs.Skip(logged), l => AssertNothingOfAnyReport(l, reference));
    }

    private static bool IsRosterCommand(Request request) => request is Request.HoldCommand or Request.ReleaseCommand or Request.FindCommand;

    private static bool IsRead(Request request) => request is Request.Refresh or Request.ReportCommand or Request.OpenReports or Request.ShowButton;

    private static void AssertHonouredForTheRoster(Request request, Answer answer, string reference, ReportCase after, ContentPack pack)
    {
        switch (request)
        {
            case Request.Refresh or Request.ReportCommand or Request.ShowButton:
                AssertShowsTheReport(answer, reference, withButtons: true);
                Assert.Equal(CaseStatus.Delivered, after.Status);
                break;
            case Request.OpenReports:
                AssertShowsTheReport(answer, reference, withButtons: false);
                break;
            case Request.Acknowledge:
                Assert.Equal(CaseStatus.Acknowledged, after.Status);
                Assert.Equal(OnRoster, after.Owner!.AadObjectId);
                break;
            case Request.Decision:
                Assert.Equal(CaseStatus.DecisionRecorded, after.Status);
                Assert.Equal("police", Assert.Single(after.Decision!.Outcomes).Id);
                break;
            case Request.Parents:
                Assert.Equal(("told", "Mum rang in"), (after.Parents!.Choice.Id, after.Parents.Reasons));
                Assert.Equal(CaseStatus.Delivered, after.Status);
                break;
            case Request.OpenForm:
                // The card with the decision form, and nothing written.
                AssertShowsTheReport(answer, reference, withButtons: false);
                Assert.Contains(SummaryCard.DecisionOutcomesInput, answer.Card!.ToJsonString(), StringComparison.Ordinal);
                Assert.DoesNotContain(after.History, e => e.Kind != CaseEventKind.Delivered);
                break;
            case Request.Record:
                // Sent to the clicker in a private chat, and noted; the answer carries nothing of the report.
                Assert.Contains(after.History, e => e.Kind == CaseEventKind.RecordSent && e.By!.AadObjectId == OnRoster);
                Assert.Equal(pack.Text(TextKeys.RecordSent, new Dictionary<string, string> { ["reference"] = reference }), answer.Text);
                break;
            case Request.Recorded:
                Assert.Equal(("CPOMS", OnRoster), (after.RecordedInSchoolSystem!.Where, after.RecordedInSchoolSystem.By.AadObjectId));
                break;
            case Request.Note:
                Assert.Contains(after.History, e => e.Kind == CaseEventKind.Note && e.Detail == "Phoned the parents");
                break;
            case Request.Close:
                Assert.Equal(CaseStatus.Closed, after.Status);
                break;
            case Request.HoldCommand:
                Assert.Equal(("police asked us to keep it", OnRoster), (after.Hold!.Reason, after.Hold.By.AadObjectId));
                Assert.Contains(after.History, e => e.Kind == CaseEventKind.LegalHold);
                break;
            case Request.ReleaseCommand:
                // Not held: said so, and nothing written.
                Assert.Equal(pack.Text(TextKeys.DslHoldNotHeld, new Dictionary<string, string> { ["reference"] = reference }), answer.Text);
                Assert.DoesNotContain(after.History, e => e.Kind != CaseEventKind.Delivered);
                break;
            case Request.FindCommand:
                Assert.Contains(reference, answer.Text, StringComparison.Ordinal);
                Assert.DoesNotContain("J.B.", answer.All.Replace("find J.B.", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
                break;
            case Request.UnknownVerb:
                Assert.Equal(pack.Text(TextKeys.DslUnknownAction), answer.Text);
                Assert.Equal(CaseStatus.Delivered, after.Status);
                Assert.DoesNotContain(after.History, e => e.Kind != CaseEventKind.Delivered);
                break;
        }

        Assert.DoesNotContain(after.History, e => e.Kind == CaseEventKind.Denied);
    }

    /// <summary>The answer is the report (its card, or the list with its reference), with or without the buttons that change it.</summary>
    private static void AssertShowsTheReport(Answer answer, string reference, bool withButtons)
    {
        Assert.Contains(reference, answer.All, StringComparison.Ordinal);
        if (answer.Card is null)
        {
            Assert.Fail($"Expected a card, got: {answer.All}");
        }

        var card = answer.Card.ToJsonString();
        if (!card.Contains("Open reports", StringComparison.Ordinal))
        {
            Assert.Contains("J.B.", card, StringComparison.Ordinal);
        }

        Assert.Equal(withButtons, card.Contains("\"Action.Execute\"", StringComparison.Ordinal) && card.Contains("\"verb\":\"acknowledge\"", StringComparison.Ordinal));
    }

    /// <summary>No child's name or words, no reporter, no other report's reference; the sent reference may be echoed.</summary>
    private static void AssertNothingOfAnyReport(string answer, string sentReference)
    {
        Assert.DoesNotContain("J.B.", answer, StringComparison.Ordinal);
        Assert.DoesNotContain(ChildsWords, answer, StringComparison.Ordinal);
        Assert.DoesNotContain("Alex Wilber", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("Action.Execute", answer, StringComparison.Ordinal);
        Assert.All(System.Text.RegularExpressions.Regex.Matches(answer, @"SG-\d{4}-\d{4,}"), m => Assert.Equal(sentReference, m.Value));
    }

    private async Task<Answer> SendAsync(Request request, Place place, string reference)
    {
        var (conversation, channel) = place switch
        {
            Place.PersonalChatOffRoster or Place.PersonalChatOnRoster => ("a:personal-1", (string?)null),
            Place.OtherTeamsChannelOffRoster or Place.OtherTeamsChannelOnRoster => (OtherChannel + ";messageid=5", OtherChannel),
            Place.AllegationsChannelOnItsRoster => (AllegationsChannel + ";messageid=7", AllegationsChannel),
            _ => (DslChannel + ";messageid=42", DslChannel),
        };
        var who = place switch
        {
            Place.PersonalChatOnRoster or Place.OtherTeamsChannelOnRoster or Place.DslChannelOnRoster => OnRoster,
            Place.AllegationsChannelOnItsRoster => Chair,
            _ => OffRoster,
        };
        var text = request switch
        {
            Request.ReportCommand => "report " + reference,
            Request.OpenReports => "open reports",
            Request.HoldCommand => $"hold {reference} police asked us to keep it",
            Request.ReleaseCommand => "release " + reference,
            Request.FindCommand => "find J.B.",
            _ => null,
        };
        var activity = channel is null ? Activities.Message(text, conversation) : Activities.ChannelMessage(text, channel, who, channel == DslChannel ? "team-dsl" : "team-staff");
        activity.From!.AadObjectId = who;
        activity.From.Name = who == OnRoster ? "Ms Khan" : "Mr Nosy";
        var verb = request switch
        {
            Request.Refresh => SummaryCard.Verbs.Refresh,
            Request.Acknowledge => SummaryCard.Verbs.Acknowledge,
            Request.Decision => SummaryCard.Verbs.Decision,
            Request.Parents => SummaryCard.Verbs.Parents,
            Request.OpenForm => SummaryCard.Verbs.OpenForm,
            Request.Record => SummaryCard.Verbs.Record,
            Request.Recorded => SummaryCard.Verbs.Recorded,
            Request.Note => SummaryCard.Verbs.Note,
            Request.Close => SummaryCard.Verbs.Close,
            Request.UnknownVerb => "explode",
            _ => null,
        };
        if (verb is null)
        {
            if (request == Request.ShowButton)
            {
                activity.Value = new JsonObject { [DslSubmit.ShowKey] = reference };
            }

            var replies = await new ChatDriver(_bot.Client, conversation).SendAsync(activity);
            var card = replies.SelectMany(ChatDriver.CardsOf).LastOrDefault();
            return new Answer(
                string.Join("\n", replies.Select(r => r.Text).Where(t => t is not null)),
                card,
                string.Join("\n", replies.Select(BotJson.Serialize)));
        }

        activity.Type = ActivityTypes.Invoke;
        activity.Name = "adaptiveCard/action";
        activity.Text = null;
        activity.Value = new
        {
            action = new
            {
                type = "Action.Execute",
                verb,
                data = new { reference, decisionOutcomes = "police", decisionReasons = "An adult is involved", parentsChoice = "told", parentsReasons = "Mum rang in", form = "decision", recordedWhere = "CPOMS", note = "Phoned the parents" },
            },
        };
        var response = await _bot.Client.SendAsync(Activities.Post(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var isCard = body["type"]!.GetValue<string>() == Attachment.AdaptiveCardContentType;
        return new Answer(
            isCard ? null : body["value"]!.GetValue<string>(),
            isCard ? body["value"]!.AsObject() : null,
            body.ToJsonString());
    }

    private async Task<string> SeedAsync()
    {
        var store = _bot.Services.GetRequiredService<IReportStore>();
        var now = DateTimeOffset.UtcNow;
        var report = DslTestData.NewReport(await store.NextReferenceAsync(now.Year), now);
        report.Answers["what_was_said"] = ChildsWords;
        await store.SaveAsync(report);
        var reportCase = new ReportCase { Reference = report.Reference, Status = CaseStatus.Delivered };
        reportCase.Record(CaseEventKind.Delivered, now);
        await _bot.Services.GetRequiredService<CaseStore>().CreateAsync(reportCase);
        return report.Reference;
    }

    private async Task<string> CaseJsonAsync(string reference) =>
        BotJson.Serialize((await _bot.Services.GetRequiredService<CaseStore>().FindAsync(reference))!);

    /// <summary>What the bot answered: its message text (if any), its card (if any), and everything it sent, serialised.</summary>
    private sealed record Answer(string? Text, JsonObject? Card, string All);

    /// <summary>One bot for all the cells; each cell seeds its own report.</summary>
    public sealed class Bot : IAsyncLifetime
    {
        private readonly BotApplicationFactory _factory = new(new Dictionary<string, string?>
        {
            ["Dsl:ChannelId"] = DslChannel,
            ["Dsl:Roster:0"] = OnRoster,
            ["Dsl:Allegations:ChannelId"] = AllegationsChannel,
            ["Dsl:Allegations:Roster:0"] = Chair,
        });

        public HttpClient Client { get; private set; } = null!;

        public IServiceProvider Services => _factory.Services;

        public System.Collections.Concurrent.ConcurrentQueue<string> Logs => _factory.Logs;

        public Task InitializeAsync()
        {
            // A private chat opens (for "Get the record").
            _factory.Connector.Setup(c => c.CreateConversationAsync(It.IsAny<string>(), It.IsAny<ConversationParameters>(), It.IsAny<CancellationToken>()))
                .ReturnsAsync(new ConversationResourceResponse { Id = "a:private-chat" });
            Client = _factory.CreateClient();
            return Task.CompletedTask;
        }

        public async Task DisposeAsync()
        {
            Client.Dispose();
            await _factory.DisposeAsync();
        }
    }
}
