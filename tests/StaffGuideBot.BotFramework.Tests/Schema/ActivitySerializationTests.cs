using System.Text.Json;
using System.Text.Json.Nodes;
using StaffGuideBot.BotFramework.Schema;

namespace StaffGuideBot.BotFramework.Tests.Schema;

public class ActivitySerializationTests
{
    // A Teams channel message as the Agents Playground sends it (its default ids are not GUIDs), plus fields
    // this project does not model, at the top level and inside nested objects.
    private const string ChannelMessage = """
        {
          "type": "message",
          "id": "6cd2cfba-1",
          "timestamp": "2026-11-21T10:42:00.123Z",
          "serviceUrl": "http://localhost:56150/_connector",
          "channelId": "msteams",
          "from": { "id": "user-id-0", "name": "Alex Wilber", "aadObjectId": "00000000-0000-0000-0000-0000000000020", "futureField": 1 },
          "conversation": { "isGroup": true, "conversationType": "channel", "tenantId": "00000000-0000-0000-0000-0000000000001", "id": "19:abc@thread.tacv2;messageid=1795263380381" },
          "recipient": { "id": "00000000-0000-0000-0000-00000000000011", "name": "Test Bot" },
          "text": "<at>Test Bot</at> open reports",
          "textFormat": "plain",
          "entities": [
            { "type": "mention", "mentioned": { "id": "00000000-0000-0000-0000-00000000000011", "name": "Test Bot" }, "text": "<at>Test Bot</at>" },
            { "type": "clientInfo", "locale": "en-GB", "platform": "Web" }
          ],
          "channelData": {
            "teamsChannelId": "19:abc@thread.tacv2",
            "teamsTeamId": "team-id",
            "tenant": { "id": "00000000-0000-0000-0000-0000000000001" },
            "team": { "id": "team-id", "name": "DSL Team", "aadGroupId": "not-a-guid" },
            "channel": { "id": "19:abc@thread.tacv2", "name": "Reports" },
            "eventType": "channelRenamed",
            "someNewTeamsThing": { "nested": [1, 2, 3] }
          },
          "attachments": [ { "contentType": "application/vnd.microsoft.card.adaptive", "content": { "type": "AdaptiveCard", "version": "1.5" }, "unknownAttachmentField": "x" } ],
          "localTimezone": "Europe/London",
          "semanticAction": { "id": "kept", "state": "start" },
          "replyToId": "1795263374739"
        }
        """;

    [Fact]
    public void Every_id_is_kept_as_the_exact_string_sent()
    {
        var activity = BotJson.Deserialize<Activity>(ChannelMessage)!;

        Assert.Equal("user-id-0", activity.From!.Id);
        Assert.Equal("00000000-0000-0000-0000-0000000000020", activity.From.AadObjectId);
        Assert.Equal("00000000-0000-0000-0000-0000000000001", activity.GetTenantId());
        Assert.Equal("19:abc@thread.tacv2;messageid=1795263380381", activity.Conversation!.Id);
        Assert.Equal("00000000-0000-0000-0000-00000000000011", activity.Recipient!.Id);
        Assert.Equal("6cd2cfba-1", activity.Id);
    }

    [Fact]
    public void Teams_channel_data_is_readable()
    {
        var teams = BotJson.Deserialize<Activity>(ChannelMessage)!.GetTeamsChannelData()!;

        Assert.Equal("team-id", teams.Team!.Id);
        Assert.Equal("not-a-guid", teams.Team.AadGroupId);
        Assert.Equal("19:abc@thread.tacv2", teams.Channel!.Id);
        Assert.Equal(TeamsEventTypes.ChannelRenamed, teams.EventType);
        Assert.Equal("00000000-0000-0000-0000-0000000000001", teams.Tenant!.Id);
    }

