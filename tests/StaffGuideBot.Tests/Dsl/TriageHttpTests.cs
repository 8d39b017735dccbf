using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.Guidance.Reports;
using StaffGuideBot.Tests.Http;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Dsl;

/// <summary>An Action.Execute from the summary card, through the real host.</summary>
public sealed class TriageHttpTests
{
    [Fact]
    public async Task Acknowledge_on_the_card_returns_the_updated_card_in_the_invoke_response()
    {
        await using var factory = new BotApplicationFactory(new Dictionary<string, string?>
        {
            ["Dsl:ChannelId"] = "19:dsl@thread.tacv2",
            ["Dsl:Roster:0"] = "aad-dsl-khan",
        });
        using var client = factory.CreateClient();
        var services = factory.Services;
        await services.GetRequiredService<IReportStore>().SaveAsync(new Report
        {
            Reference = "SG-2026-0007",
            SubmittedAt = DateTimeOffset.UtcNow,
            StartedAt = DateTimeOffset.UtcNow,
            ContentPack = "england",
            ContentVersion = "abcd1234",
            Reporter = new Reporter { Name = "Alex", UserId = "29:alex", ConversationId = "a:alex", ServiceUrl = Activities.ServiceUrl },
            Answers = new JsonObject { ["adult_involved"] = "yes" },
            Flags = ["adult_involved"],
        });
        await services.GetRequiredService<CaseStore>().CreateAsync(new ReportCase { Reference = "SG-2026-0007", Status = CaseStatus.Delivered });
        var invoke = Activities.Invoke("adaptiveCard/action", new { action = new { type = "Action.Execute", verb = "acknowledge", data = new { reference = "SG-2026-0007" } } },
            conversationId: "19:dsl@thread.tacv2;messageid=42");
        invoke.From!.AadObjectId = "aad-dsl-khan";
        invoke.From.Name = "Ms Khan";
        invoke.Conversation!.ConversationType = ConversationTypes.Channel;

        var response = await client.SendAsync(Activities.Post(invoke));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(Attachment.AdaptiveCardContentType, body["type"]!.GetValue<string>());
        AdaptiveCardSchema.AssertValid(body["value"]!);
        Assert.Contains("Ms Khan", body["value"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Acknowledged, (await services.GetRequiredService<CaseStore>().FindAsync("SG-2026-0007"))!.Status);
    }
}
