using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Tests.Http;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Dsl;

/// <summary>What the DSL tests share: the channel they use, a sample report, and ways to send one.</summary>
internal static class DslTestData
{
    public const string ChannelId = "19:dsl-team-channel@thread.tacv2";
    public const string TeamId = "19:dsl-team@thread.tacv2";
    public const string DslServiceUrl = "https://smba.trafficmanager.net/emea/";

    public static string ThreadOf(string activityId) => $"{ChannelId};messageid={activityId}";

    /// <summary>A report as the staff flow would store it: a 14-year-old, sent now.</summary>
    public static Report NewReport(string reference, DateTimeOffset now, IReadOnlyList<string>? flags = null, string danger = "no") => new()
    {
        Reference = reference,
        SubmittedAt = now,
        StartedAt = now.AddMinutes(-5),
        ContentPack = "england",
        ContentVersion = "abcdef12",
        Reporter = new Reporter
        {
            Name = "Alex Wilber",
            AadObjectId = "user-object-not-a-guid",
            UserId = "29:user-alex",
            ConversationId = "a:personal-1",
            ServiceUrl = Activities.ServiceUrl,
            TenantId = LocalOpenIdServer.TenantId,
        },
        Answers = new JsonObject { ["immediate_danger"] = danger, ["children"] = new JsonArray { new JsonObject { ["name"] = "J.B.", ["age"] = 14 } } },
        Flags = flags ?? [],
    };

    /// <summary>Stores a new report and hands it to the DSL escalation, as sending one does; returns its reference.</summary>
    public static async Task<string> HandOffAsync(BotApplicationFactory bot, DateTimeOffset now, IReadOnlyList<string>? flags = null)
    {
        var store = bot.Services.GetRequiredService<IReportStore>();
        var report = NewReport(await store.NextReferenceAsync(now.Year), now, flags);
        await store.SaveAsync(report);
        await bot.Services.GetRequiredService<IDslEscalation>().HandOffAsync(report);
        return report.Reference;
    }

    /// <summary>A whole report through the chat, to the receipt.</summary>
    public static async Task SendWholeReportAsync(ChatDriver chat)
    {
        await chat.WalkToChildrenAsync("She said: \"he's got a pic *of me*\"", "a pupil told me something");
        await chat.ClickAsync(ChatDriver.SaveThisChild, new Dictionary<string, string> { ["name"] = "J.B.", ["age"] = "14", ["role"] = "shown,told", ["wellbeing"] = "distressed" });
        await chat.ClickAsync("Next", new Dictionary<string, string> { ["adult_involved"] = "no", ["image_description"] = "A photo, described as topless", ["sexual_acts"] = "no", ["platform"] = "Snapchat" });
        await chat.ClickAsync("Next", new Dictionary<string, string> { ["spread"] = "a_few", ["without_consent"] = "yes", ["device_location"] = "With the pupil", ["actions_taken"] = "Told the DSL by phone" });
        await chat.ClickAsync("Send to the DSL");
        Assert.Matches(@"SG-\d{4}-\d{4}", chat.LastText);
    }
}
