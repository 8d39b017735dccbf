using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using StaffGuideBot.BotFramework.Authentication;
using StaffGuideBot.BotFramework.Builder;
using StaffGuideBot.BotFramework.Hosting;
using StaffGuideBot.BotFramework.Schema;

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
}
