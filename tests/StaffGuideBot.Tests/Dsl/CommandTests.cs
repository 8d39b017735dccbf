using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Tests.Http;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Dsl;

/// <summary>"open reports" and "report SG-…" in the DSL channel.</summary>
public sealed class CommandTests : IAsyncLifetime
{
    private const string Channel = "19:dsl@thread.tacv2";

    private readonly BotApplicationFactory _factory = new(new Dictionary<string, string?>
    {
        ["Dsl:ChannelId"] = Channel,
        ["Dsl:Roster:0"] = "aad-dsl-khan",
    });

    private ChatDriver _chat = null!;

    public async Task InitializeAsync()
    {
        _chat = new ChatDriver(_factory.CreateClient(), Channel + ";messageid=9");
        await SeedAsync("SG-2026-0001", CaseStatus.Delivered);
        await SeedAsync("SG-2026-0002", CaseStatus.Acknowledged);
        await SeedAsync("SG-2026-0003", CaseStatus.Delivered);
        await _factory.Services.GetRequiredService<CaseStore>().UpdateAsync("SG-2026-0003", c => c.Status = CaseStatus.Closed);
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Open_reports_lists_every_report_not_yet_closed()
    {
        await _chat.SendAsync(FromDsl("open reports"));

        var card = _chat.LastCard.ToJsonString();
        Assert.Contains("SG-2026-0001", card, StringComparison.Ordinal);
        Assert.Contains("SG-2026-0002", card, StringComparison.Ordinal);
        Assert.DoesNotContain("SG-2026-0003", card, StringComparison.Ordinal);
        Assert.Contains("Waiting for a DSL to acknowledge", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_shows_that_reports_card_and_the_show_button_does_the_same()
    {
        await _chat.SendAsync(FromDsl("report sg-2026-0002"));
        Assert.Contains("Report SG-2026-0002", _chat.LastCard.ToJsonString(), StringComparison.Ordinal);

        await _chat.SendAsync(FromDsl("open reports"));
        var show = FromDsl(null);
        show.Value = new JsonObject { ["dslShow"] = "SG-2026-0001" };
        await _chat.SendAsync(show);
        Assert.Contains("Report SG-2026-0001", _chat.LastCard.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_in_the_dsl_channel_but_off_the_roster_sees_the_reports_without_the_buttons_that_change_them()
    {
        var open = FromDsl("open reports");
        open.From!.AadObjectId = "aad-someone";
        await _chat.SendAsync(open);
        Assert.Contains("SG-2026-0001", _chat.LastText, StringComparison.Ordinal);

        var report = FromDsl("report SG-2026-0001");
        report.From!.AadObjectId = "aad-someone";
        await _chat.SendAsync(report);
        Assert.Contains("Report SG-2026-0001", _chat.LastCard.ToJsonString(), StringComparison.Ordinal);
        Assert.Null(_chat.LastCard["actions"]);
    }

    [Fact]
    public async Task Anything_else_gets_help_and_an_unknown_reference_is_explained()
    {
        await _chat.SendAsync(FromDsl("what can you do?"));
        Assert.Contains("open reports", _chat.LastText, StringComparison.Ordinal);

        await _chat.SendAsync(FromDsl("report SG-2026-9999"));
        Assert.Contains("can't find that report", _chat.LastText, StringComparison.Ordinal);
    }

    private static Activity FromDsl(string? text) => Activities.ChannelMessage(text, Channel, "aad-dsl-khan");

    private async Task SeedAsync(string reference, CaseStatus status)
    {
        await _factory.Services.GetRequiredService<IReportStore>().SaveAsync(new Report
        {
            Reference = reference,
            SubmittedAt = DateTimeOffset.UtcNow,
            StartedAt = DateTimeOffset.UtcNow,
            ContentPack = "england",
            ContentVersion = "abcd1234",
            Reporter = new Reporter { Name = "Alex", UserId = "29:alex", ConversationId = "a:alex", ServiceUrl = Activities.ServiceUrl },
            Answers = [],
            Flags = [],
        });
        await _factory.Services.GetRequiredService<CaseStore>().CreateAsync(new ReportCase { Reference = reference, Status = status });
    }
}
