using Microsoft.Extensions.DependencyInjection;
using Moq;
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

        await adapter.ContinueConversationAsync(reference, (ctx, ct) => ctx.SendActivityAsync("Reminder: SG-2026-0042 is waiting", ct));

        factory.Connector.Verify(c => c.SendToConversationAsync(
            Activities.ServiceUrl,
            "19:dsl@thread.tacv2;messageid=1795263380381",
            It.Is<Activity>(a => a.Text == "Reminder: SG-2026-0042 is waiting" && a.ReplyToId == null && a.Conversation!.Id == "19:dsl@thread.tacv2;messageid=1795263380381"),
            It.IsAny<CancellationToken>()), Times.Once);
        factory.Connector.Verify(c => c.ReplyToActivityAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<Activity>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