    [Fact]
    public void Unknown_properties_survive_a_round_trip_at_every_level()
    {
        var activity = BotJson.Deserialize<Activity>(ChannelMessage)!;
        var written = JsonNode.Parse(BotJson.Serialize(activity))!;
        var original = JsonNode.Parse(ChannelMessage)!;

        Assert.True(JsonNode.DeepEquals(original["semanticAction"], written["semanticAction"]), $"{original["semanticAction"]?.ToJsonString()} became {written["semanticAction"]?.ToJsonString()}");
        Assert.Equal(1, written["from"]!["futureField"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(original["channelData"], written["channelData"]), $"{original["channelData"]?.ToJsonString()} became {written["channelData"]?.ToJsonString()}");
        Assert.Equal("x", written["attachments"]![0]!["unknownAttachmentField"]!.GetValue<string>());
        Assert.Equal("en-GB", written["entities"]![1]!["locale"]!.GetValue<string>());
        Assert.Equal("Europe/London", written["localTimezone"]!.GetValue<string>());
    }

    [Fact]
    public void A_minimal_activity_with_only_a_type_is_accepted_and_written_without_nulls()
    {
        var activity = BotJson.Deserialize<Activity>("""{"type":"typing"}""")!;

        Assert.Equal(ActivityTypes.Typing, activity.Type);
        Assert.Null(activity.From);
        Assert.Null(activity.GetTeamsChannelData());
        Assert.Null(activity.GetTenantId());
        Assert.Equal("""{"type":"typing"}""", BotJson.Serialize(activity));
    }

    [Fact]
    public void Property_names_are_camel_case_on_the_wire()
    {
        var json = BotJson.Serialize(new Activity { Type = "message", ReplyToId = "1", ServiceUrl = "https://x/", DeliveryMode = DeliveryModes.ExpectReplies });

        Assert.Contains("\"replyToId\":\"1\"", json, StringComparison.Ordinal);
        Assert.Contains("\"serviceUrl\":\"https://x/\"", json, StringComparison.Ordinal);
        Assert.Contains("\"deliveryMode\":\"expectReplies\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_card_submission_value_can_be_read_typed_or_raw()
    {
        var activity = BotJson.Deserialize<Activity>("""{"type":"message","value":{"action":"welcome.more","count":2}}""")!;

        var raw = Assert.IsType<JsonElement>(activity.Value);
        Assert.Equal("welcome.more", raw.GetProperty("action").GetString());
        Assert.Equal(2, activity.GetValue<Dictionary<string, JsonElement>>()!["count"].GetInt32());
    }

    [Fact]
    public void Channel_data_of_the_wrong_shape_reads_as_null_rather_than_throwing()
    {
        var activity = BotJson.Deserialize<Activity>("""{"type":"message","channelData":"just a string"}""")!;

        Assert.Null(activity.GetTeamsChannelData());
    }

    [Fact]
    public void The_recipient_mention_is_removed_from_channel_text()
    {
        var activity = BotJson.Deserialize<Activity>(ChannelMessage)!;

        Assert.Equal("open reports", activity.RemoveRecipientMention());
    }

    [Fact]
    public void A_reply_goes_back_to_the_sender_in_the_same_conversation()
    {
        var inbound = BotJson.Deserialize<Activity>(ChannelMessage)!;

        var reply = inbound.CreateReply("hi");

        Assert.Equal(inbound.From!.Id, reply.Recipient!.Id);
        Assert.Equal(inbound.Recipient!.Id, reply.From!.Id);
        Assert.Equal(inbound.Conversation!.Id, reply.Conversation!.Id);
        Assert.Equal(inbound.Id, reply.ReplyToId);
        Assert.Equal(inbound.ServiceUrl, reply.ServiceUrl);
    }

    [Fact]
    public void Connector_shapes_round_trip()
    {
        var parameters = new ConversationParameters
        {
            IsGroup = true,
            ChannelData = new TeamsChannelData { Channel = new ChannelInfo { Id = "19:dsl@thread.tacv2" } },
            Activity = Activity.CreateMessageActivity("new report"),
        };

        var node = JsonNode.Parse(BotJson.Serialize(parameters))!;

        Assert.Equal("19:dsl@thread.tacv2", node["channelData"]!["channel"]!["id"]!.GetValue<string>());
        Assert.True(node["isGroup"]!.GetValue<bool>());
        var response = BotJson.Deserialize<ConversationResourceResponse>("""{"id":"19:dsl@thread.tacv2;messageid=17","activityId":"17","extra":true}""")!;
        Assert.Equal("17", response.ActivityId);
        Assert.Contains("extra", BotJson.Serialize(response), StringComparison.Ordinal);
        var replies = BotJson.Deserialize<ExpectedReplies>("""{"activities":[{"type":"message","text":"a"}]}""")!;
        Assert.Equal("a", Assert.Single(replies.Activities).Text);
    }
}
