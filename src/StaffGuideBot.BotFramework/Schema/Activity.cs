using System.Text.Json;
using System.Text.Json.Serialization;

namespace StaffGuideBot.BotFramework.Schema;

/// <summary>
/// A Bot Framework activity (Activity Protocol 3.x). Every id is an opaque string.
/// Properties this type does not name are kept in <see cref="Properties"/> and written back unchanged.
/// </summary>
public class Activity
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public DateTimeOffset? LocalTimestamp { get; set; }
    public string? LocalTimezone { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public string? TextFormat { get; set; }
    public string? AttachmentLayout { get; set; }
    public IList<ChannelAccount>? MembersAdded { get; set; }
    public IList<ChannelAccount>? MembersRemoved { get; set; }
    public string? TopicName { get; set; }
    public string? Locale { get; set; }
    public string? Text { get; set; }
    public string? Speak { get; set; }
    public string? InputHint { get; set; }
    public string? Summary { get; set; }
    public IList<Attachment>? Attachments { get; set; }
    public IList<Entity>? Entities { get; set; }
    /// <summary>Channel-specific data; a <see cref="JsonElement"/> when read from JSON. See <see cref="GetChannelData{T}"/>.</summary>
    public object? ChannelData { get; set; }
    public string? Action { get; set; }
    public string? ReplyToId { get; set; }
    public string? Label { get; set; }
    public string? ValueType { get; set; }
    /// <summary>The payload of a card submission or invoke; a <see cref="JsonElement"/> when read from JSON.</summary>
    public object? Value { get; set; }
    public string? Name { get; set; }
    public ConversationReference? RelatesTo { get; set; }
    public string? Code { get; set; }
    public DateTimeOffset? Expiration { get; set; }
    public string? Importance { get; set; }
    public string? DeliveryMode { get; set; }
    public IList<string>? ListenFor { get; set; }
    public string? CallerId { get; set; }

    [JsonExtensionData]
    public IDictionary<string, JsonElement>? Properties { get; set; }

    /// <summary>Reads <see cref="ChannelData"/> as <typeparamref name="T"/>; null when absent or not of that shape.</summary>
    public T? GetChannelData<T>() where T : class => BotJson.ConvertOrDefault<T>(ChannelData);

    /// <summary>Reads <see cref="Value"/> as <typeparamref name="T"/>; null when absent or not of that shape.</summary>
    public T? GetValue<T>() where T : class => BotJson.ConvertOrDefault<T>(Value);

    /// <summary>Teams channel data (tenant, team, channel, eventType), or null outside Teams.</summary>
    public TeamsChannelData? GetTeamsChannelData() => GetChannelData<TeamsChannelData>();

    /// <summary>The tenant the activity came from: Teams channelData first, then the conversation.</summary>
    public string? GetTenantId() => GetTeamsChannelData()?.Tenant?.Id ?? Conversation?.TenantId;

    public ConversationReference GetConversationReference() => new()
    {
        ActivityId = Type == ActivityTypes.ConversationUpdate ? null : Id,
        User = From,
        Bot = Recipient,
        Conversation = Conversation,
        ChannelId = ChannelId,
        Locale = Locale,
        ServiceUrl = ServiceUrl,
    };

    /// <summary>A reply addressed back to the sender in the same conversation (from and recipient swapped).</summary>
    public Activity CreateReply(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        Timestamp = DateTimeOffset.UtcNow,
        From = Recipient is null ? null : new ChannelAccount { Id = Recipient.Id, Name = Recipient.Name },
        Recipient = From is null ? null : new ChannelAccount { Id = From.Id, Name = From.Name, AadObjectId = From.AadObjectId },
        ReplyToId = Id,
        ServiceUrl = ServiceUrl,
        ChannelId = ChannelId,
        Conversation = Conversation is null ? null : new ConversationAccount
        {
            Id = Conversation.Id,
            IsGroup = Conversation.IsGroup,
            Name = Conversation.Name,
            ConversationType = Conversation.ConversationType,
            TenantId = Conversation.TenantId,
        },
        Text = text,
        Locale = Locale,
        Attachments = [],
        Entities = [],
    };

    /// <summary>Removes the &lt;at&gt;…&lt;/at&gt; mention of the recipient from <see cref="Text"/> (Teams puts it there in channels).</summary>
    public string? RemoveRecipientMention()
    {
        if (Text is null || Entities is null || Recipient?.Id is null)
        {
            return Text;
        }

        foreach (var entity in Entities)
        {
            if (entity.Type != "mention")
            {
                continue;
            }

            var mention = entity.As<Mention>();
            if (mention?.Mentioned?.Id == Recipient.Id && !string.IsNullOrEmpty(mention.Text))
            {
                Text = Text.Replace(mention.Text, string.Empty, StringComparison.OrdinalIgnoreCase);
            }
        }

        Text = Text.Trim();
        return Text;
    }

    public static Activity CreateMessageActivity(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        Attachments = [],
        Entities = [],
    };
}
