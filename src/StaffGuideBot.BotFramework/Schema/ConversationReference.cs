using System.Text.Json;
using System.Text.Json.Serialization;

namespace StaffGuideBot.BotFramework.Schema;

public class ConversationReference
{
    /// <summary>The name of the event activity a proactive turn runs (as in Bot Builder).</summary>
    public const string ContinuationEventName = "ContinueConversation";

    public string? ActivityId { get; set; }
    public ChannelAccount? User { get; set; }
    public ChannelAccount? Bot { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public string? ChannelId { get; set; }
    public string? Locale { get; set; }
    public string? ServiceUrl { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>
    /// The activity of a proactive turn in this conversation. It has no id, so what the bot sends in that turn is
    /// posted to the conversation (a Teams thread, if the conversation id names one) rather than as a reply to a message.
    /// </summary>
    public Activity GetContinuationActivity() => new()
    {
        Type = ActivityTypes.Event,
        Name = ContinuationEventName,
        ChannelId = ChannelId,
        ServiceUrl = ServiceUrl,
        Conversation = Conversation,
        Recipient = Bot,
        From = User,
        Locale = Locale,
        RelatesTo = this,
    };
}
