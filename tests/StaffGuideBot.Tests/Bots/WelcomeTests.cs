using Microsoft.Extensions.DependencyInjection;
using StaffGuideBot.BotFramework.Schema;
using StaffGuideBot.Guidance.Content;
using StaffGuideBot.Tests.Http;
using StaffGuideBot.Tests.Support;

namespace StaffGuideBot.Tests.Bots;

/// <summary>
/// The welcome reaches a member of staff once per install of the app in their personal chat, whichever of the two
/// activities Teams sends for it comes first (the payloads are shaped as the Teams docs' "Conversation events" show
/// them); a team or group chat install posts no staff welcome.
/// </summary>
public sealed class WelcomeTests : IAsyncDisposable
{
    private const string Personal = $$"""{ "conversationType": "personal", "tenantId": "{{LocalOpenIdServer.TenantId}}", "id": "a:personal-install" }""";
    private const string TeamChannel = $$"""{ "isGroup": true, "conversationType": "channel", "tenantId": "{{LocalOpenIdServer.TenantId}}", "id": "19:dsl-reports@thread.tacv2", "name": "DSL reports" }""";
    private const string GroupChat = $$"""{ "isGroup": true, "conversationType": "groupChat", "tenantId": "{{LocalOpenIdServer.TenantId}}", "id": "19:group-chat@thread.v2" }""";

    private readonly BotApplicationFactory _bot = new();
    private readonly ChatDriver _chat;

    public WelcomeTests() => _chat = new ChatDriver(_bot.CreateClient(), "a:personal-install");

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    private string Welcome => _bot.Services.GetRequiredService<ContentLibrary>().Live.Text(TextKeys.Welcome);

    private int WelcomesReceived => _chat.Received.Count(a => a.Text == Welcome);

    [Fact]
    public async Task An_installation_update_alone_welcomes_once()
    {
        await _chat.SendAsync(InstallationUpdate("add", Personal));

        Assert.Equal(1, WelcomesReceived);
    }

    [Fact]
    public async Task A_conversation_update_holding_only_the_bot_welcomes_once()
    {
        await _chat.SendAsync(BotAdded(Personal));

        Assert.Equal(1, WelcomesReceived);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Both_activities_of_one_install_in_either_order_welcome_exactly_once(bool installationUpdateFirst)
    {
        var both = new[] { InstallationUpdate("add", Personal), BotAdded(Personal) };
        foreach (var activity in installationUpdateFirst ? both : both.Reverse())
        {
            await _chat.SendAsync(activity);
        }

        Assert.Equal(1, WelcomesReceived);
    }

    [Fact]
    public async Task Removing_the_app_and_adding_it_again_welcomes_again_once()
    {
        await _chat.SendAsync(InstallationUpdate("add", Personal));
        await _chat.SendAsync(BotAdded(Personal));
        await _chat.SendAsync(InstallationUpdate("remove", Personal));
        await _chat.SendAsync(InstallationUpdate("add", Personal));
        await _chat.SendAsync(BotAdded(Personal));

        Assert.Equal(2, WelcomesReceived);
    }

    [Theory]
    [InlineData(TeamChannel)]
    [InlineData(GroupChat)]
    public async Task A_team_or_group_chat_install_posts_no_staff_welcome(string conversation)
    {
        await _chat.SendAsync(InstallationUpdate("add", conversation));
        await _chat.SendAsync(BotAdded(conversation));

        Assert.Equal(0, WelcomesReceived);
    }

    [Fact]
    public async Task Someone_new_in_a_personal_chat_gets_a_short_welcome()
    {
        var added = Activities.Message(null, "a:personal-install");
        added.Type = ActivityTypes.ConversationUpdate;
        added.MembersAdded = [new ChannelAccount { Id = "29:user-alex" }, new ChannelAccount { Id = "28:bot" }];

        await _chat.SendAsync(added);

        Assert.Contains("Never send me an image or a file", _chat.LastText, StringComparison.Ordinal);
        Assert.Equal(1, WelcomesReceived);
    }

    [Fact]
    public async Task Someone_added_with_the_bot_and_then_the_installation_update_welcome_once()
    {
        var added = Activities.Message(null, "a:personal-install");
        added.Type = ActivityTypes.ConversationUpdate;
        added.MembersAdded = [new ChannelAccount { Id = "28:bot" }, new ChannelAccount { Id = "29:user-alex" }];

        await _chat.SendAsync(added);
        await _chat.SendAsync(InstallationUpdate("add", Personal));

        Assert.Equal(1, WelcomesReceived);
    }

    /// <summary>An installationUpdate as Teams sends it (action "add" or "remove"), in the given conversation.</summary>
    private static Activity InstallationUpdate(string action, string conversation) => BotJson.Deserialize<Activity>($$"""
        {
          "type": "installationUpdate",
          "id": "f:{{Guid.NewGuid()}}",
          "timestamp": "2026-11-20T10:42:00.000Z",
          "serviceUrl": "{{Activities.ServiceUrl}}",
          "channelId": "msteams",
          "from": { "id": "29:user-alex", "aadObjectId": "user-object-not-a-guid" },
          "recipient": { "id": "28:bot", "name": "StaffGuideBot" },
          "locale": "en-GB",
          "entities": [{ "type": "clientInfo", "locale": "en-GB" }],
          "conversation": {{conversation}},
          "channelData": {{ChannelData(conversation)}},
          "action": "{{action}}"
        }
        """)!;

    /// <summary>The conversationUpdate Teams sends when the app is added: membersAdded holds only the bot.</summary>
    private static Activity BotAdded(string conversation) => BotJson.Deserialize<Activity>($$"""
        {
          "type": "conversationUpdate",
          "membersAdded": [{ "id": "28:bot" }],
          "id": "f:{{Guid.NewGuid()}}",
          "timestamp": "2026-11-20T10:42:00.100Z",
          "serviceUrl": "{{Activities.ServiceUrl}}",
          "channelId": "msteams",
          "from": { "id": "29:user-alex", "aadObjectId": "user-object-not-a-guid" },
          "recipient": { "id": "28:bot", "name": "StaffGuideBot" },
          "conversation": {{conversation}},
          "channelData": {{ChannelData(conversation, "teamMemberAdded")}}
        }
        """)!;

    /// <summary>A personal or group chat carries only the tenant; a team install also the team and the chosen channel.</summary>
    private static string ChannelData(string conversation, string? teamEventType = null) => conversation == TeamChannel
        ? $$"""
            {
              "settings": { "selectedChannel": { "id": "19:dsl-reports@thread.tacv2" } },
              "channel": { "id": "19:dsl-reports@thread.tacv2" },
              "team": { "aadGroupId": "team-group", "name": "Safeguarding", "id": "19:team-safeguarding@thread.tacv2" },
              {{(teamEventType is null ? string.Empty : $"\"eventType\": \"{teamEventType}\",")}}
              "tenant": { "id": "{{LocalOpenIdServer.TenantId}}" }
            }
            """
        : $$"""{ "tenant": { "id": "{{LocalOpenIdServer.TenantId}}" } }""";
}
