using System.Net;
using Microsoft.Extensions.DependencyInjection;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.Guidance.Dsl;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Tests.Http;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Dsl;

/// <summary>
/// What counts as the DSL channel: a Teams conversation that is the channel or one of its threads, in the DSL
/// team and tenant when those are configured. Channel data alone proves nothing: on Web Chat and Direct Line the
/// client writes it, and a personal chat's activity can carry any channel data a caller puts there.
/// </summary>
public sealed class DslChannelTests
{
    private const string Channel = "19:dsl@thread.tacv2";
    private const string Team = "19:dsl-team@thread.tacv2";
    private const string Tenant = LocalOpenIdServer.TenantId;

    private static DslOptions Options(string? team = Team, string? tenant = Tenant) => new() { ChannelId = Channel, TeamId = team, TenantId = tenant };

    private static Activity InChannel(string conversationId = Channel + ";messageid=42", string? channelDataChannel = Channel, string? team = Team, string tenant = Tenant)
    {
        var activity = Activities.ChannelMessage("open reports", Channel, "aad-dsl-khan", team ?? "ignored");
        activity.Conversation!.Id = conversationId;
        activity.Conversation.TenantId = tenant;
        activity.ChannelData = new TeamsChannelData
        {
            Channel = channelDataChannel is null ? null : new ChannelInfo { Id = channelDataChannel },
            Team = team is null ? null : new TeamInfo { Id = team },
            Tenant = new TenantInfo { Id = tenant },
        };
        return activity;
    }

    [Fact]
    public void The_channel_itself_and_its_threads_are_the_DSL_channel()
    {
        Assert.True(DslChannel.Contains(Options(), InChannel()));
        Assert.True(DslChannel.Contains(Options(), InChannel(conversationId: Channel)));
        Assert.True(DslChannel.Contains(Options(team: null, tenant: null), InChannel(channelDataChannel: null, team: null)));
    }

    [Fact]
    public void Channel_data_naming_the_DSL_channel_does_not_make_another_conversation_the_DSL_channel()
    {
        Assert.False(DslChannel.Contains(Options(), InChannel(conversationId: "a:personal-attacker")));
        Assert.False(DslChannel.Contains(Options(), InChannel(conversationId: "19:general@thread.tacv2;messageid=1")));
        Assert.False(DslChannel.Contains(Options(), InChannel(conversationId: Channel + "x;messageid=1")));
    }

    [Fact]
    public void Only_Teams_activities_can_come_from_the_DSL_channel()
    {
        foreach (var channelId in new[] { "directline", "webchat", "emulator", "test", "", null })
        {
            var activity = InChannel();
            activity.ChannelId = channelId;
            Assert.False(DslChannel.Contains(Options(), activity), channelId);
        }
    }

    [Fact]
    public void Channel_data_that_disagrees_or_another_team_or_tenant_is_not_the_DSL_channel()
    {
        Assert.False(DslChannel.Contains(Options(), InChannel(channelDataChannel: "19:general@thread.tacv2")));
        Assert.False(DslChannel.Contains(Options(), InChannel(team: "19:other-team@thread.tacv2")));
        Assert.False(DslChannel.Contains(Options(), InChannel(tenant: "11111111-2222-3333-4444-555555555555")));
    }

    [Fact]
    public void Nothing_is_the_DSL_channel_while_none_is_set()
    {
        Assert.False(DslChannel.Contains(new DslOptions(), InChannel()));
    }

    /// <summary>The review's proof: a personal chat whose channel data names the DSL channel read and closed reports.</summary>
    [Fact]
    public async Task A_personal_chat_with_channel_data_naming_the_DSL_channel_reads_and_changes_nothing()
    {
        await using var bot = new BotApplicationFactory(new Dictionary<string, string?>
        {
            ["Dsl:ChannelId"] = Channel,
            ["Dsl:Roster:0"] = "aad-dsl-khan",
        });
        var store = bot.Services.GetRequiredService<IReportStore>();
        var now = DateTimeOffset.UtcNow;
        var report = DslTestData.NewReport(await store.NextReferenceAsync(now.Year), now);
        await store.SaveAsync(report);
        var reportCase = new ReportCase { Reference = report.Reference, Status = CaseStatus.Delivered };
        reportCase.Record(CaseEventKind.Delivered, now);
        await bot.Services.GetRequiredService<CaseStore>().CreateAsync(reportCase);

        var read = Activities.Message("report " + report.Reference, "a:personal-attacker");
        read.From!.AadObjectId = "aad-dsl-khan";
        read.ChannelData = new TeamsChannelData { Channel = new ChannelInfo { Id = Channel } };
        var replies = await new ChatDriver(bot.CreateClient(), "a:personal-attacker").SendAsync(read);
        // What the replies say (the recipient is the caller, whatever their name).
        var said = string.Join("\n", replies.Select(r => r.Text + BotJson.Serialize(r.Attachments ?? [])));
        Assert.NotEmpty(replies);
        Assert.DoesNotContain("J.B.", said, StringComparison.Ordinal);
        Assert.DoesNotContain(report.Reporter.Name!, said, StringComparison.Ordinal);

        var close = Activities.Invoke("adaptiveCard/action", new { action = new { type = "Action.Execute", verb = "close", data = new { reference = report.Reference } } }, "a:personal-attacker");
        close.From!.AadObjectId = "aad-dsl-khan";
        close.ChannelData = new TeamsChannelData { Channel = new ChannelInfo { Id = Channel } };
        var response = await bot.CreateClient().SendAsync(Activities.Post(close));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("J.B.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Delivered, (await bot.Services.GetRequiredService<CaseStore>().FindAsync(report.Reference))!.Status);
    }
}
