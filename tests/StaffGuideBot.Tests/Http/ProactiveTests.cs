using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Hosting;
using StaffGuideBot.BotFramework.Connector;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.Guidance.Dsl;
using StaffGuideBot.Guidance.Reports;

namespace StaffGuideBot.Tests.Http;

public sealed class ProactiveTests
{
    [Fact]
    public async Task A_proactive_turn_posts_to_the_conversation_of_the_reference()
    {
        await using var factory = new BotApplicationFactory();
        _ = factory.Server;
        var adapter = factory.Services.GetRequiredService<CloudAdapter>();
        var reference = Activities.Message("earlier").GetConversationReference();
        reference.Conversation!.Id = "19:dsl@thread.tacv2;messageid=1795263380381";

        await adapter.ContinueConversationAsync(BotClaims.CreateIdentity("bot-app-id"), reference, (ctx, ct) => ctx.SendActivityAsync("Reminder: SG-2026-0042 is waiting", ct), CancellationToken.None);

        factory.Connector.Verify(c => c.SendToConversationAsync(
            Activities.ServiceUrl,
            "19:dsl@thread.tacv2;messageid=1795263380381",
            It.Is<Activity>(a => a.Text == "Reminder: SG-2026-0042 is waiting" && a.ReplyToId == null && a.Conversation!.Id == "19:dsl@thread.tacv2;messageid=1795263380381"),
            It.IsAny<CancellationToken>()), Times.Once);
        factory.Connector.Verify(c => c.ReplyToActivityAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_proactive_turn_carries_the_bots_own_identity_and_services_reach_it_through_the_adapter_abstraction()
    {
        await using var factory = new BotApplicationFactory();
        _ = factory.Server;
        var adapter = factory.Services.GetRequiredService<BotAdapter>();
        Assert.Same(factory.Services.GetRequiredService<CloudAdapter>(), adapter);
        var reference = Activities.Message("earlier").GetConversationReference();
        ClaimsIdentity? seen = null;

        await adapter.ContinueConversationAsync(BotClaims.CreateIdentity("bot-app-id"), reference, (ctx, _) =>
        {
            seen = ctx.TurnState.Get<ClaimsIdentity>();
            return Task.CompletedTask;
        }, CancellationToken.None);

        Assert.NotNull(seen);
        Assert.Equal("bot-app-id", BotClaims.GetAudience(seen));
        Assert.Equal("bot-app-id", seen.FindFirst(BotClaims.AppIdClaim)?.Value);
        Assert.True(seen.IsAuthenticated);
    }

    [Fact]
    public void In_local_mode_the_bots_identity_is_anonymous()
    {
        var identity = BotClaims.CreateIdentity(null);

        Assert.False(identity.IsAuthenticated);
        Assert.Null(BotClaims.GetAudience(identity));
        Assert.Empty(identity.Claims);
    }

    [Fact]
    public async Task A_reporter_notice_that_Teams_refuses_fails_for_its_caller_instead_of_vanishing_in_the_turn_error_handler()
    {
        // The adapter's turn error handler catches what a turn throws (and tries to apologise in the same chat);
        // for a proactive notice that would count a message that never arrived as sent, and it would not be tried again.
        await using var factory = new BotApplicationFactory();
        _ = factory.Server;
        factory.Connector.Setup(c => c.SendToConversationAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConnectorException(403, "BotNotInConversationRoster", "The bot is not part of the conversation roster."));
        var notifier = factory.Services.GetRequiredService<IReporterNotifier>();
        var report = new Report
        {
            Reference = "SG-2026-0042",
            SubmittedAt = DateTimeOffset.UnixEpoch,
            StartedAt = DateTimeOffset.UnixEpoch,
            ContentVersion = "v1",
            ContentPack = "england",
            Answers = [],
            Flags = [],
            Reporter = new Reporter { UserId = "29:user", ConversationId = "a:chat-1", ServiceUrl = Activities.ServiceUrl, TenantId = "tenant-1" },
        };

        await Assert.ThrowsAsync<ConnectorException>(() => notifier.TellAsync(report, "It has reached the DSL"));
    }
}
