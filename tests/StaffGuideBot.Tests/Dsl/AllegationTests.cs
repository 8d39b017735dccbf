using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using StaffGuideBot.BotFramework.Connector;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Dsl;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Tests.Http;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Dsl;

/// <summary>
/// An allegation about an adult who works or volunteers with children (the pack's allegation rule) goes only to the
/// allegations channel and its roster: never to the DSL channel, by no route (card, thread, reminder, list, command),
/// and not even while there is no allegations channel.
/// </summary>
public sealed class AllegationTests : IDisposable
{
    private const string DslChannel = DslTestData.ChannelId;
    private const string HeadsChannel = "19:heads-only@thread.tacv2";
    private const string HeadsTeam = "19:heads-team@thread.tacv2";
    private const string ServiceUrl = DslTestData.DslServiceUrl;
    private const string Dsl = "aad-dsl-khan";
    private const string Deputy = "aad-deputy-patel";
    private const string Head = "aad-head-jones";
    private const string Chair = "aad-chair-ahmed";
    private const string AdultDetails = "the swimming coach at the leisure centre";

    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 10, 42, 0, TimeSpan.Zero));

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("yes", true)]
    [InlineData("unsure", true)]
    [InlineData("no", false)]
    [InlineData(null, false)]
    public async Task The_england_rule_makes_yes_and_not_sure_an_allegation(string? worksWithChildren, bool allegation)
    {
        await using var bot = Start();
        var answers = new JsonObject { ["adult_involved"] = "yes" };
        if (worksWithChildren is not null)
        {
            answers["adult_works_with_children"] = worksWithChildren;
        }

        Assert.Equal(allegation, new PackRules(Pack(bot)).Apply(answers).IsAllegation);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("unsure")]
    public async Task An_allegation_is_delivered_to_the_allegations_channel_only_and_the_reporter_hears_from_there(string worksWithChildren)
    {
        await using var bot = Start();
        AcceptPosts(bot);
        var chat = new ChatDriver(bot.CreateClient());

        var review = await WalkToReviewAsync(chat, worksWithChildren);
        Assert.Contains(Pack(bot).Fill(Pack(bot).Text(TextKeys.ReviewAllegation)), review, StringComparison.Ordinal);
        Assert.DoesNotContain("Send to the DSL", review, StringComparison.Ordinal); // the button says where it goes
        await chat.ClickAsync("Send to the headteacher");
        var reference = System.Text.RegularExpressions.Regex.Match(chat.LastText, @"SG-\d{4}-A\d{4}").Value;
        Assert.Equal($"SG-{_clock.GetUtcNow().Year}-A0001", reference); // its own series: no gap in the DSL channel's numbers
        Assert.Contains("Saved and on its way to the headteacher", chat.LastText, StringComparison.Ordinal);
        Assert.DoesNotContain("hasn't been set up", chat.LastText, StringComparison.Ordinal);
        await Delivery(bot).DeliverDueAsync();

        var posted = Assert.Single(bot.Connector.Invocations, i => i.Method.Name == nameof(IConnectorClient.CreateConversationAsync));
        Assert.Equal(HeadsChannel, ((TeamsChannelData)((ConversationParameters)posted.Arguments[1]!).ChannelData!).Channel!.Id);
        Assert.Equal(HeadsTeam, ((TeamsChannelData)((ConversationParameters)posted.Arguments[1]!).ChannelData!).Team!.Id);
        AssertNothingReachedTheDslChannel(bot);
        var reportCase = (await Cases(bot).FindAsync(reference))!;
        Assert.True(reportCase.Allegation);
        Assert.Equal(CaseStatus.Delivered, reportCase.Status);
        Assert.StartsWith(HeadsChannel + ";", reportCase.Delivery.ThreadId, StringComparison.Ordinal);
        Assert.Equal(1, TextsToReporter(bot, "has now reached the headteacher"));
        Assert.Equal(0, TextsToReporter(bot, "has now reached the DSL"));

        // The headteacher acknowledges in the allegations channel; the reporter is told, as by a DSL.
        var acknowledged = await InvokeAsync(bot, HeadsChannel, Head, SummaryCard.Verbs.Acknowledge, reference);
        Assert.Equal(Attachment.AdaptiveCardContentType, acknowledged["type"]!.GetValue<string>());
        Assert.Equal(CaseStatus.Acknowledged, (await Cases(bot).FindAsync(reference))!.Status);
        Assert.Equal(1, TextsToReporter(bot, "Ms Jones has picked up your report " + reference));
        AssertNothingReachedTheDslChannel(bot);
    }

    [Fact]
    public async Task A_report_about_an_adult_who_does_not_work_with_children_goes_to_the_dsl_channel_as_before()
    {
        await using var bot = Start();
        AcceptPosts(bot);
        var chat = new ChatDriver(bot.CreateClient());

        var review = await WalkToReviewAsync(chat, "no");
        Assert.DoesNotContain(Pack(bot).Fill(Pack(bot).Text(TextKeys.ReviewAllegation)), review, StringComparison.Ordinal);
        await chat.ClickAsync("Send to the DSL");
        Assert.Contains("Saved and on its way to the DSL", chat.LastText, StringComparison.Ordinal);
        await Delivery(bot).DeliverDueAsync();

        var posted = Assert.Single(bot.Connector.Invocations, i => i.Method.Name == nameof(IConnectorClient.CreateConversationAsync));
        Assert.Equal(DslChannel, ((TeamsChannelData)((ConversationParameters)posted.Arguments[1]!).ChannelData!).Channel!.Id);
        Assert.Equal(1, TextsToReporter(bot, "has now reached the DSL"));
    }

    [Fact]
    public async Task Without_an_allegations_channel_an_allegation_waits_nothing_is_posted_anywhere_and_the_reporter_is_sent_to_the_headteacher()
    {
        await using var bot = Start(allegationsChannel: false);
        AcceptPosts(bot);
        var client = bot.CreateClient();
        var chat = new ChatDriver(client);

        await WalkToReviewAsync(chat, "yes");
        await chat.ClickAsync("Send to the headteacher");
        var reference = System.Text.RegularExpressions.Regex.Match(chat.LastText, @"SG-\d{4}-A\d{4}").Value;
        Assert.Contains("Please speak to the headteacher now", chat.LastText, StringComparison.Ordinal);
        await Delivery(bot).DeliverDueAsync();
        _clock.Advance(TimeSpan.FromSeconds(61));
        await Delivery(bot).DeliverDueAsync();

        Assert.DoesNotContain(bot.Connector.Invocations, i => i.Method.Name is nameof(IConnectorClient.CreateConversationAsync) or nameof(IConnectorClient.UpdateActivityAsync));
        AssertNothingReachedTheDslChannel(bot);
        Assert.Equal([reference], await bot.Services.GetRequiredService<DslOutbox>().PendingAsync());
        Assert.Equal(CaseStatus.AwaitingDelivery, (await Cases(bot).FindAsync(reference))!.Status);
        Assert.Equal(1, TextsToReporter(bot, "hasn't reached the headteacher yet"));
        Assert.Equal(0, TextsToReporter(bot, "phone the DSL now"));

        var health = JsonNode.Parse(await client.GetStringAsync(new Uri("/healthz", UriKind.Relative)))!;
        Assert.Equal("missing", health["allegations"]!["channel"]!.GetValue<string>());
        Assert.True(health["allegations"]!["waiting"]!.GetValue<bool>());
        var warning = Assert.Single(bot.Logs, l => l.Contains("An allegation is waiting", StringComparison.Ordinal));
        Assert.DoesNotContain(reference, warning, StringComparison.Ordinal);
        Assert.Contains(bot.Logs, l => l.Contains("No allegations channel is configured or registered", StringComparison.Ordinal));
        Assert.DoesNotContain(bot.Logs, l => l.Contains(AdultDetails, StringComparison.Ordinal));
    }

    public static TheoryData<string> DslRequests() => new()
    {
        SummaryCard.Verbs.Refresh, SummaryCard.Verbs.Acknowledge, SummaryCard.Verbs.Decision, SummaryCard.Verbs.Note, SummaryCard.Verbs.Close, "explode",
        "report", "show",
    };

    [Theory]
    [MemberData(nameof(DslRequests))]
    public async Task In_the_dsl_channel_an_allegation_is_a_report_that_does_not_exist_for_the_dsl_team(string request)
    {
        await using var bot = Start();
        var reference = await SeedAsync(bot, allegation: true);
        var before = BotJson.Serialize((await Cases(bot).FindAsync(reference))!);

        foreach (var who in new[] { Dsl, "aad-someone-else" })
        {
            var answer = await AskAsync(bot, request, DslChannel, who, reference);
            var unknown = await AskAsync(bot, request, DslChannel, who, "SG-2026-9999");
            Assert.Equal(unknown.Replace("SG-2026-9999", reference, StringComparison.Ordinal), answer);
            Assert.DoesNotContain("J.B.", answer, StringComparison.Ordinal);
        }

        Assert.Equal(before, BotJson.Serialize((await Cases(bot).FindAsync(reference))!));
        Assert.DoesNotContain(bot.Logs, l => l.Contains(reference, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Open_reports_lists_allegations_only_in_the_allegations_channel_and_other_reports_only_in_the_dsl_channel()
    {
        await using var bot = Start();
        var allegation = await SeedAsync(bot, allegation: true);
        var report = await SeedAsync(bot, allegation: false);

        var inDsl = await AskAsync(bot, "open reports", DslChannel, Dsl, string.Empty);
        var inHeads = await AskAsync(bot, "open reports", HeadsChannel, Head, string.Empty);

        Assert.Contains(report, inDsl, StringComparison.Ordinal);
        Assert.DoesNotContain(allegation, inDsl, StringComparison.Ordinal);
        Assert.Contains(allegation, inHeads, StringComparison.Ordinal);
        Assert.DoesNotContain(report, inHeads, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_the_allegations_channel_its_roster_decides_and_a_dsl_only_reads()
    {
        await using var bot = Start();
        var reference = await SeedAsync(bot, allegation: true);
        var dslReport = await SeedAsync(bot, allegation: false);

        // A DSL who is a member of the allegations channel but not on its roster: the card without buttons; no change.
        var shown = await AskAsync(bot, "report", HeadsChannel, Dsl, reference);
        Assert.Contains("J.B.", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("\"verb\":\"acknowledge\"", shown, StringComparison.Ordinal);
        var refused = await InvokeAsync(bot, HeadsChannel, Dsl, SummaryCard.Verbs.Close, reference);
        Assert.Equal(Pack(bot).Text(TextKeys.DslNotAllowed), refused["value"]!.GetValue<string>());
        Assert.Equal(CaseStatus.Delivered, (await Cases(bot).FindAsync(reference))!.Status);

        // The chair records a decision as a DSL would.
        var decided = await InvokeAsync(bot, HeadsChannel, Chair, SummaryCard.Verbs.Decision, reference);
        Assert.Equal(Attachment.AdaptiveCardContentType, decided["type"]!.GetValue<string>());
        var after = (await Cases(bot).FindAsync(reference))!;
        Assert.Equal(CaseStatus.DecisionRecorded, after.Status);
        Assert.Equal(Chair, after.Decision!.By!.AadObjectId);

        // A DSL report, acted on from the allegations channel (a forged action with its reference): not there.
        var forged = await InvokeAsync(bot, HeadsChannel, Head, SummaryCard.Verbs.Close, dslReport);
        Assert.Equal(Pack(bot).Text(TextKeys.DslUnknownReport), forged["value"]!.GetValue<string>());
        Assert.Equal(CaseStatus.Delivered, (await Cases(bot).FindAsync(dslReport))!.Status);
    }

    [Fact]
    public async Task A_reminder_about_an_allegation_goes_to_its_thread_in_the_allegations_channel_mentioning_its_roster_only()
    {
        await using var bot = Start();
        bot.Connector.Setup(c => c.GetConversationMemberAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, string _, string id, CancellationToken _) => new TeamsChannelAccount { Id = id, Name = id == Head ? "Ms Jones" : "Mr Ahmed" });
        bot.Connector.Setup(c => c.SendToConversationAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ResourceResponse("r1"));
        var reference = await SeedAsync(bot, allegation: true);
        _clock.Advance(TimeSpan.FromMinutes(16));

        // Moving the clock may already have run the service's own pass; either way the reminder is posted once.
        await bot.Services.GetRequiredService<DslReminderService>().RemindDueAsync();

        var sent = Assert.Single(bot.Connector.Invocations, i => i.Method.Name == nameof(IConnectorClient.SendToConversationAsync));
        Assert.Equal(HeadsChannel + ";messageid=77", sent.Arguments[1]);
        var reminder = (Activity)sent.Arguments[2]!;
        Assert.Contains(reference, reminder.Text, StringComparison.Ordinal);
        Assert.Equal([Head, Chair], reminder.Entities!.Select(e => e.As<Mention>()!.Mentioned!.Id));
        Assert.DoesNotContain(bot.Connector.Invocations, i => i.Arguments.OfType<string>().Any(a => a.StartsWith(DslChannel, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_allegations_channel_is_registered_by_its_roster_and_never_where_the_dsl_channel_is()
    {
        await using var bot = Start(allegationsChannel: false, dslChannel: false);
        var client = bot.CreateClient();
        var provider = bot.Services.GetRequiredService<DslChannelProvider>();

        Assert.Contains("New safeguarding reports will now be posted", await SayAsync(client, DslChannel, Dsl, "register this channel"), StringComparison.Ordinal);
        Assert.Equal(Pack(bot).Text(TextKeys.AllegationRosterOnly), await SayAsync(client, HeadsChannel, Dsl, "register this channel for allegations"));
        Assert.Equal(Pack(bot).Fill(Pack(bot).Text(TextKeys.AllegationRegisterDslChannel)), await SayAsync(client, DslChannel, Head, "register this channel for allegations"));
        Assert.Null(provider.Allegations.ChannelId);

        Assert.Equal(Pack(bot).Fill(Pack(bot).Text(TextKeys.AllegationRegistered)), await SayAsync(client, HeadsChannel, Head, "register this channel for allegations"));
        Assert.Equal(HeadsChannel, provider.Allegations.ChannelId);
        Assert.Equal(Pack(bot).Text(TextKeys.AllegationRegisterAlready), await SayAsync(client, HeadsChannel, Chair, "register this channel for allegations"));
        Assert.Equal(Pack(bot).Text(TextKeys.AllegationRegisterElsewhere), await SayAsync(client, "19:elsewhere@thread.tacv2", Chair, "register this channel for allegations"));
        Assert.Equal(HeadsChannel, provider.Allegations.ChannelId);

        // The DSL channel can't be moved into the allegations channel.
        Assert.Equal(Pack(bot).Fill(Pack(bot).Text(TextKeys.DslRegisterAllegationsChannel)), await SayAsync(client, HeadsChannel, Dsl, "register this channel"));
        Assert.Equal(DslChannel, provider.Current.ChannelId);
    }

    private static void AssertNothingReachedTheDslChannel(BotApplicationFactory bot) =>
        Assert.DoesNotContain(bot.Connector.Invocations, i =>
            i.Arguments.OfType<string>().Any(a => a.StartsWith(DslChannel, StringComparison.Ordinal))
            || i.Arguments.OfType<ConversationParameters>().Any(p => ((TeamsChannelData?)p.ChannelData)?.Channel?.Id == DslChannel));

    /// <summary>A whole report through the chat to the review (past the "phone the DSL now" step), the adult's form answered with <paramref name="worksWithChildren"/>; returns the review.</summary>
    private static async Task<string> WalkToReviewAsync(ChatDriver chat, string worksWithChildren)
    {
        await chat.WalkToChildrenAsync("She said he has a photo of her", "a pupil told me something");
        await chat.ClickAsync(ChatDriver.SaveThisChild, new Dictionary<string, string> { ["name"] = "J.B.", ["age"] = "14", ["role"] = "shown,told", ["wellbeing"] = "distressed" });
        await chat.ClickAsync("Next", new Dictionary<string, string> { ["adult_involved"] = "yes", ["adult_works_with_children"] = worksWithChildren, ["adult_details"] = AdultDetails, ["image_description"] = "A photo, described as topless", ["sexual_acts"] = "no", ["platform"] = "Snapchat" });
        await chat.ClickAsync("Next", new Dictionary<string, string> { ["spread"] = "a_few", ["without_consent"] = "yes" });
        await chat.WalkToReviewAsync();
        return chat.LastText;
    }

    /// <summary>A delivered report (an allegation in the allegations channel, else in the DSL channel), delivered now.</summary>
    private async Task<string> SeedAsync(BotApplicationFactory bot, bool allegation)
    {
        var store = bot.Services.GetRequiredService<IReportStore>();
        var now = _clock.GetUtcNow();
        var seed = DslTestData.NewReport(await store.NextReferenceAsync(now.Year, allegation), now);
        if (allegation)
        {
            // As the allegation rule needs (and so the decision form offers the LADO).
            seed.Answers["adult_involved"] = "yes";
            seed.Answers["adult_works_with_children"] = "yes";
        }

        var report = new Report
        {
            Reference = seed.Reference,
            SubmittedAt = seed.SubmittedAt,
            StartedAt = seed.StartedAt,
            ContentPack = seed.ContentPack,
            ContentVersion = seed.ContentVersion,
            Reporter = seed.Reporter,
            Answers = seed.Answers,
            Flags = seed.Flags,
            Allegation = allegation,
        };
        await store.SaveAsync(report);
        var reportCase = new ReportCase { Reference = report.Reference, Status = CaseStatus.Delivered, Allegation = allegation };
        reportCase.Delivery.ThreadId = (allegation ? HeadsChannel : DslChannel) + ";messageid=77";
        reportCase.Delivery.ActivityId = "77";
        reportCase.Delivery.ServiceUrl = ServiceUrl;
        reportCase.Delivery.DeliveredAt = now;
        reportCase.Record(CaseEventKind.Delivered, now);
        await Cases(bot).CreateAsync(reportCase);
        return report.Reference;
    }

    /// <summary>Everything the bot answered to a typed command or a Show button (<paramref name="request"/> "report", "show" or "open reports"), or a card verb, serialised.</summary>
    private static async Task<string> AskAsync(BotApplicationFactory bot, string request, string channel, string who, string reference)
    {
        if (request is not ("report" or "show" or "open reports"))
        {
            return (await InvokeAsync(bot, channel, who, request, reference)).ToJsonString();
        }

        var activity = Activities.ChannelMessage(request == "show" ? null : request == "report" ? "report " + reference : request, channel, who, channel == HeadsChannel ? HeadsTeam : DslTestData.TeamId);
        if (request == "show")
        {
            activity.Value = new JsonObject { [DslSubmit.ShowKey] = reference };
        }

        var replies = await new ChatDriver(bot.CreateClient(), activity.Conversation!.Id!).SendAsync(activity);
        return string.Join("\n", replies.Select(r => r.Text + string.Concat(ChatDriver.CardsOf(r).Select(c => c.ToJsonString()))));
    }

    private static async Task<JsonNode> InvokeAsync(BotApplicationFactory bot, string channel, string who, string verb, string reference)
    {
        var activity = Activities.ChannelMessage(null, channel, who, channel == HeadsChannel ? HeadsTeam : DslTestData.TeamId);
        activity.From!.Name = who == Head ? "Ms Jones" : who == Chair ? "Mr Ahmed" : "Ms Khan";
        activity.Type = ActivityTypes.Invoke;
        activity.Name = "adaptiveCard/action";
        activity.Value = new
        {
            action = new
            {
                type = "Action.Execute",
                verb,
                data = new { reference, decisionOutcomes = "lado", decisionReasons = "The adult coaches the child's team", note = "Spoke to the LADO" },
            },
        };
        var response = await bot.CreateClient().SendAsync(Activities.Post(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static async Task<string> SayAsync(HttpClient client, string channel, string who, string text)
    {
        var activity = Activities.ChannelMessage(text, channel, who, channel == HeadsChannel ? HeadsTeam : DslTestData.TeamId);
        var replies = await new ChatDriver(client, activity.Conversation!.Id!).SendAsync(activity);
        return string.Join("\n", replies.Select(r => r.Text));
    }

    private BotApplicationFactory Start(bool allegationsChannel = true, bool dslChannel = true)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:SqlitePath"] = _folder.Combine("state.db"),
            ["Dsl:Roster:0"] = Dsl,
            ["Dsl:Deputies:0"] = Deputy,
            ["Dsl:Allegations:Roster:0"] = Head,
            ["Dsl:Allegations:Roster:1"] = Chair,
        };
        if (dslChannel)
        {
            settings["Dsl:ChannelId"] = DslChannel;
            settings["Dsl:TeamId"] = DslTestData.TeamId;
            settings["Dsl:ServiceUrl"] = ServiceUrl;
        }

        if (allegationsChannel)
        {
            settings["Dsl:Allegations:ChannelId"] = HeadsChannel;
            settings["Dsl:Allegations:TeamId"] = HeadsTeam;
            settings["Dsl:Allegations:ServiceUrl"] = ServiceUrl;
        }

        return new BotApplicationFactory(settings)
        {
            Clock = _clock,
        };
    }

    private static void AcceptPosts(BotApplicationFactory bot)
    {
        bot.Connector.Setup(c => c.CreateConversationAsync(It.IsAny<string>(), It.IsAny<ConversationParameters>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, ConversationParameters p, CancellationToken _) =>
                new ConversationResourceResponse { Id = ((TeamsChannelData)p.ChannelData!).Channel!.Id + ";messageid=1001", ActivityId = "1001", ServiceUrl = ServiceUrl });
        bot.Connector.Setup(c => c.UpdateActivityAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, string _, string id, Activity _, CancellationToken _) => new ResourceResponse(id));
    }

    private static int TextsToReporter(BotApplicationFactory bot, string text) =>
        bot.Connector.Invocations.Count(i => i.Method.Name == nameof(IConnectorClient.SendToConversationAsync)
            && ((Activity)i.Arguments[2]!).Text is { } said && said.Contains(text, StringComparison.Ordinal));

    private static ContentPack Pack(BotApplicationFactory bot) => bot.Services.GetRequiredService<ContentLibrary>().Live;

    private static DslDelivery Delivery(BotApplicationFactory bot) => bot.Services.GetRequiredService<DslDelivery>();

    private static CaseStore Cases(BotApplicationFactory bot) => bot.Services.GetRequiredService<CaseStore>();
}
