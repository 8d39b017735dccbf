using System.Net.Http.Headers;
using System.Text;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.Tests.Http;

/// <summary>Activities as Teams (or the Agents Playground) would post them.</summary>
public static class Activities
{
    public const string ServiceUrl = "https://smba.trafficmanager.net/uk/";

    public static Activity Message(string? text, string conversationId = "a:personal-1", string? deliveryMode = null, object? value = null, string tenant = LocalOpenIdServer.TenantId) => new()
    {
        Type = ActivityTypes.Message,
        Id = Guid.NewGuid().ToString(),
        Text = text,
        Value = value,
        DeliveryMode = deliveryMode,
        ChannelId = Channels.Msteams,
        ServiceUrl = ServiceUrl,
        From = new ChannelAccount { Id = "29:user-alex", Name = "Alex Wilber", AadObjectId = "user-object-not-a-guid" },
        Recipient = new ChannelAccount { Id = "28:bot", Name = "StaffGuideBot" },
        Conversation = new ConversationAccount { Id = conversationId, ConversationType = ConversationTypes.Personal, TenantId = tenant },
        ChannelData = new TeamsChannelData { Tenant = new TenantInfo { Id = tenant } },
        Locale = "en-GB",
    };

    /// <summary>A message in a Teams channel thread that @mentions the bot, as Teams sends it.</summary>
    public static Activity ChannelMessage(string? text, string channelId, string aadObjectId, string teamId = "team-dsl")
    {
        var activity = Message(text is null ? null : "<at>StaffGuideBot</at> " + text, channelId + ";messageid=9");
        activity.Conversation!.ConversationType = ConversationTypes.Channel;
        activity.Conversation.IsGroup = true;
        activity.From!.AadObjectId = aadObjectId;
        activity.Entities =
        [
            new Entity
            {
                Type = "mention",
                Properties = new Dictionary<string, System.Text.Json.JsonElement>
                {
                    ["text"] = System.Text.Json.JsonSerializer.SerializeToElement("<at>StaffGuideBot</at>"),
                    ["mentioned"] = System.Text.Json.JsonSerializer.SerializeToElement(new { id = "28:bot", name = "StaffGuideBot" }),
                },
            },
        ];
        activity.ChannelData = new TeamsChannelData { Channel = new ChannelInfo { Id = channelId }, Team = new TeamInfo { Id = teamId }, Tenant = new TenantInfo { Id = LocalOpenIdServer.TenantId } };
        return activity;
    }

    public static Activity Invoke(string name, object? value, string conversationId = "a:personal-1")
    {
        var activity = Message(null, conversationId);
        activity.Type = ActivityTypes.Invoke;
        activity.Name = name;
        activity.Value = value;
        return activity;
    }

    public static HttpRequestMessage Post(Activity activity, string? bearer = null) => Post(BotJson.Serialize(activity), bearer);

    public static HttpRequestMessage Post(string json, string? bearer = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(json, Encoding.UTF8, contentType),
        };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return request;
    }
}
