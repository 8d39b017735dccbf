using System.Net;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.Guidance.Cards;
using StaffGuideBot.Tests.Http;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Bots;

/// <summary>The minimal greeting, through the real HTTP pipeline with expectReplies.</summary>
public sealed class GuideBotTests : IDisposable
{
    private readonly BotApplicationFactory _factory = new();
    private readonly HttpClient _client;

    public GuideBotTests() => _client = _factory.CreateClient();

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task A_first_message_in_personal_chat_gets_a_valid_welcome_card_with_one_button()
    {
        var reply = Assert.Single(await SendAsync(Activities.Message("hello")));

        var attachment = Assert.Single(reply.Attachments!);
        Assert.Equal(Attachment.AdaptiveCardContentType, attachment.ContentType);
        var card = JsonNode.Parse(BotJson.Serialize(attachment.Content))!;
        AdaptiveCardSchema.AssertValid(card);
        Assert.Contains("Welcome to StaffGuideBot", card.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Hello Alex.", card.ToJsonString(), StringComparison.Ordinal);
        var action = Assert.Single(card["actions"]!.AsArray())!;
        Assert.Equal(WelcomeCard.ButtonTitle, action["title"]!.GetValue<string>());
    }

    [Fact]
    public void The_card_is_valid_without_a_name_too()
    {
        AdaptiveCardSchema.AssertValid(WelcomeCard.Create(null));
        Assert.DoesNotContain("Hello", WelcomeCard.Create(null).ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pressing_the_button_gets_the_answer()
    {
        var card = WelcomeCard.Create("Alex");
        var data = card["actions"]![0]!["data"]!.DeepClone();

        var reply = Assert.Single(await SendAsync(Activities.Message(null, value: data)));

        Assert.StartsWith("When a pupil tells you", reply.Text, StringComparison.Ordinal);
        Assert.Contains("never keep them", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_button_from_something_else_gets_a_kind_explanation_not_an_error()
    {
        var reply = Assert.Single(await SendAsync(Activities.Message(null, value: new { action = "something.old" })));

        Assert.Contains("older message", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_a_channel_the_bot_points_to_personal_chat()
    {
        var activity = Activities.Message("<at>StaffGuideBot</at> hello", conversationId: "19:team@thread.tacv2;messageid=1");
        activity.Conversation!.ConversationType = ConversationTypes.Channel;
        activity.Conversation.IsGroup = true;

        var reply = Assert.Single(await SendAsync(activity));

        Assert.Contains("one-to-one chat", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_conversation_state_survives_a_restart_of_the_bot_with_sqlite()
    {
        var folder = Directory.CreateTempSubdirectory("sgb-restart-").FullName;
        var settings = new Dictionary<string, string?> { ["Storage:Provider"] = "Sqlite", ["Storage:SqlitePath"] = Path.Combine(folder, "state.db") };
        try
        {
            await using (var first = new BotApplicationFactory(settings))
            {
                using var client = first.CreateClient();
                await client.SendAsync(Activities.Post(Activities.Message("hello", deliveryMode: DeliveryModes.ExpectReplies)));
                await client.SendAsync(Activities.Post(Activities.Message("hello again", deliveryMode: DeliveryModes.ExpectReplies)));
            }

            await using (var restarted = new BotApplicationFactory(settings))
            {
                using var client = restarted.CreateClient();
                await client.SendAsync(Activities.Post(Activities.Message("after the restart", deliveryMode: DeliveryModes.ExpectReplies)));
            }

            var storage = new BotFramework.State.SqliteStorage(Path.Combine(folder, "state.db"));
            var stored = await storage.ReadAsync(["msteams/conversations/a:personal-1"]);
            Assert.Equal(3, stored["msteams/conversations/a:personal-1"].Document["Greeting"]!["messages"]!.GetValue<int>());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<IList<Activity>> SendAsync(Activity activity)
    {
        activity.DeliveryMode = DeliveryModes.ExpectReplies;
        var response = await _client.SendAsync(Activities.Post(activity));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return BotJson.Deserialize<ExpectedReplies>(await response.Content.ReadAsStringAsync())!.Activities;
    }
}
