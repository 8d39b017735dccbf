using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Guidance.Dsl;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Tests.Http;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Dsl;

/// <summary>"@StaffGuideBot trends": counts for this term and the last, for the roster only, with no names or typed words.</summary>
public sealed class TrendsTests
{
    private const string DslChannel = "19:dsl@thread.tacv2";
    private const string HeadsChannel = "19:heads@thread.tacv2";
    private const string OnRoster = "aad-dsl-khan";
    private const string OffRoster = "aad-someone-else";
    private const string Chair = "aad-chair";

    // Wednesday 2 December 2026: this term began on 1 September, the last ran from 15 April to 31 August.
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-12-02", "2026-09-01", "2026-04-15")]
    [InlineData("2026-09-01", "2026-09-01", "2026-04-15")]
    [InlineData("2026-08-31", "2026-04-15", "2026-01-01")]
    [InlineData("2027-01-05", "2027-01-01", "2026-09-01")]
    public void This_term_is_the_latest_start_on_or_before_today_and_last_term_the_one_before(string today, string thisTerm, string lastTerm)
    {
        var (last, current) = DslTrends.Terms(DslTrends.DefaultTermStarts, DateTimeOffset.Parse(today + "T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal((DateOnly.Parse(thisTerm, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(lastTerm, System.Globalization.CultureInfo.InvariantCulture)), (DateOnly.FromDateTime(current.DateTime), DateOnly.FromDateTime(last.DateTime)));
    }

    [Fact]
    public async Task The_counts_and_medians_are_right_for_each_term_and_have_no_names_or_typed_words()
    {
        await using var bot = Start();
        // This term: two reports, one acknowledged after 10 minutes and decided after 2 hours, one after 20 minutes.
        await SeedAsync(bot, new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero), ["adult_involved"], Answers("Snapchat and then WhatsApp", "y9", "y10"), acknowledgedAfter: 10, decidedAfter: 120, classification: "Abusive");
        await SeedAsync(bot, new(2026, 9, 1, 8, 0, 0, TimeSpan.Zero), [], Answers("a game called Zorblax", "y9"), acknowledgedAfter: 20);
        // Last term: one, on its first day (15 April, British Summer Time).
        await SeedAsync(bot, new(2026, 4, 14, 23, 30, 0, TimeSpan.Zero), ["adult_involved"], Answers("snapchat", "y7"), acknowledgedAfter: 30);
        // Before last term, and an allegation: not counted here.
        await SeedAsync(bot, new(2026, 4, 14, 22, 30, 0, TimeSpan.Zero), ["adult_involved"], Answers("TikTok", "y8"));
        await SeedAsync(bot, new(2026, 11, 3, 9, 0, 0, TimeSpan.Zero), ["adult_involved"], Answers("Discord", "y11"), allegation: true);

        var card = await AskAsync(bot, DslChannel, OnRoster);

        var terms = card["body"]!.AsArray().OfType<JsonObject>().Where(o => o["type"]!.GetValue<string>() == "Container").Select(Lines).ToList();
        Assert.Equal(2, terms.Count);
        var (current, last) = (terms[0], terms[1]);
        Assert.Equal(["This term, since 1 September 2026", "Reports: 2", "Median time to acknowledge: 15 minutes", "Median time to the first decision: 2 hours"], current.Take(4));
        Assert.Equal(["Last term, 15 April 2026 to 31 August 2026", "Reports: 1", "Median time to acknowledge: 30 minutes", "Median time to the first decision: none yet"], last.Take(4));

        Assert.Contains("An adult is involved: 1", current);
        Assert.Contains("Year 9: 2", current);
        Assert.Contains("Year 10: 1", current);
        Assert.Contains("Snapchat: 1", current);
        Assert.Contains("WhatsApp: 1", current);
        Assert.Contains("Other, or not named: 1", current);
        Assert.Contains("Abusive: 1", current);
        Assert.Contains("Snapchat: 1", last);
        Assert.Contains("Year 7: 1", last);
        Assert.DoesNotContain(last, l => l.StartsWith("Year 8", StringComparison.Ordinal) || l.StartsWith("Year 11", StringComparison.Ordinal));
        Assert.DoesNotContain(current, l => l.StartsWith("Year 11", StringComparison.Ordinal) || l.StartsWith("Discord", StringComparison.Ordinal));

        // Nothing of any report: no names, no typed words, no references.
        var json = card.ToJsonString();
        Assert.DoesNotContain("Zorblax", json, StringComparison.Ordinal);
        Assert.DoesNotContain("J.B.", json, StringComparison.Ordinal);
        Assert.DoesNotContain("SG-2026", json, StringComparison.Ordinal);
        Assert.DoesNotContain("he said", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Alex", json, StringComparison.Ordinal);
        AdaptiveCardSchema.AssertValid(card);
    }

    [Fact]
    public async Task The_allegations_channel_counts_only_allegations()
    {
        await using var bot = Start();
        await SeedAsync(bot, new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero), [], Answers("Snapchat", "y9"));
        await SeedAsync(bot, new(2026, 11, 3, 9, 0, 0, TimeSpan.Zero), [], Answers("Discord", "y11"), allegation: true);

        var card = await AskAsync(bot, HeadsChannel, Chair);

        var current = Lines(card["body"]!.AsArray().OfType<JsonObject>().First(o => o["type"]!.GetValue<string>() == "Container"));
        Assert.Contains("Reports: 1", current);
        Assert.Contains("Discord: 1", current);
        Assert.DoesNotContain("Snapchat: 1", current);
    }

    [Fact]
    public async Task Only_the_roster_gets_trends_and_nowhere_but_its_channel()
    {
        await using var bot = Start();
        await SeedAsync(bot, new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero), ["adult_involved"], Answers("Snapchat", "y9"));
        var pack = bot.Services.GetRequiredService<ContentLibrary>().Live;

        var offRoster = await SendAsync(bot, Activities.ChannelMessage("trends", DslChannel, OffRoster));
        var personal = Activities.Message("trends", "a:personal-1");
        personal.From!.AadObjectId = OnRoster;
        var outside = await SendAsync(bot, personal);

        Assert.Equal(pack.Text(TextKeys.DslRosterOnly), offRoster.Single().Text);
        Assert.Equal(pack.Text(TextKeys.DslNotHere), outside.Single().Text);
        Assert.All(offRoster.Concat(outside), a => Assert.Empty(ChatDriver.CardsOf(a)));
    }

