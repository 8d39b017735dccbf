using System.Security.Claims;
using Microsoft.Extensions.Options;
using Moq;
using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.Guidance.Dsl;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Tests.Dsl;

/// <summary>Telling a reporter is a proactive turn through the adapter abstraction, under the bot's own identity.</summary>
public sealed class ReporterNotifierTests
{
    [Fact]
    public async Task The_reporter_is_reached_in_their_chat_under_the_bots_app_id()
    {
        var adapter = new Mock<BotAdapter>();
        ClaimsIdentity? identity = null;
        ConversationReference? reference = null;
        adapter.Setup(a => a.ContinueConversationAsync(It.IsAny<ClaimsIdentity>(), It.IsAny<ConversationReference>(), It.IsAny<BotCallbackHandler>(), It.IsAny<CancellationToken>()))
            .Callback((ClaimsIdentity i, ConversationReference r, BotCallbackHandler _, CancellationToken _) => (identity, reference) = (i, r))
            .Returns(Task.CompletedTask);
        var notifier = new ReporterNotifier(adapter.Object, Options.Create(new BotIdentityOptions { MicrosoftAppId = "app-123" }));
        var report = new Report
        {
            Reference = "SG-2026-0042",
            SubmittedAt = DateTimeOffset.UnixEpoch,
            StartedAt = DateTimeOffset.UnixEpoch,
            ContentVersion = "v1",
            ContentPack = "england",
            Answers = [],
            Flags = [],
            Reporter = new Reporter { UserId = "29:user", ConversationId = "a:chat-1", ServiceUrl = "https://smba.trafficmanager.net/uk/", TenantId = "tenant-1" },
        };

        await notifier.TellAsync(report, "It has reached the DSL");

        Assert.Equal("app-123", BotClaims.GetAudience(identity));
        Assert.Equal("a:chat-1", reference!.Conversation!.Id);
        Assert.Equal("https://smba.trafficmanager.net/uk/", reference.ServiceUrl);
    }
}