    private static BotApplicationFactory Start() => new(new Dictionary<string, string?>
    {
        ["Dsl:ChannelId"] = DslChannel,
        ["Dsl:Roster:0"] = OnRoster,
        ["Dsl:Allegations:ChannelId"] = HeadsChannel,
        ["Dsl:Allegations:Roster:0"] = Chair,
    })
    {
        Clock = new FakeTimeProvider(Now),
    };

    private static JsonObject Answers(string platform, params string[] yearGroups) => new()
    {
        ["came_to_attention"] = "child_told",
        ["what_was_said"] = "he said he would post it",
        ["adult_involved"] = "yes",
        ["platform"] = platform,
        ["children"] = new JsonArray([.. yearGroups.Select((y, i) => (JsonNode)new JsonObject { ["name"] = $"J.B.{i}", ["year_group"] = y })]),
    };

    private static async Task SeedAsync(BotApplicationFactory bot, DateTimeOffset sent, IReadOnlyList<string> flags, JsonObject answers, int? acknowledgedAfter = null, int? decidedAfter = null, string? classification = null, bool allegation = false)
    {
        var store = bot.Services.GetRequiredService<IReportStore>();
        var reference = await store.NextReferenceAsync(sent.Year, allegation);
        await store.SaveAsync(new Report
        {
            Reference = reference,
            SubmittedAt = sent,
            StartedAt = sent,
            ContentPack = "england",
            ContentVersion = "v",
            Reporter = new Reporter { Name = "Alex Wilber", UserId = "29:alex", ConversationId = "a:alex", ServiceUrl = "https://smba.example/" },
            Answers = answers,
            Flags = flags,
            Allegation = allegation,
        });
        var reportCase = new ReportCase { Reference = reference, Status = CaseStatus.Delivered, Allegation = allegation };
        reportCase.Delivery.DeliveredAt = sent;
        reportCase.Record(CaseEventKind.Delivered, sent);
        var dsl = new Person { Name = "Ms Khan", AadObjectId = OnRoster };
        if (acknowledgedAfter is { } minutes)
        {
            reportCase.Status = CaseStatus.Acknowledged;
            reportCase.Record(CaseEventKind.Acknowledged, sent.AddMinutes(minutes), dsl);
        }

        if (decidedAfter is { } decided)
        {
            reportCase.Decisions.Add(new Decision
            {
                Outcomes = [new RecordedChoice { Id = "police", Title = "Refer to the police" }],
                Reasons = "Ms Khan's reasons, not to be counted",
                Classifications = classification is null ? [] : [new RecordedChoice { Id = "hackett", Title = "Hackett continuum", Detail = classification }],
                By = dsl,
                At = sent.AddMinutes(decided),
            });
            reportCase.Record(CaseEventKind.Decision, sent.AddMinutes(decided), dsl, "Refer to the police");
        }

        await bot.Services.GetRequiredService<CaseStore>().CreateAsync(reportCase);
    }

    private static async Task<JsonObject> AskAsync(BotApplicationFactory bot, string channel, string who)
    {
        var replies = await SendAsync(bot, Activities.ChannelMessage("trends", channel, who, channel == HeadsChannel ? "team-heads" : "team-dsl"));
        return replies.SelectMany(ChatDriver.CardsOf).Single();
    }

    private static async Task<IReadOnlyList<Activity>> SendAsync(BotApplicationFactory bot, Activity activity) =>
        await new ChatDriver(bot.CreateClient(), activity.Conversation!.Id!).SendAsync(activity);

    /// <summary>A term's lines: each text, and each fact as "label: count".</summary>
    private static List<string> Lines(JsonObject term) =>
        term["items"]!.AsArray().OfType<JsonObject>().SelectMany(i => i["type"]!.GetValue<string>() == "FactSet"
            ? i["facts"]!.AsArray().Select(f => $"{f!["title"]!.GetValue<string>()}: {f["value"]!.GetValue<string>()}")
            : [i["text"]!.GetValue<string>()]).ToList();
}
